/** The list parser, loaded lazily so that the benchmark still runs while it is being written. */
import type { ListDocument } from '../../src/list/types.js';

export type Parse = (markdown: string) => ListDocument;

export async function loadParser(): Promise<Parse | undefined> {
  // A path in a variable keeps tsc from requiring the module before it exists.
  const parserPath = '../../src/list/parse.js';
  try {
    return ((await import(parserPath)) as { parseList: Parse }).parseList;
  } catch {
    return undefined;
  }
}
