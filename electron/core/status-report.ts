// What `tessera status` reports, read from the store file alone: no secret is opened (tokens stay
// sealed, so no keyring is asked and no prompt appears), nothing is written, and it works while
// the app runs. A token's expiry comes from the history the engine keeps in clear (each sign-in
// and renewal records when its token expires), its existence from the sealed entry, and the
// verdict follows the monitoring convention: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { EnvironmentChoice } from '#common/profile-schema';
import type { HistoryEvent } from '#common/token-view';

import type { LockOwner } from './data-lock';
import { documentSchema, type ProfileRecord, type VaultDocument } from './vault/schema';

export const STATUS_SCHEMA = 1;
export const STORE_FILE = 'tessera.json';

export type StatusLevel = 'ok' | 'warning' | 'critical' | 'unknown';
export const EXIT_CODES: Readonly<Record<StatusLevel, number>> = { ok: 0, warning: 1, critical: 2, unknown: 3 };

/**
 * valid: a token that lasts; expiring: valid, under a tenth of its life (or 5 minutes) left;
 * retrying: valid, but the last renewals failed; needs-attention: the provider refused the
 * credentials and Tessera stopped trying; expired / signed-out: no token to hand out (with
 * failures: `failing`).
 */
export type ProfileStatusState = 'valid' | 'expiring' | 'retrying' | 'failing' | 'needs-attention' | 'expired' | 'signed-out';

const LEVEL_OF: Readonly<Record<ProfileStatusState, StatusLevel>> = {
  valid: 'ok',
  expiring: 'warning',
  retrying: 'warning',
  failing: 'critical',
  'needs-attention': 'critical',
  expired: 'critical',
  'signed-out': 'critical',
};

export interface ProfileStatus {
  id: string;
  name: string;
  provider: string;
  environment: EnvironmentChoice;
  state: ProfileStatusState;
  level: StatusLevel;
  /** When the current token expires (epoch ms), while there is one. */
  expiresAt: number | null;
  lastRenewedAt: number | null;
  lastError: { at: number; errorClass: string; code: string; status?: number; providerMessage?: string } | null;
}

export interface StatusReport {
  checkedAt: number;
  level: StatusLevel;
  exitCode: number;
  /** Why the level is `unknown`. */
  reason?: 'no-data' | 'unreadable';
  /** Who holds the data folder; not running means nothing renews the tokens. */
  app: { running: false } | { running: true; pid: number; host: LockOwner['host']; since: string };
  profiles: ProfileStatus[];
}

/** A token with less than this left is "expiring" when its lifetime is unknown. */
const EXPIRING_MS = 5 * 60_000;
const EXPIRING_FRACTION = 0.1;

export type StoreRead = { kind: 'missing' } | { kind: 'unreadable' } | { kind: 'ok'; doc: VaultDocument };

/** Reads the store without changing it (the app may be writing it: renames are atomic). */
export function readStoreFile(dir: string): StoreRead {
  const file = join(dir, STORE_FILE);
  if (!existsSync(file)) return { kind: 'missing' };
  try {
    const parsed = documentSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? { kind: 'ok', doc: parsed.data } : { kind: 'unreadable' };
  } catch {
    return { kind: 'unreadable' };
  }
}

export function statusReport(store: StoreRead, holder: LockOwner | undefined, now: number): StatusReport {
  const app: StatusReport['app'] = holder
    ? { running: true, pid: holder.pid, host: holder.host, since: holder.startedAt }
    : { running: false };
  if (store.kind !== 'ok')
    return {
      checkedAt: now,
      level: 'unknown',
      exitCode: 3,
      reason: store.kind === 'missing' ? 'no-data' : 'unreadable',
      app,
      profiles: [],
    };
  const profiles = store.doc.profiles.map((p) => profileStatus(p, store.doc, now));
  if (profiles.length === 0) return { checkedAt: now, level: 'unknown', exitCode: 3, reason: 'no-data', app, profiles };
  let level: StatusLevel = worst(profiles.map((p) => p.level));
  // Nobody renews tokens while the app is not running: they will run out.
  if (!app.running && level === 'ok') level = 'warning';
  return { checkedAt: now, level, exitCode: EXIT_CODES[level], app, profiles };
}

function worst(levels: StatusLevel[]): StatusLevel {
  const order: StatusLevel[] = ['unknown', 'critical', 'warning', 'ok'];
  return order.find((l) => levels.includes(l)) ?? 'ok';
}

const SUCCESS: ReadonlySet<HistoryEvent['kind']> = new Set(['signed-in', 'renewed', 'restored']);

function profileStatus(record: ProfileRecord, doc: VaultDocument, now: number): ProfileStatus {
  const history = doc.history[record.id] ?? [];
  const hasToken = doc.tokens[record.id] !== undefined;
  let lastSuccessAt = -1;
  for (let i = history.length - 1; i >= 0; i--) {
    if (SUCCESS.has(history[i]!.kind) && history[i]!.expiresAt !== undefined) {
      lastSuccessAt = i;
      break;
    }
  }
  const success = lastSuccessAt >= 0 ? history[lastSuccessAt] : undefined;
  const expiresAt = hasToken && success?.expiresAt !== undefined ? success.expiresAt : null;
  const failures = history.slice(lastSuccessAt + 1).filter((e) => e.kind === 'failed' || e.kind === 'needs-attention');
  const lastFailure = failures.at(-1);
  const attention = record.attention;
  const lastError = attention
    ? {
        at: attention.at,
        errorClass: attention.errorClass,
        code: attention.code,
        ...(attention.status !== undefined ? { status: attention.status } : {}),
        ...(attention.providerMessage ? { providerMessage: attention.providerMessage } : {}),
      }
    : lastFailure
      ? {
          at: lastFailure.at,
          errorClass: lastFailure.errorClass ?? 'transient',
          code: lastFailure.code ?? 'unknown',
          ...(lastFailure.status !== undefined ? { status: lastFailure.status } : {}),
        }
      : null;
  const renewed = history
    .slice(0, lastSuccessAt + 1)
    .findLast((e) => (e.kind === 'signed-in' || e.kind === 'renewed') && e.expiresAt === expiresAt);
  let state: ProfileStatusState;
  if (attention) state = 'needs-attention';
  else if (expiresAt !== null && expiresAt > now) {
    if (failures.length > 0) state = 'retrying';
    else {
      const lifetime = renewed ? expiresAt - renewed.at : undefined;
      const threshold = lifetime !== undefined && lifetime > 0 ? lifetime * EXPIRING_FRACTION : EXPIRING_MS;
      state = expiresAt - now < threshold ? 'expiring' : 'valid';
    }
  } else if (failures.length > 0) state = 'failing';
  else state = expiresAt !== null ? 'expired' : 'signed-out';
  return {
    id: record.id,
    name: record.name,
    provider: record.provider,
    environment: record.environment,
    state,
    level: LEVEL_OF[state],
    expiresAt,
    lastRenewedAt: renewed?.at ?? null,
    lastError,
  };
}
