// One shared 1-second clock for every countdown on screen. Each countdown is a leaf that
// subscribes here, so a tick re-renders only those leaves, never the cards or the list. The
// timer runs only while something listens, and ticks on whole seconds so all clocks agree.
import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setTimeout> | undefined;

function schedule(): void {
  timer = setTimeout(tick, 1000 - (Date.now() % 1000) + 2);
}

function tick(): void {
  now = Date.now();
  for (const listener of [...listeners]) listener();
  schedule();
}

export function subscribeTicker(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined) {
    now = Date.now();
    schedule();
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
  };
}

/** The time of the last tick (stable between ticks, as useSyncExternalStore requires). */
export function tickerNow(): number {
  return now;
}

export function tickerListenerCount(): number {
  return listeners.size;
}

/** The current time, updated once a second. Use only in small leaf components. */
export function useNow(): number {
  return useSyncExternalStore(subscribeTicker, tickerNow);
}
