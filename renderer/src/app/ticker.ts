// One shared 1-second clock for every countdown on screen. Each countdown is a leaf that
// subscribes here, so a tick re-renders only those leaves, never the cards or the list; a leaf
// that reads what it shows through its snapshot re-renders only when that text changes. The
// timer runs only while something listens and the window is shown, and ticks on whole seconds
// so all clocks agree.
import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setTimeout> | undefined;
let paused = false;

function schedule(): void {
  timer = setTimeout(tick, 1000 - (Date.now() % 1000) + 2);
}

function tick(): void {
  now = Date.now();
  for (const listener of [...listeners]) listener();
  schedule();
}

function stop(): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
}

export function subscribeTicker(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === undefined && !paused) {
    now = Date.now();
    schedule();
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) stop();
  };
}

/**
 * Stops the clock while nobody can see it (the window hidden in the tray) and catches up at
 * once when it is shown again.
 */
export function setTickerPaused(hidden: boolean): void {
  if (hidden === paused) return;
  paused = hidden;
  if (hidden) stop();
  else if (listeners.size > 0 && timer === undefined) tick();
}

/** The time of the last tick (stable between ticks, as useSyncExternalStore requires). */
export function tickerNow(): number {
  return now;
}

export function tickerListenerCount(): number {
  return listeners.size;
}

export function tickerRunning(): boolean {
  return timer !== undefined;
}

/** The current time, updated once a second. Use only in small leaf components. */
export function useNow(): number {
  return useSyncExternalStore(subscribeTicker, tickerNow);
}

const noSubscription = () => () => undefined;

/**
 * What a leaf shows at the current tick, recomputed each second only while `active` (on
 * screen); it re-renders only when the value changes (compare with Object.is: return text or
 * numbers, not fresh objects).
 */
export function useTicking<T>(active: boolean, read: (now: number) => T): T {
  return useSyncExternalStore(active ? subscribeTicker : noSubscription, () => read(tickerNow()));
}
