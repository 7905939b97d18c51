/** An error's message for people and logs: `Error.message`, else the thrown value as a string. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
