import { BUNDLED_LIST_PATH } from '../list/paths.js';

/** Absolute path of the list shipped with dsp, the default LIST_SOURCE. */
export function bundledListPath(): string {
  return BUNDLED_LIST_PATH;
}
