// Waiting in integration tests. What takes milliseconds on an idle machine can take seconds on
// a loaded CI runner with two cores, so every wait for something asynchronous (a sign-in, a
// service retry, a tray update) allows 10 s and polls every 10 ms: a passing test is as fast
// as before, and only a test that would fail anyway waits the whole budget.
import { vi } from 'vitest';

export const EVENTUALLY_MS = 10_000;

/** Retries `check` (a function with `expect`s in it) until it passes, for at most `timeout` ms. */
export function eventually<T>(check: () => T | Promise<T>, timeout = EVENTUALLY_MS): Promise<T> {
  return vi.waitFor(check, { timeout, interval: 10 });
}
