/**
 * Sections that describe the list itself rather than list anything: contribution rules, codes of
 * conduct, licences, credits, tables of contents, and keys or glossaries of the marks the list
 * uses (awesome-selfhosted's `## List of Licenses`: `` - `0BSD` - [BSD Zero-Clause](…) ``). Their
 * bullets are not entries, whatever words the heading begins with.
 */
import type { List } from 'mdast';

/** Headings that begin like a footer or a preface section. */
const SELF_DESCRIBING_START =
  /^(?:contribut|how to contribute|licen[cs]e|footnote|credit|sponsor|backer|acknowledg|code of conduct|table of contents|contents?$|toc$|maintainer)/i;

/** Words that name a part of the list's own apparatus, wherever they stand in the heading. */
const APPARATUS = new Set([
  'abbreviations',
  'glossary',
  'key',
  'legend',
  'licence',
  'licences',
  'license',
  'licenses',
]);

/** Words that only frame the apparatus: `List of Licenses`, `Key to the symbols`. */
const FRAMING = new Set(['a', 'list', 'of', 'the', 'to', 'used', 'symbols', 'marks', 'and', 'this', 'in']);

/**
 * True for a heading of a self-describing section: one that begins like a footer
 * (`Contributing`, `License`, `Table of contents`, …) or that names nothing but the list's
 * apparatus (`List of Licenses`, `Legend`, `Glossary`).
 */
export function isSelfDescribingHeading(heading: string): boolean {
  const text = heading.trim();
  if (SELF_DESCRIBING_START.test(text)) return true;
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const named = words.filter((word) => !FRAMING.has(word));
  return named.length > 0 && named.every((word) => APPARATUS.has(word));
}

/**
 * True for a key or glossary: a list whose every item opens with a code span naming a mark or a
 * term (`` `AGPL-3.0` - [GNU Affero …](…) ``, `` `⚠` - Depends on a proprietary service ``).
 * Entries open with their link (or a language in parentheses), never with a code span.
 */
export function isGlossaryList(list: List): boolean {
  return (
    list.children.length > 0 &&
    list.children.every((item) => {
      const first = item.children[0];
      return first?.type === 'paragraph' && first.children[0]?.type === 'inlineCode';
    })
  );
}
