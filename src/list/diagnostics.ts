import type { Diagnostic, DiagnosticLevel, DiagnosticRule } from './types.js';

/** Default severity of each rule: errors are what `dsp lint` fails on. */
export const RULE_LEVELS: Readonly<Record<DiagnosticRule, DiagnosticLevel>> = {
  'missing-link': 'warning',
  'non-http-link': 'error',
  'duplicate-url': 'warning',
  'name-mismatch': 'warning',
  'empty-category': 'warning',
  'empty-list': 'error',
  'input-too-large': 'error',
  'nesting-too-deep': 'warning',
  'binary-input': 'error',
};

export function diagnostic(
  rule: DiagnosticRule,
  message: string,
  line: number,
  level: DiagnosticLevel = RULE_LEVELS[rule],
): Diagnostic {
  return { level, rule, message, line };
}

export function byLine(a: Diagnostic, b: Diagnostic): number {
  return a.line - b.line;
}
