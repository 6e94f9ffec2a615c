// Notices the network coming back. Electron's main process has no online/offline event (those
// live in renderers, which main does not take orders from), and the check is a cheap local
// lookup, so a slow poll is the simple dependable way. Plain Node so it can be tested with fake
// timers; power.ts feeds it `net.isOnline`.

export interface OnlineWatch {
  stop(): void;
}

/** Calls `onBackOnline` on each offline -> online transition seen by polling `isOnline`. */
export function watchOnline(isOnline: () => boolean, onBackOnline: () => void, intervalMs: number): OnlineWatch {
  let online = isOnline();
  const timer = setInterval(() => {
    const now = isOnline();
    if (now && !online) onBackOnline();
    online = now;
  }, intervalMs);
  // Never the reason the process stays alive.
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
