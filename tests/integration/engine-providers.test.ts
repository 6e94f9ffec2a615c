// Each provider through the whole core (contract -> vault -> engine -> adapter) against its
// simulator over real HTTP: sign-in, renewal by the provider's own mechanism, rotation, a
// rejected refresh token, a credential stop with no retry, and a transient failure's backoff.
import { afterEach, describe, expect, it } from 'vitest';

import type { ProfileView, Result } from '#common/contract';
import type { CredentialValues } from '#common/profile-schema';
import type { TokenState } from '#common/token-view';

import { createFolderCore } from '../../electron/browser-host/composition';
import { memoryLogger } from '../../electron/core/logger';
import { PROVIDERS } from '../../electron/core/providers';
import { type SimulatedProviderId, type Simulator, startSimulator } from '../../electron/core/simulator';
import { coreInternals } from '../../electron/core/tessera-core';
import { eventually } from '../support/eventually';
import { removeTempDirs, tempDir } from '../support/temp-dir';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  removeTempDirs();
});

async function setup(providerId: SimulatedProviderId) {
  const sim = await startSimulator(providerId, { config: { rotateRefreshTokens: true } });
  cleanup.push(() => sim.close());
  const dir = tempDir();
  const logger = memoryLogger();
  const core = await createFolderCore(dir, {
    version: 'test',
    systemLocale: 'en',
    logger,
    sandbox: (id) => (id === providerId ? sim.baseUrl : undefined),
    random: () => 0,
  });
  cleanup.push(() => core.close());
  const info = sim.info;
  const credentials: CredentialValues = { ...info.sandboxDemo, ...(providerId === 'ereceipt' ? { posOsVersion: 'Test OS 1.0' } : {}) };
  const create = async (name: string, creds: CredentialValues = credentials) => {
    const result: Result<unknown> = await core.dispatch('createProfile', {
      name,
      provider: providerId,
      environment: { kind: 'sandbox' },
      credentials: creds,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return (result.value as ProfileView).id;
  };
  const until = async (id: string, states: TokenState[]) => {
    await eventually(() => expect(states).toContain(coreInternals(core).engine.view(id).state));
  };
  return { sim, core, info, credentials, create, until, logger };
}

const secretFieldOf = (sim: Simulator) => (sim.info.fields.password ? 'password' : 'clientSecret');

describe.each(PROVIDERS.map((p) => p.info.id as SimulatedProviderId))('%s through the engine', (providerId) => {
  it('signs in, then renews by its own mechanism', async () => {
    const t = await setup(providerId);
    const id = await t.create('Till 1');
    await t.until(id, ['valid']);
    expect(t.sim.stats()).toMatchObject({ logins: 1, refreshes: 0 });
    const first = await coreInternals(t.core).engine.getToken(id);
    expect(t.sim.isValidAccessToken(first.accessToken)).toBe(true);

    await coreInternals(t.core).engine.refresh(id);
    const renewed = await coreInternals(t.core).engine.getToken(id);
    expect(renewed.accessToken).not.toBe(first.accessToken);
    expect(t.sim.isValidAccessToken(renewed.accessToken)).toBe(true);
    if (t.info.renewal === 'refresh-token') {
      expect(t.sim.stats()).toMatchObject({ logins: 1, refreshes: 1 });
      expect(
        coreInternals(t.core)
          .engine.history(id)
          .map((e) => e.kind),
      ).toEqual(['signed-in', 'renewed']);
    } else {
      expect(t.sim.stats()).toMatchObject({ logins: 2, refreshes: 0 });
    }
  });

  it('stops at rejected credentials and does not try again on its own', async () => {
    const t = await setup(providerId);
    const field = secretFieldOf(t.sim);
    const id = await t.create('Till 1', { ...t.credentials, [field]: 'definitely-wrong-secret' });
    await t.until(id, ['needs-attention']);
    const view = coreInternals(t.core).engine.view(id);
    expect(view.lastError?.errorClass).toBe('credentials');
    // Every provider's refusal carries a code the dashboard can explain.
    expect(view.lastError?.code).toMatch(/^(http_4\d\d|[a-z_]+)$/);
    t.core.wake();
    await new Promise((r) => setTimeout(r, 300));
    expect(t.sim.stats().tokenRequests).toBe(1);
    expect(JSON.stringify(view)).not.toContain('definitely-wrong-secret');
    expect(t.logger.lines.join('\n')).not.toContain('definitely-wrong-secret');
  });

  it('backs off a 503 as long as Retry-After asks, serving the valid token meanwhile', async () => {
    const t = await setup(providerId);
    const id = await t.create('Till 1');
    await t.until(id, ['valid']);
    const current = await coreInternals(t.core).engine.getToken(id);
    t.sim.failNext(1, { kind: 'error', status: 503, headers: { 'Retry-After': '120' } });
    const requests = t.sim.stats().tokenRequests;
    const view = await coreInternals(t.core).engine.refresh(id);
    expect(view.state).toBe('retrying');
    expect(view.lastError).toMatchObject({ errorClass: 'transient', status: 503 });
    expect(view.nextAttemptAt! - Date.now()).toBeGreaterThan(115_000);
    expect((await coreInternals(t.core).engine.getToken(id)).accessToken).toBe(current.accessToken);
    await new Promise((r) => setTimeout(r, 200));
    expect(t.sim.stats().tokenRequests).toBe(requests + 1);
  });
});

const withRefreshTokens = PROVIDERS.filter((p) => p.info.renewal === 'refresh-token').map((p) => p.info.id as SimulatedProviderId);

describe.each(withRefreshTokens)('%s refresh tokens', (providerId) => {
  it('follows refresh-token rotation and falls back to one login when the refresh token is revoked', async () => {
    const t = await setup(providerId);
    const id = await t.create('Till 1');
    await t.until(id, ['valid']);
    // Rotation: each refresh kills the previous refresh token; using a stale one would fail.
    await coreInternals(t.core).engine.refresh(id);
    await coreInternals(t.core).engine.refresh(id);
    expect(t.sim.stats()).toMatchObject({ logins: 1, refreshes: 2, failedRefreshes: 0 });

    t.sim.revokeRefreshTokens();
    await coreInternals(t.core).engine.refresh(id);
    expect(coreInternals(t.core).engine.view(id).state).toBe('valid');
    expect(t.sim.stats()).toMatchObject({ logins: 2, failedRefreshes: 1 });
    expect(coreInternals(t.core).engine.history(id).at(-2)?.kind).toBe('refresh-rejected');
  });
});
