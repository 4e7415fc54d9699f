/**
 * The file loader's public face: load documents from paths, and tell how a file would be read.
 */
export { type DetectedLanguage, detectLanguage } from './format-detection.js';
export { defaultMaxFileBytes, loadPaths, type LoadPathsOptions } from './load-paths.js';
