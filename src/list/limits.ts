export interface ParseLimits {
  /** Characters read; the rest is dropped (at a line boundary) with an `input-too-large` diagnostic. */
  maxChars: number;
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
  maxChars: 1_000_000,
  maxLineNesting: 16,
  maxIndent: 64,
  maxLineLength: 20_000,
  maxDelimitersPerBlock: 100,
};
