/**
 * LIST_MAX_BYTES on its own, for the CLI: it needs no other setting, and must not fail on one
 * that only the bot uses.
 */
import { formatProblem, type Environment } from './load.js';
import { configSchema, VARIABLES } from './schema.js';

export type ListLimitResult = { ok: true; bytes: number } | { ok: false; problem: string };

export function listMaxBytes(env: Environment): ListLimitResult {
  const result = configSchema.shape.LIST_MAX_BYTES.safeParse(env.LIST_MAX_BYTES);
  if (result.success) return { ok: true, bytes: result.data };
  return {
    ok: false,
    problem: formatProblem(VARIABLES.LIST_MAX_BYTES, env.LIST_MAX_BYTES, result.error.issues[0]?.message),
  };
}
