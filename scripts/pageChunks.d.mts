export const TFJS_MARKERS: string[];
export function initialChunks(dist: string): string[];
export function tfjsInChunks(dist: string): { file: string; markers: string[] }[];
