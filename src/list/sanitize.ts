import { diagnostic } from './diagnostics.js';
import type { ParseLimits } from './limits.js';
import type { Diagnostic } from './types.js';

export interface SanitizedInput {
  text: string;
  diagnostics: Diagnostic[];
}

/** C0 controls other than tab, line feed, form feed and carriage return. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g;

/**
 * Makes hostile input safe for micromark without changing the line count (so source lines stay right):
 * replaces control characters, and flattens pathological nesting, which makes micromark quadratic or
 * overflow the stack (3,000 nested `>` lines take minutes). It never drops part of the text: the size
 * of a list is limited before parsing (LIST_MAX_BYTES), not by cutting it here.
 */
export function sanitizeInput(markdown: string, limits: ParseLimits): SanitizedInput {
  const diagnostics: Diagnostic[] = [];
  // CommonMark counts \r\n, \r and \n each as one line ending; one form keeps the line guards simple.
  const cleaned = replaceControlChars(markdown.replace(/\r\n?/g, '\n'), diagnostics);
  const flattened = flattenDeepLines(cleaned, limits, diagnostics);
  const text = escapeDelimiterFloods(flattened, limits.maxDelimitersPerBlock, diagnostics);
  return { text, diagnostics };
}

function replaceControlChars(text: string, diagnostics: Diagnostic[]): string {
  let count = 0;
  let firstIndex = -1;
  const replaced = text.replace(CONTROL_CHARS, (_char, offset: number) => {
    count += 1;
    if (firstIndex < 0) firstIndex = offset;
    return '\uFFFD';
  });
  if (count === 0) return text;
  const line = countLines(text.slice(0, firstIndex));
  diagnostics.push(
    diagnostic(
      'binary-input',
      `input contains ${count} control or NUL character(s); is it a text file?`,
      line,
    ),
  );
  return replaced;
}

function flattenDeepLines(text: string, limits: ParseLimits, diagnostics: Diagnostic[]): string {
  const lines = text.split('\n');
  let changed = 0;
  let firstLine = 0;
  for (let index = 0; index < lines.length; index += 1) {
    const original = lines[index] ?? '';
    const flattened = flattenLine(original, limits);
    if (flattened === original) continue;
    lines[index] = flattened;
    changed += 1;
    if (firstLine === 0) firstLine = index + 1;
  }
  if (changed === 0) return text;
  diagnostics.push(
    diagnostic(
      'nesting-too-deep',
      `${changed} line(s) nested or indented too deeply or too long; their structure was flattened`,
      firstLine,
    ),
  );
  return lines.join('\n');
}

/** Length of the leading container prefix of a line: whitespace, `>` and list markers. */
interface LinePrefix {
  /** Index just past the last kept marker (or whitespace) before a limit was hit. */
  keepUntil: number;
  /** Index where the content after the whole prefix starts. */
  contentStart: number;
  exceeded: boolean;
}

const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/;

function scanPrefix(line: string, limits: ParseLimits): LinePrefix {
  let index = 0;
  let markers = 0;
  let columns = 0;
  let keepUntil = 0;
  let exceeded = false;
  while (index < line.length) {
    const char = line[index];
    if (char === ' ' || char === '\t') {
      columns += char === '\t' ? 4 : 1;
      index += 1;
    } else if (char === '>') {
      markers += 1;
      index += 1;
    } else {
      const marker = LIST_MARKER.exec(line.slice(index, index + 11));
      if (!marker) break;
      markers += 1;
      index += marker[0].length;
    }
    if (!exceeded && (markers > limits.maxLineNesting || columns > limits.maxIndent)) exceeded = true;
    if (!exceeded) keepUntil = index;
  }
  return { keepUntil, contentStart: index, exceeded };
}

function flattenLine(line: string, limits: ParseLimits): string {
  let result = line;
  const prefix = scanPrefix(line, limits);
  if (prefix.exceeded) {
    result = `${line.slice(0, prefix.keepUntil)} ${line.slice(prefix.contentStart)}`;
  }
  if (result.length > limits.maxLineLength) result = result.slice(0, limits.maxLineLength);
  return result;
}

const DELIMITERS = new Set(['*', '_', '[', ']', '`', '~', '<']);
/** A line that starts a new block: blank, a heading, or a list item (after any `>` and indentation). */
const BLOCK_START = /^[\s>]*(?:$|#|[-*+][ \t]|\d{1,9}[.)][ \t])/;

/**
 * Blanks out inline delimiters past the per-block budget. Real lists use a handful per item; thousands in
 * one paragraph are junk, and micromark would spend minutes pairing them (escaping them is slow too).
 */
function escapeDelimiterFloods(text: string, budget: number, diagnostics: Diagnostic[]): string {
  const lines = text.split('\n');
  let counts = new Map<string, number>();
  let firstLine = 0;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (BLOCK_START.test(line)) counts = new Map();
    const escaped = escapeLine(line, counts, budget);
    if (escaped === line) continue;
    lines[index] = escaped;
    if (firstLine === 0) firstLine = index + 1;
  }
  if (firstLine === 0) return text;
  diagnostics.push(
    diagnostic(
      'nesting-too-deep',
      `more than ${budget} of one inline delimiter in a block; the rest were dropped`,
      firstLine,
    ),
  );
  return lines.join('\n');
}

function escapeLine(line: string, counts: Map<string, number>, budget: number): string {
  let result = '';
  let changed = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i] as string;
    if (DELIMITERS.has(char)) {
      const seen = (counts.get(char) ?? 0) + 1;
      counts.set(char, seen);
      if (seen > budget) {
        result += ' ';
        changed = true;
        continue;
      }
    }
    result += char;
  }
  return changed ? result : line;
}

function countLines(text: string): number {
  let lines = 1;
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) lines += 1;
  return lines;
}
