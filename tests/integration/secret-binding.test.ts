// Issue 10, finding 1: stored secrets go only to the token URL they were saved for. A profile
// edited to another base URL, environment or store-file address with its secrets left blank is
// refused, per secret field, and nothing reaches the new address (a capturing server proves
// it); typed again, the secrets go there and are bound there from then on.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import type { ProfileDraft, ProfileView, Result } from '#common/contract';

import { createFolderCore } from '../../electron/browser-host/composition';
import { memoryLogger } from '../../electron/core/logger';
import { type Sandbox, startSandbox } from '../../electron/core/simulator';
import { coreInternals } from '../../electron/core/tessera-core';
import { type CaptureServer, startCaptureServer } from '../support/capture-server';
import { eventually } from '../support/eventually';
import { removeTempDirs, tempDir } from '../support/temp-dir';

const ACCOUNT = {
  clientId: 'till-client',
  clientSecret: 'client-secret-8812-secret',
  username: 'till@factus.test',
  password: 'till-password-7731-secret',
};
const open: { close(): Promise<void> }[] = [];

afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
  removeTempDirs();
});

async function setup(opts: { dir?: string; sandbox?: Sandbox } = {}) {
  const dir = opts.dir ?? tempDir();
  const sandbox = opts.sandbox ?? (await startSandbox());
  if (!opts.sandbox) open.push(sandbox);
  sandbox.simulators.factus.addAccount(ACCOUNT);
  const capture = await startCaptureServer();
  open.push(capture);
  const core = await createFolderCore(dir, {
    version: 'test',
    systemLocale: 'en',
    logger: memoryLogger(),
    sandbox: (id) => sandbox.baseUrlFor(id),
  });
  open.push({ close: () => core.close() });
  const call = (method: string, input?: unknown) => core.dispatch(method, input);
  const value = <T>(result: Result<unknown>): T => {
    if (!result.ok) throw new Error(`call failed: ${JSON.stringify(result.error)}`);
    return result.value as T;
  };
  const draft = (environment: ProfileDraft['environment'], credentials: ProfileDraft['credentials'] = ACCOUNT): ProfileDraft => ({
    name: 'Till 1',
    provider: 'factus',
    environment,
    credentials,
  });
  const blankSecrets = { clientId: ACCOUNT.clientId, username: ACCOUNT.username };
  const profile = value<ProfileView>(await call('createProfile', draft({ kind: 'sandbox' })));
  await eventually(() => expect(coreInternals(core).engine.view(profile.id).state).toBe('valid'));
  return { dir, sandbox, core, call, value, draft, blankSecrets, profile, capture, sim: sandbox.simulators.factus };
}

/** What a refused test or save must answer: one "type it again" issue per stored secret. */
const RETYPE = {
  ok: false,
  error: {
    code: 'validation',
    issues: [
      { path: 'credentials.clientSecret', message: 'secretSafety.retypeSecret' },
      { path: 'credentials.password', message: 'secretSafety.retypeSecret' },
    ],
  },
};

function sentSecrets(capture: CaptureServer): boolean {
  return capture.requests.some((r) => r.body.includes(ACCOUNT.clientSecret) || r.body.includes(ACCOUNT.password));
}

