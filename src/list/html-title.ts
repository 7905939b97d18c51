/** A list's title from the HTML of its header, for lists without a markdown `#` title. */
import { collapseWhitespace } from './item-text.js';

const HTML_H1 = /<h1\b[^>]*>([\s\S]{0,500}?)<\/h1>/i;
/** A header logo's alt text (`<img src="logo.svg" alt="Awesome Node.js">`) names the list too. */
const HTML_IMG_ALT = /<img\b[^>]{0,500}?\balt="([^"]{1,200})"/i;
const HTML_TAG = /<[^>]{0,500}>/g;

/** `<h1 align="center">Awesome X</h1>` or a logo's alt text → `Awesome X` (regex on one HTML node's text, not on structure). */
export function htmlHeading(html: string): string | undefined {
  const inner = HTML_H1.exec(html)?.[1] ?? HTML_IMG_ALT.exec(html)?.[1];
  if (inner === undefined) return undefined;
  const text = collapseWhitespace(inner.replace(HTML_TAG, ' '));
  return text.length > 0 ? text : undefined;
}
