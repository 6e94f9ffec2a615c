// `status` from the store file alone: each profile's state and level from its sealed-token entry,
// its history and its attention flag, and the verdict's exit code in the monitoring convention.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import type { HistoryEvent } from '#common/token-view';

import { readStoreFile, statusReport, type StoreRead } from '../../../electron/core/status-report';
import { emptyDocument, type ProfileRecord, type VaultDocument } from '../../../electron/core/vault/schema';
import { removeTempDirs, tempDir } from '../../support/temp-dir';

afterEach(() => removeTempDirs());

const NOW = Date.UTC(2026, 2, 1, 12, 0, 0);
const MIN = 60_000;
const running = { pid: 4242, host: 'electron' as const, startedAt: new Date(NOW - 3600_000).toISOString(), nonce: 'n' };

function profile(id: string, attention: ProfileRecord['attention'] = null): ProfileRecord {
  return {
    id,
    name: `Till ${id}`,
    provider: 'factus',
    environment: { kind: 'sandbox' },
    fields: {},
    createdAt: 0,
    updatedAt: 0,
    attention,
    fileSink: null,
  };
}

function store(entries: { record: ProfileRecord; token?: boolean; history?: HistoryEvent[] }[]): StoreRead {
  const doc: VaultDocument = emptyDocument();
  for (const e of entries) {
    doc.profiles.push(e.record);
    if (e.token) doc.tokens[e.record.id] = 'dev1:sealed';
    if (e.history) doc.history[e.record.id] = e.history;
  }
  return { kind: 'ok', doc };
}

const signedIn = (at: number, expiresAt: number): HistoryEvent => ({ at, kind: 'signed-in', trigger: 'user', expiresAt });
const failed = (at: number, code = 'http_503'): HistoryEvent => ({ at, kind: 'failed', errorClass: 'transient', code, status: 503 });

describe('status from the store', () => {
  it('is OK while every profile holds a lasting token and the app runs', () => {
    const report = statusReport(
      store([{ record: profile('a'), token: true, history: [signedIn(NOW - 10 * MIN, NOW + 50 * MIN)] }]),
      running,
      NOW,
    );
    expect(report).toMatchObject({ level: 'ok', exitCode: 0, app: { running: true, pid: 4242, host: 'electron' } });
    expect(report.profiles[0]).toMatchObject({
      state: 'valid',
      level: 'ok',
      expiresAt: NOW + 50 * MIN,
      lastRenewedAt: NOW - 10 * MIN,
      lastError: null,
    });
  });

  it('warns when Tessera is not running, even with valid tokens: nothing renews them', () => {
    const report = statusReport(
      store([{ record: profile('a'), token: true, history: [signedIn(NOW - MIN, NOW + 59 * MIN)] }]),
      undefined,
      NOW,
    );
    expect(report).toMatchObject({ level: 'warning', exitCode: 1, app: { running: false } });
  });

  it('warns for a token under a tenth of its life, and for failed renewals while the token still works', () => {
    const report = statusReport(
      store([
        { record: profile('a'), token: true, history: [signedIn(NOW - 55 * MIN, NOW + 5 * MIN)] },
        { record: profile('b'), token: true, history: [signedIn(NOW - 40 * MIN, NOW + 20 * MIN), failed(NOW - MIN)] },
      ]),
      running,
      NOW,
    );
    expect(report.profiles.map((p) => [p.state, p.level])).toEqual([
      ['expiring', 'warning'],
      ['retrying', 'warning'],
    ]);
    expect(report.profiles[1]!.lastError).toEqual({ at: NOW - MIN, errorClass: 'transient', code: 'http_503', status: 503 });
    expect(report.exitCode).toBe(1);
  });

  it('is CRITICAL when a profile cannot get a token: refused, expired, failing, never signed in', () => {
    const attention = {
      errorClass: 'credentials' as const,
      code: 'invalid_grant',
      providerMessage: 'Bad credentials',
      status: 400,
      at: NOW - 2 * MIN,
    };
    const report = statusReport(
      store([
        { record: profile('ok'), token: true, history: [signedIn(NOW - MIN, NOW + 59 * MIN)] },
        { record: profile('refused', attention), token: true, history: [signedIn(NOW - 30 * MIN, NOW + 30 * MIN)] },
        { record: profile('expired'), token: true, history: [signedIn(NOW - 70 * MIN, NOW - 10 * MIN)] },
        { record: profile('failing'), history: [failed(NOW - MIN)] },
        { record: profile('new') },
      ]),
      running,
      NOW,
    );
    expect(report.profiles.map((p) => p.state)).toEqual(['valid', 'needs-attention', 'expired', 'failing', 'signed-out']);
    expect(report.profiles[1]!.lastError).toEqual({
      at: NOW - 2 * MIN,
      errorClass: 'credentials',
      code: 'invalid_grant',
      status: 400,
      providerMessage: 'Bad credentials',
    });
    expect(report).toMatchObject({ level: 'critical', exitCode: 2 });
  });

  it('a token cleared by an edit no longer counts, whatever the history says', () => {
    const report = statusReport(
      store([{ record: profile('a'), token: false, history: [signedIn(NOW - MIN, NOW + 59 * MIN)] }]),
      running,
      NOW,
    );
    expect(report.profiles[0]!.state).toBe('signed-out');
  });

  it('is UNKNOWN without data or with a store it cannot read', () => {
    const dir = tempDir();
    expect(readStoreFile(join(dir, 'nothing-here'))).toEqual({ kind: 'missing' });
    expect(statusReport({ kind: 'missing' }, undefined, NOW)).toMatchObject({ level: 'unknown', exitCode: 3, reason: 'no-data' });
    expect(statusReport(store([]), running, NOW)).toMatchObject({ level: 'unknown', exitCode: 3, reason: 'no-data' });
    mkdirSync(join(dir, 'bad'));
    writeFileSync(join(dir, 'bad', 'tessera.json'), '{"version": 1, "profiles": [');
    expect(readStoreFile(join(dir, 'bad'))).toEqual({ kind: 'unreadable' });
    expect(statusReport({ kind: 'unreadable' }, undefined, NOW)).toMatchObject({ level: 'unknown', exitCode: 3, reason: 'unreadable' });
  });
});
