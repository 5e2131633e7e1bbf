// Export utilities: files from the live page (panel → SVG/PNG, rows → CSV/JSON) and the download helper.
export { csvField, columnsOf, keyColumns, toCsv, type CsvColumn } from './csv';
export { toJson } from './json';
export { MIME, safeFilename, downloadBlob, downloadText } from './download';
export { svgToPng } from './png';
export { escapeXml, styleString, svgDocument, svgText, plainText, cloneSvg, panelToSvg, type PanelSvg, type SvgTextItem } from './svg';
export { exportPanel, type ImageFormat } from './panelExport';
