// One timer for every profile: a min-heap of due times with a single armed timeout. It also
// watches the wall clock against the monotonic one, which is how a sleep, a resume or a
// changed system date is noticed.
import type { Clock, TimerHandle } from '../clock';

interface Entry {
  key: string;
  dueAt: number;
}

/** The timer never sleeps longer than this, so a clock jump is noticed within a minute. */
const MAX_TIMER_MS = 60_000;
const JUMP_THRESHOLD_MS = 5_000;

export class TimerQueue {
  private heap: Entry[] = [];
  private live = new Map<string, Entry>();
  private timer: TimerHandle | undefined;
  private armedAt: number | undefined;
  private baseWall: number;
  private baseMono: number;

  constructor(
    private readonly clock: Clock,
    private readonly onDue: (key: string) => void,
    /** Called with wall-clock time gained minus monotonic time gained, when they disagree. */
    private readonly onClockJump: (deltaMs: number) => void,
  ) {
    this.baseWall = clock.now();
    this.baseMono = clock.monotonic();
  }

  get size(): number {
    return this.live.size;
  }

  /** Timers currently armed: 0 or 1, whatever the number of entries. */
  get timersInUse(): number {
    return this.timer === undefined ? 0 : 1;
  }

  dueAt(key: string): number | undefined {
    return this.live.get(key)?.dueAt;
  }

  schedule(key: string, dueAt: number): void {
    const entry = { key, dueAt };
    this.live.set(key, entry);
    this.push(entry);
    this.compactIfStale();
    this.arm();
  }

  cancel(key: string): void {
    if (this.live.delete(key)) {
      this.compactIfStale();
      this.arm();
    }
  }

  /** Moves every due time by delta, after the wall clock was set back. */
  shift(deltaMs: number): void {
    for (const entry of this.live.values()) entry.dueAt += deltaMs;
    this.heap = [...this.live.values()].sort((a, b) => a.dueAt - b.dueAt);
    this.arm(true);
  }

  /** Compares wall and monotonic progress since the last check; reports a jump once. */
  checkClock(): void {
    const wall = this.clock.now();
    const mono = this.clock.monotonic();
    const delta = wall - this.baseWall - (mono - this.baseMono);
    this.baseWall = wall;
    this.baseMono = mono;
    if (Math.abs(delta) >= JUMP_THRESHOLD_MS) this.onClockJump(delta);
  }

  stop(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.armedAt = undefined;
    this.heap = [];
    this.live.clear();
  }

  private top(): Entry | undefined {
    while (this.heap.length > 0 && this.live.get(this.heap[0]!.key) !== this.heap[0]) this.pop();
    return this.heap[0];
  }

  private arm(force = false): void {
    const next = this.top();
    if (!next) {
      if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
      this.timer = undefined;
      this.armedAt = undefined;
      return;
    }
    const now = this.clock.now();
    const fireAt = Math.min(next.dueAt, now + MAX_TIMER_MS);
    // Already armed early enough: one timer serves all, no need to touch it.
    if (!force && this.timer !== undefined && this.armedAt !== undefined && this.armedAt <= fireAt) return;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.armedAt = fireAt;
    this.timer = this.clock.setTimeout(() => this.fire(), Math.max(0, fireAt - now));
  }

  private fire(): void {
    this.timer = undefined;
    this.armedAt = undefined;
    this.checkClock();
    const now = this.clock.now();
    const due: string[] = [];
    for (let next = this.top(); next && next.dueAt <= now; next = this.top()) {
      this.pop();
      this.live.delete(next.key);
      due.push(next.key);
    }
    for (const key of due) this.onDue(key);
    this.arm();
  }

  private compactIfStale(): void {
    if (this.heap.length > 2 * this.live.size + 64) {
      this.heap = [...this.live.values()];
      this.heap.sort((a, b) => a.dueAt - b.dueAt);
    }
  }

  // -- binary heap on dueAt --
  private push(entry: Entry): void {
    const h = this.heap;
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (h[parent]!.dueAt <= h[i]!.dueAt) break;
      [h[parent], h[i]] = [h[i]!, h[parent]!];
      i = parent;
    }
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop();
    if (h.length === 0 || !last) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && h[l]!.dueAt < h[m]!.dueAt) m = l;
      if (r < h.length && h[r]!.dueAt < h[m]!.dueAt) m = r;
      if (m === i) break;
      [h[m], h[i]] = [h[i]!, h[m]!];
      i = m;
    }
  }
}
