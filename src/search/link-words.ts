/**
 * Words an entry's link adds to its searchable text, from what the link points at: a PDF is a
 * `paper`, a YouTube link a `video` and a `talk`. They are indexed with the category text rather
 * than as a field of their own: MiniSearch's cost per query term grows with the square of the
 * number of fields.
 */
import { linkTarget, type LinkTarget } from '../list/link-target.js';
import type { Entry } from '../list/types.js';

const LINK_WORDS: Record<LinkTarget, string> = {
  repository: '',
  site: '',
  list: 'list',
  paper: 'paper',
  video: 'video talk',
  book: 'book',
  course: 'course',
  article: 'article post',
  community: 'community',
};

/** What the entry's link points at, as words: `paper` for a PDF, `video talk` for a YouTube link. */
export function linkWords(entry: Entry): string {
  return LINK_WORDS[linkTarget(entry.url)];
}
