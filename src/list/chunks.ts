/**
 * Cutting a long list into parts that parse exactly as they do inside the whole document, so that
 * the parser never holds the syntax tree of a whole 5 MB list at once (remark's tree and
 * micromark's events take about 200 bytes of memory per character of input) and can report
 * progress between parts.
 *
 * A part ends just before a top-level ATX heading (`#`…`######` at column 0) that follows a blank
 * line outside a fenced code block and outside an HTML block that only its end marker closes
 * (`<!-- … -->`, `<script>`, `<pre>`…), nor inside one that a blank line ends (`<div>`,
 * `</details>`: a fence opener in one is no fence). Such a heading always starts a new top-level block: a
 * blank line has ended every paragraph, table and HTML block of the other kinds, and no block
 * quote or list item continues over an unindented heading. An HTML opener that is in fact inside
 * a list item only keeps parts longer, never cuts one wrongly; an indented fence opener (which may
 * be inside a list item, and then paired wrongly with a later unindented fence) parses the text in
 * one part.
 *
 * Link reference definitions apply to the whole document: the one-line definitions that stand
 * alone (`[label]: https://…` after a blank line) are put in front of every part. When a text
 * holds `]:` anywhere else, or definitions next to code or HTML opened inside a list item or a
 * quote (where a definition-like line may be code), it is parsed in one part.
 */

export interface TextPart {
  text: string;
  /** Add to a line number inside `text` to get the line in the whole document. */
  lineOffset: number;
  /** Offset just past the part in the whole text, for progress. */
  end: number;
}

const ATX_HEADING = /^#{1,6}(?:[ \t]|$)/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const BLANK = /^[ \t]*$/;
/** A whole link reference definition on one line: `[label]: destination`. */
const DEFINITION = /^ {0,3}\[(?:[^[\]\\]|\\.){1,999}\]:[ \t]*\S/;
/** Openers of fenced code and of HTML blocks that a blank line does not end, anywhere on a line. */
const OPENER_ANYWHERE = /`{3}|~{3}|<[!?]|<(?:script|pre|style|textarea)/i;

/** HTML blocks that a blank line does not end (CommonMark kinds 1 to 5): opener and end marker. */
const HTML_BLOCKS: { open: RegExp; end: RegExp }[] = [
  { open: /^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, end: /<\/(?:script|pre|style|textarea)>/i },
  { open: /^ {0,3}<!--/, end: /-->/ },
  { open: /^ {0,3}<\?/, end: /\?>/ },
  { open: /^ {0,3}<![A-Za-z]/, end: />/ },
  { open: /^ {0,3}<!\[CDATA\[/, end: /\]\]>/ },
];

/**
 * A line that may start an HTML block that a blank line ends (CommonMark kinds 6 and 7: `<div>`,
 * `</details>`, any tag alone on its line). Inside one a fence opener is no fence.
 */
const TAG_LINE = /^ {0,3}<\/?[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$)/;

type State =
  | { kind: 'flow' }
  | { kind: 'fence'; marker: string; length: number }
  | { kind: 'html'; end: RegExp }
  | { kind: 'html-until-blank' }
  /** A fence or HTML opener inside what may be an HTML block: whether it opens is not known here. */
  | { kind: 'unsure' };

const FLOW: State = { kind: 'flow' };

/** The text in parts of at least `targetChars` characters each (the last may be shorter). */
export function splitForParsing(text: string, targetChars: number): TextPart[] {
  const whole = [{ text, lineOffset: 0, end: text.length }];
  if (text.length <= targetChars) return whole;
  const cuts: { start: number; line: number }[] = [{ start: 0, line: 0 }];
  const definitions: string[] = [];
  let state: State = FLOW;
  let previousBlank = true;
  let previousDefinition = false;
  let nestedOpener = false;
  let line = 0;
  for (let start = 0; start < text.length; line += 1) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const content = text.slice(start, end);
    const cutStart = cuts.at(-1)?.start ?? 0;
    const inFlow = state.kind === 'flow';
    const blank = BLANK.test(content);
    if (inFlow && previousBlank && start - cutStart >= targetChars && ATX_HEADING.test(content)) {
      cuts.push({ start, line });
    }
    let isDefinition = false;
    if (inFlow && content.includes(']:')) {
      // Only a definition standing alone can be repeated in front of every part.
      if (!(previousBlank || previousDefinition) || !DEFINITION.test(content)) return whole;
      definitions.push(content);
      isDefinition = true;
    } else if (inFlow && previousDefinition && !blank) {
      return whole; // a title or destination continued on the next line
    }
    state = nextState(state, content);
    if (state.kind === 'unsure') return whole;
    if (inFlow && state.kind === 'flow' && OPENER_ANYWHERE.test(content)) nestedOpener = true;
    previousBlank = state.kind === 'flow' && blank;
    previousDefinition = isDefinition;
    start = end + 1;
  }
  if (cuts.length === 1 || (definitions.length > 0 && nestedOpener)) return whole;
  const prefix = definitions.length > 0 ? `${definitions.join('\n')}\n\n` : '';
  const prefixLines = definitions.length > 0 ? definitions.length + 1 : 0;
  return cuts.map((cut, index) => {
    const end = cuts[index + 1]?.start ?? text.length;
    return { text: prefix + text.slice(cut.start, end), lineOffset: cut.line - prefixLines, end };
  });
}

function nextState(state: State, line: string): State {
  if (state.kind === 'fence') {
    const fence = FENCE_CLOSE.exec(line)?.[1];
    return fence !== undefined && fence[0] === state.marker && fence.length >= state.length ? FLOW : state;
  }
  if (state.kind === 'html') return state.end.test(line) ? FLOW : state;
  if (state.kind === 'html-until-blank') {
    if (BLANK.test(line)) return FLOW;
    const opens = FENCE_OPEN.test(line) || HTML_BLOCKS.some((block) => block.open.test(line));
    return opens ? { kind: 'unsure' } : state;
  }
  const fence = FENCE_OPEN.exec(line);
  const marker = fence?.[1];
  if (marker !== undefined && !(marker[0] === '`' && (fence?.[2] ?? '').includes('`'))) {
    // An indented fence may sit in a list item, where an unindented fence line after it is no
    // closer but a top-level opener: which one it is needs the containers, so it is unclear here.
    if (line.startsWith(' ')) return { kind: 'unsure' };
    return { kind: 'fence', marker: marker[0] as string, length: marker.length };
  }
  for (const block of HTML_BLOCKS) {
    const open = block.open.exec(line);
    if (open) return block.end.test(line.slice(open[0].length)) ? FLOW : { kind: 'html', end: block.end };
  }
  return TAG_LINE.test(line) ? { kind: 'html-until-blank' } : FLOW;
}
