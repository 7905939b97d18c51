/** How one environment variable is described (docs, problems) and read into a zod field. */
import { z } from 'zod';
import { parseDuration } from './parse.js';

/** What a variable accepts, shown in problems and in docs/configuration.md. */
export interface VariableSpec {
  name: string;
  /** One line: what it does. */
  description: string;
  /** Default as written in `.env`, or undefined when the variable is optional without default. */
  defaultText?: string;
  /** A right value, used in problem messages. */
  example: string;
  /** Secret values are never echoed back in problems. */
  secret?: boolean;
  /** The rule a bad value broke, e.g. "must be a port number 0-65535". */
  expectation: string;
}

/**
 * Builds a zod field from a reader: blank or missing text takes the default (or stays undefined),
 * text the reader rejects becomes one issue carrying the variable's expectation.
 */
export function field<T>(spec: VariableSpec, read: (text: string) => T | undefined, fallback?: () => T) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): T | undefined => {
      const text = raw?.trim() ?? '';
      if (text === '') return fallback?.();
      const value = read(text);
      if (value === undefined) {
        ctx.addIssue({ code: 'custom', message: spec.expectation });
        return z.NEVER;
      }
      return value;
    });
}

export function required<T>(schema: z.ZodType<T | undefined, string | undefined>) {
  return schema.transform((value) => value as T);
}

// Readers shared by several areas: each returns undefined for text it rejects.

export const isHttpUrl = (text: string): boolean => {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
};

/** An http(s) URL without trailing slashes. */
export const readBaseUrl = (text: string): string | undefined =>
  isHttpUrl(text) ? text.replace(/\/+$/, '') : undefined;

/** A token or host name: anything without whitespace. */
export const readWithoutSpaces = (text: string): string | undefined => (/\s/.test(text) ? undefined : text);

export const positiveDuration = (text: string): number | undefined => {
  const ms = parseDuration(text);
  return ms !== undefined && ms > 0 ? ms : undefined;
};

export const readSwitch = (text: string): boolean | undefined => {
  const lower = text.toLowerCase();
  if (['on', 'true', 'yes', '1'].includes(lower)) return true;
  if (['off', 'false', 'no', '0'].includes(lower)) return false;
  return undefined;
};
