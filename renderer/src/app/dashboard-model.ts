// The dashboard's order and each card's health, derived from the token views: problems first,
// worst first (no usable token, needs attention, retrying, expiring), then the rest by name. A
// card whose token is being renewed keeps the health and the place it had, so nothing jumps
// while a renewal runs. Pure: the store runs it when views change and when a token crosses a
// moment that changes its health (expiry, renewal due), never once a second.
import {
  type Health,
  type HealthInput,
  healthOf,
  type HealthSummary,
  nextHealthChange,
  PROBLEMS,
  summarizeHealth,
  tokenWorks,
} from '#common/health';

export type { Health, HealthSummary };

/** Sort rank: the four problems in order, then everything else together (sorted by name). */
export const RANK: Readonly<Record<Health, number>> = { 'no-token': 0, attention: 1, retrying: 2, expiring: 3, pending: 4, ok: 4 };

export interface NamedProfile {
  id: string;
  name: string;
}

export interface DashboardModel {
  /** When it was computed: the "now" every card's status text uses until the next change. */
  at: number;
  healths: Readonly<Record<string, Health>>;
  /** Profile ids in display order. */
  order: readonly string[];
  summary: HealthSummary;
  /** The next moment a health may change with no event. */
  nextChangeAt?: number;
}

export const EMPTY_MODEL: DashboardModel = { at: 0, healths: {}, order: [], summary: summarizeHealth([]) };

/** A view's health, keeping the previous one while a renewal is in flight (unless the token died meanwhile). */
export function stickyHealth(view: HealthInput, previous: Health | undefined, now: number): Health {
  const live = healthOf(view, now);
  const inFlight = view.state === 'renewing' || view.state === 'acquiring';
  if (!inFlight || previous === undefined) return live;
  if (live === 'no-token' && previous !== 'no-token' && !tokenWorks(view, now)) return live;
  return previous;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export function buildModel(
  profiles: readonly NamedProfile[],
  tokens: Readonly<Record<string, HealthInput | undefined>>,
  previous: DashboardModel,
  now: number,
): DashboardModel {
  const healths: Record<string, Health> = {};
  let nextChangeAt: number | undefined;
  for (const p of profiles) {
    const view = tokens[p.id];
    if (!view) {
      healths[p.id] = previous.healths[p.id] ?? 'pending';
      continue;
    }
    healths[p.id] = stickyHealth(view, previous.healths[p.id], now);
    const at = nextHealthChange(view, now);
    if (at !== undefined && (nextChangeAt === undefined || at < nextChangeAt)) nextChangeAt = at;
  }
  const sorted = [...profiles].sort(
    (a, b) => RANK[healths[a.id]!] - RANK[healths[b.id]!] || collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const ids = sorted.map((p) => p.id);
  // The same order keeps the same array, so the list does not re-render for nothing.
  const order = ids.length === previous.order.length && ids.every((id, i) => id === previous.order[i]) ? previous.order : ids;
  return {
    at: now,
    healths: shallowSame(healths, previous.healths) ? previous.healths : healths,
    order,
    summary: summarizeHealth(Object.values(healths)),
    ...(nextChangeAt !== undefined ? { nextChangeAt } : {}),
  };
}

function shallowSame(a: Readonly<Record<string, Health>>, b: Readonly<Record<string, Health>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** Profiles that got worse into a problem between two models (to be announced). */
export function worsened(before: DashboardModel, after: DashboardModel): string[] {
  const out: string[] = [];
  for (const id of after.order) {
    const was = before.healths[id];
    const is = after.healths[id]!;
    if (was === undefined || !PROBLEMS.has(is)) continue;
    if (RANK[is] < RANK[was]) out.push(id);
  }
  return out;
}
