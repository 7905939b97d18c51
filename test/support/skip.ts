/**
 * The condition for `describe.skipIf(...)` that says why: with a reason it prints the reason once,
 * as the file is collected, and skips; without one it runs the suite.
 */
export function skipBecause(reason: string | false | undefined): boolean {
  if (!reason) return false;
  console.warn(reason);
  return true;
}
