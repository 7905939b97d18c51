import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const LAST_GOOD_LIST_FILE = 'last-good-list.md';
export const LAST_GOOD_META_FILE = 'last-good-list.json';

export interface LastGoodMeta {
  source: string;
  etag?: string;
  lastModified?: string;
  savedAt: string;
  entries: number;
}

export interface LastGoodCopy {
  text: string;
  meta: LastGoodMeta;
}

/** Write to a temporary file in the same directory, then rename: readers never see half a file. */
async function writeAtomically(path: string, content: string): Promise<void> {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, content, 'utf8');
  await rename(temporary, path);
}

export async function saveLastGood(stateDir: string, copy: LastGoodCopy): Promise<void> {
  await mkdir(stateDir, { recursive: true });
  await writeAtomically(join(stateDir, LAST_GOOD_LIST_FILE), copy.text);
  await writeAtomically(join(stateDir, LAST_GOOD_META_FILE), `${JSON.stringify(copy.meta, null, 2)}\n`);
}

function isMeta(value: unknown): value is LastGoodMeta {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.source === 'string' && typeof record.savedAt === 'string';
}

/** The saved copy, or undefined when there is none or it cannot be read. */
export async function loadLastGood(stateDir: string): Promise<LastGoodCopy | undefined> {
  try {
    const [text, metaText] = await Promise.all([
      readFile(join(stateDir, LAST_GOOD_LIST_FILE), 'utf8'),
      readFile(join(stateDir, LAST_GOOD_META_FILE), 'utf8'),
    ]);
    const meta: unknown = JSON.parse(metaText);
    return isMeta(meta) ? { text, meta } : undefined;
  } catch {
    return undefined;
  }
}
