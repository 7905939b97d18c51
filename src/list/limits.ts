/**
 * The one limit on a list's size: larger lists are refused before parsing (LIST_MAX_BYTES; the
 * source reader and the catalog enforce it). A list up to it is parsed whole: the guards below
 * bound the time spent per line and per block, they never drop part of the list.
 */
export const DEFAULT_LIST_MAX_BYTES = 5 * 1024 * 1024;

export interface ParseLimits {
  /** Container markers (`>`, `-`, `1.`) kept at the start of one line. */
  maxLineNesting: number;
  /** Columns of leading whitespace kept at the start of one line. */
  maxIndent: number;
  /** Characters kept on one line (pathological inline constructs are quadratic in micromark). */
  maxLineLength: number;
  /**
   * Inline delimiters (`*`, `_`, `[`, `]`, backtick, `~`, `<`) of one kind kept live per paragraph-like block;
   * beyond this they are replaced by spaces, because micromark resolves them in quadratic time.
   */
  maxDelimitersPerBlock: number;
}

export const DEFAULT_LIMITS: ParseLimits = {
  maxLineNesting: 16,
  maxIndent: 64,
  maxLineLength: 20_000,
  maxDelimitersPerBlock: 100,
};
