import type { Diagnostic, DiagnosticLevel, DiagnosticRule } from './types.js';

/** Default severity of each rule: errors are what `dsp lint` fails on. */
export const RULE_LEVELS: Readonly<Record<DiagnosticRule, DiagnosticLevel>> = {
  'missing-link': 'warning',
  'non-http-link': 'error',
  'duplicate-url': 'warning',
  'name-mismatch': 'warning',
  'empty-category': 'warning',
  'empty-list': 'error',
  'nesting-too-deep': 'warning',
  'binary-input': 'error',
  'parse-failed': 'error',
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

/** Diagnostics kept per rule; hostile input could otherwise produce one per line. */
export const MAX_DIAGNOSTICS_PER_RULE = 200;

/** Keeps the first diagnostics of each rule and replaces the rest by one summary (at the first dropped line). */
export function capPerRule(diagnostics: readonly Diagnostic[], max = MAX_DIAGNOSTICS_PER_RULE): Diagnostic[] {
  const kept: Diagnostic[] = [];
  const dropped = new Map<DiagnosticRule, { count: number; first: Diagnostic }>();
  const counts = new Map<DiagnosticRule, number>();
  for (const item of diagnostics) {
    const count = (counts.get(item.rule) ?? 0) + 1;
    counts.set(item.rule, count);
    if (count <= max) kept.push(item);
    else {
      const summary = dropped.get(item.rule);
      if (summary === undefined) dropped.set(item.rule, { count: 1, first: item });
      else summary.count += 1;
    }
  }
  for (const [rule, { count, first }] of dropped) {
    kept.push(diagnostic(rule, `${count} more ${rule} diagnostic(s) not shown`, first.line, first.level));
  }
  return kept.sort(byLine);
}
