/**
 * Cutting a long list into parts that parse exactly as they do inside the whole document, so that
 * the parser never holds the syntax tree of a whole 5 MB list at once (remark's tree and
 * micromark's events take about 200 bytes of memory per character of input) and can report
 * progress between parts.
 *
 * A part ends just before a top-level ATX heading (`#`…`######` at column 0) that follows a blank
 * line outside a fenced code block and outside an HTML block that only its end marker closes
 * (`<!-- … -->`, `<script>`, `<pre>`…). Such a heading always starts a new top-level block: a
 * blank line has ended every paragraph, table and HTML block of the other kinds, and no block
 * quote or list item continues over an unindented heading. A fence or an HTML opener that is in
 * fact inside a list item only keeps parts longer, never cuts one wrongly.
 *
 * Link reference definitions apply to the whole document, so a text that may hold one (`]:`
 * anywhere) is parsed in one part.
 */

export interface TextPart {
  text: string;
  /** Lines before this part in the whole text: add it to a line number inside the part. */
  lineOffset: number;
  /** Offset just past the part in the whole text, for progress. */
  end: number;
}

const ATX_HEADING = /^#{1,6}(?:[ \t]|$)/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const BLANK = /^[ \t]*$/;

/** HTML blocks that a blank line does not end (CommonMark kinds 1 to 5): opener and end marker. */
const HTML_BLOCKS: { open: RegExp; end: RegExp }[] = [
  { open: /^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, end: /<\/(?:script|pre|style|textarea)>/i },
  { open: /^ {0,3}<!--/, end: /-->/ },
  { open: /^ {0,3}<\?/, end: /\?>/ },
  { open: /^ {0,3}<![A-Za-z]/, end: />/ },
  { open: /^ {0,3}<!\[CDATA\[/, end: /\]\]>/ },
];

type State =
  { kind: 'flow' } | { kind: 'fence'; marker: string; length: number } | { kind: 'html'; end: RegExp };

const FLOW: State = { kind: 'flow' };

/** The text in parts of at least `targetChars` characters each (the last may be shorter). */
export function splitForParsing(text: string, targetChars: number): TextPart[] {
  if (text.length <= targetChars || text.includes(']:')) return [{ text, lineOffset: 0, end: text.length }];
  const parts: TextPart[] = [];
  let state: State = FLOW;
  let previousBlank = false;
  let partStart = 0;
  let partLineOffset = 0;
  let line = 0;
  for (let start = 0; start < text.length; line += 1) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const content = text.slice(start, end);
    if (
      state.kind === 'flow' &&
      previousBlank &&
      start - partStart >= targetChars &&
      ATX_HEADING.test(content)
    ) {
      parts.push({ text: text.slice(partStart, start), lineOffset: partLineOffset, end: start });
      partStart = start;
      partLineOffset = line;
    }
    state = nextState(state, content);
    previousBlank = state.kind === 'flow' && BLANK.test(content);
    start = end + 1;
  }
  parts.push({ text: text.slice(partStart), lineOffset: partLineOffset, end: text.length });
  return parts;
}

function nextState(state: State, line: string): State {
  if (state.kind === 'fence') {
    const close = FENCE_CLOSE.exec(line);
    const fence = close?.[1];
    return fence !== undefined && fence[0] === state.marker && fence.length >= state.length ? FLOW : state;
  }
  if (state.kind === 'html') return state.end.test(line) ? FLOW : state;
  const fence = FENCE_OPEN.exec(line);
  const marker = fence?.[1];
  if (marker !== undefined && !(marker[0] === '`' && (fence?.[2] ?? '').includes('`'))) {
    return { kind: 'fence', marker: marker[0] as string, length: marker.length };
  }
  for (const block of HTML_BLOCKS) {
    const open = block.open.exec(line);
    if (open) return block.end.test(line.slice(open[0].length)) ? FLOW : { kind: 'html', end: block.end };
  }
  return FLOW;
}
