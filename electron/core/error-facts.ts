// What of a thrown value may be logged: its class name and its errno-style code, never its
// message, which may quote input (a path, a provider's answer, a secret). One rule for core,
// main and the command line.

/** The error's class name (`TypeError`), or the type of a thrown non-error (`string`). */
export function errorName(err: unknown): string {
  return err instanceof Error ? err.name : typeof err;
}

/** An error's errno-style code (EMFILE, ECONNRESET...), or null when it has none of that shape. */
export function errorCode(err: unknown): string | null {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? code : null;
}