describe('secrets are bound to their destination', () => {
  it('a custom base URL with the secrets blank: test and save are refused per field, and nothing reaches it', async () => {
    const t = await setup();
    const elsewhere = t.draft({ kind: 'custom', baseUrl: t.capture.url }, t.blankSecrets);
    expect(await t.call('testConnection', { id: t.profile.id, profile: elsewhere })).toEqual(RETYPE);
    expect(await t.call('updateProfile', { id: t.profile.id, profile: elsewhere })).toEqual(RETYPE);
    expect(t.capture.requests).toEqual([]);
    // Nothing was saved either: the profile still signs in at the sandbox.
    expect(coreInternals(t.core).vault.profile(t.profile.id)!.environment).toEqual({ kind: 'sandbox' });
    expect(coreInternals(t.core).engine.view(t.profile.id).state).toBe('valid');
  });

  it('one secret typed is not enough: the other one is asked for again', async () => {
    const t = await setup();
    const half = t.draft({ kind: 'custom', baseUrl: t.capture.url }, { ...t.blankSecrets, clientSecret: 'a-new-client-secret' });
    expect(await t.call('testConnection', { id: t.profile.id, profile: half })).toEqual({
      ok: false,
      error: { code: 'validation', issues: [{ path: 'credentials.password', message: 'secretSafety.retypeSecret' }] },
    });
    expect(t.capture.requests).toEqual([]);
  });

  it('a change of environment (a preset, the built-in sandbox) is a change of destination too', async () => {
    const t = await setup();
    expect(
      await t.call('testConnection', { id: t.profile.id, profile: t.draft({ kind: 'preset', id: 'production' }, t.blankSecrets) }),
    ).toEqual(RETYPE);
    expect(
      await t.call('updateProfile', { id: t.profile.id, profile: t.draft({ kind: 'preset', id: 'sandbox' }, t.blankSecrets) }),
    ).toEqual(RETYPE);

    // Moved to a custom address with the secrets typed, then back to the sandbox blank: refused,
    // and the sandbox sees no request (its own sign-ins counted before and after).
    expect(
      t.value<ProfileView>(
        await t.call('updateProfile', { id: t.profile.id, profile: t.draft({ kind: 'custom', baseUrl: t.capture.url }) }),
      ).environment.kind,
    ).toBe('custom');
    const before = t.sim.stats().tokenRequests;
    expect(await t.call('testConnection', { id: t.profile.id, profile: t.draft({ kind: 'sandbox' }, t.blankSecrets) })).toEqual(RETYPE);
    expect(await t.call('updateProfile', { id: t.profile.id, profile: t.draft({ kind: 'sandbox' }, t.blankSecrets) })).toEqual(RETYPE);
    expect(t.sim.stats().tokenRequests).toBe(before);
  });

  it('typed again, they go to the new address, and are bound there from then on', async () => {
    const t = await setup();
    const retyped = t.draft({ kind: 'custom', baseUrl: t.capture.url });
    expect(await t.call('testConnection', { id: t.profile.id, profile: retyped })).toMatchObject({
      ok: true,
      value: { tokenType: 'Bearer' },
    });
    expect(t.capture.requests).toHaveLength(1);
    expect(t.value<ProfileView>(await t.call('updateProfile', { id: t.profile.id, profile: retyped })).environment).toEqual({
      kind: 'custom',
      baseUrl: t.capture.url,
    });
    await eventually(() => expect(coreInternals(t.core).engine.view(t.profile.id).state).toBe('valid'));
    // Blank secrets now keep working for this address, spelled any equivalent way...
    const sameAddress = t.draft({ kind: 'custom', baseUrl: `${t.capture.url.toUpperCase().replace('HTTP:', 'http:')}/` }, t.blankSecrets);
    expect(await t.call('testConnection', { id: t.profile.id, profile: sameAddress })).toMatchObject({ ok: true });
    expect(t.capture.requests.at(-1)!.body).toContain(encodeURIComponent(ACCOUNT.password).replace(/%20/g, '+'));
  });

  it('a rename or a changed plain field keeps the stored secrets where they are', async () => {
    const t = await setup();
    const renamed = { ...t.draft({ kind: 'sandbox' }, t.blankSecrets), name: 'Front till' };
    expect(await t.call('testConnection', { id: t.profile.id, profile: renamed })).toMatchObject({ ok: true });
    expect(t.value<ProfileView>(await t.call('updateProfile', { id: t.profile.id, profile: renamed })).name).toBe('Front till');
    expect(t.capture.requests).toEqual([]);
  });

  it('an edit of the store file that points a profile elsewhere sends nothing there', async () => {
    const dir = tempDir();
    const sandbox = await startSandbox();
    open.push(sandbox);
    const t = await setup({ dir, sandbox });
    await t.core.close();
    // Someone rewrites the profile's address in the (clear) store file, binding field included.
    const file = join(dir, 'tessera.json');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { profiles: Record<string, unknown>[]; tokens: Record<string, unknown> };
    doc.profiles[0]!.environment = { kind: 'custom', baseUrl: t.capture.url };
    doc.profiles[0]!.secretsBoundTo = `factus ${t.capture.url}`;
    doc.tokens = {};
    writeFileSync(file, JSON.stringify(doc));

    const core = await createFolderCore(dir, {
      version: 'test',
      systemLocale: 'en',
      logger: memoryLogger(),
      sandbox: (id) => sandbox.baseUrlFor(id),
    });
    open.push({ close: () => core.close() });
    const id = t.profile.id;
    await eventually(() => expect(coreInternals(core).engine.view(id).state).toBe('needs-attention'));
    expect(coreInternals(core).engine.view(id)).toMatchObject({
      state: 'needs-attention',
      lastError: { errorClass: 'credentials', code: 'secrets_unbound' },
    });
    await core.dispatch('refreshToken', { id });
    expect(sentSecrets(t.capture)).toBe(false);
    expect(t.capture.requests).toEqual([]);
  });
});
