/**
 * The file loader's public face: load documents from paths, and tell how a file would be read.
 */
export { documentFromBytes, loadFile, readFileBytesSync } from './file-loader.js';
export { type DetectedLanguage, detectLanguage } from './format-detection.js';
export {
  defaultMaxFileBytes,
  loadPaths,
  type LoadPathsOptions,
  selectPaths,
} from './load-paths.js';
export type { FileToLoad, SelectedFile } from './walk-items.js';
