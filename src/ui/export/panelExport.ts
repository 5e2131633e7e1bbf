// Download one panel as an SVG (vector) or a PNG (2× raster of the same SVG).
import { downloadBlob, downloadText, MIME, safeFilename } from './download';
import { svgToPng } from './png';
import { panelToSvg } from './svg';

export type ImageFormat = 'svg' | 'png';

export async function exportPanel(panel: Element, title: string, format: ImageFormat, nameParts: readonly (string | number)[] = []): Promise<void> {
  const { svg, width, height } = panelToSvg(panel, title);
  const filename = safeFilename(['tangent-lab', title, ...nameParts], format);
  if (format === 'svg') downloadText(svg, filename, MIME.svg);
  else downloadBlob(await svgToPng(svg, width, height, 2), filename);
}
