// Hostile input, property-based: 10,000 malformed payloads per contract method and per token
// service endpoint, and 10,000 damaged store documents. Every one gets a typed error (or, for
// the store, a typed problem), nothing crashes, and nothing changes: not the store's bytes,
// not a token, not the provider's request count, no event.
import { readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type AppErrorCode, contract, type Method, METHODS, type ProfileView } from '#common/contract';
import { FIELD_ORDER } from '#common/profile-schema';

import { createFolderCore } from '../../electron/browser-host/composition';
import { memoryLogger } from '../../electron/core/logger';
import { findProvider, PROVIDERS } from '../../electron/core/providers';
import { accessKeyNameSchema } from '../../electron/core/service/access-keys';
import { tokenFilePathProblem } from '../../electron/core/service/token-files';
import { type Sandbox, startSandbox } from '../../electron/core/simulator';
import { coreInternals, type TesseraCore } from '../../electron/core/tessera-core';
import { createDevSecretBox } from '../../electron/core/vault/dev-box';
import type { Store } from '../../electron/core/vault/types';
import { Vault, VaultError } from '../../electron/core/vault/vault';
import { eventually } from '../support/eventually';
import { fakeClock } from '../support/fake-clock';
import { removeTempDirs, tempDir } from '../support/temp-dir';

const RUNS = 10_000;
const APP_ERRORS = new Set<AppErrorCode>([
  'bad_request',
  'validation',
  'not_found',
  'encryption_unavailable',
  'secret_unreadable',
  'provider',
  'forbidden',
  'bundle',
  'internal',
]);
const SERVICE_ERRORS = new Set([
  'bad_host',
  'browser_request',
  'unauthorized',
  'rate_limited',
  'not_found',
  'method_not_allowed',
  'bad_request',
  'profile_not_found',
  'needs_attention',
  'token_unavailable',
]);

let dir: string;
let sandbox: Sandbox;
let core: TesseraCore;
let profile: ProfileView;
let key: string;
const events: string[] = [];

beforeAll(async () => {
  dir = tempDir();
  sandbox = await startSandbox();
  sandbox.simulators.invoisys.addAccount({ username: 'till@shop.test', password: 'till-password-4471' });
  core = await createFolderCore(dir, {
    version: 'test',
    systemLocale: 'en',
    logger: memoryLogger(),
    sandbox: (id) => sandbox.baseUrlFor(id),
    service: { port: 0, rateLimit: { burst: 1e9, perSecond: 1e9 } },
  });
  const created = await core.dispatch('createProfile', {
    name: 'Till 1',
    provider: 'invoisys',
    environment: { kind: 'sandbox' },
    credentials: { username: 'till@shop.test', password: 'till-password-4471' },
  });
  profile = (created as { value: ProfileView }).value;
  key = ((await core.dispatch('createAccessKey', { name: 'POS', profiles: null })) as { value: { key: string } }).value.key;
  await eventually(() => expect(coreInternals(core).engine.view(profile.id).state).toBe('valid'));
  core.onEvent((e) => events.push(e.type));
});

afterAll(async () => {
  await core.close();
  await sandbox.close();
  removeTempDirs();
});

/** Everything a malformed call could have changed. */
function state() {
  core.flush();
  return {
    store: readFileSync(join(dir, 'tessera.json'), 'utf8'),
    views: JSON.stringify(core.tokenViews()),
    upstream: sandbox.simulators.invoisys.stats().tokenRequests,
  };
}

// ---- the IPC contract ------------------------------------------------------------------------

const anything = fc.anything({
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withTypedArray: true,
  withSparseArray: true,
  withUnicodeString: true,
});
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 400 }),
  fc.constantFrom('', ' ', 'a\r\nb', '\u0000', 'x'.repeat(5000)),
);
const providerId = fc.oneof(fc.constantFrom(...PROVIDERS.map((p) => p.info.id)), text);
const environment = fc.oneof(
  fc.record({
    kind: fc.constant('custom'),
    baseUrl: fc.oneof(text, fc.webUrl(), fc.constantFrom('http://example.com', 'ftp://x', 'https://u:p@h.com', 'https://h.com/?q=1')),
  }),
  fc.record({ kind: fc.constant('preset'), id: text }),
  fc.record({ kind: fc.constant('sandbox') }),
);
const credentials = fc.dictionary(fc.constantFrom(...FIELD_ORDER), text, { maxKeys: FIELD_ORDER.length });
const draft = fc.record({ name: text, provider: providerId, environment, credentials });
const unknownId = text.filter((id) => id !== profile.id);

/** Shape-valid input that core must still refuse; `accepted` weeds out the rare valid one. */
function plausible(method: Method): fc.Arbitrary<unknown> | undefined {
  const invalidDraft = (mode: 'create' | 'update', id?: string) =>
    draft.filter((d) => {
      try {
        coreInternals(core).vault.validate(d, mode, id);
        return false;
      } catch (err) {
        return err instanceof VaultError;
      }
    });
  switch (method) {
    case 'createProfile':
      return invalidDraft('create');
    case 'updateProfile':
      return fc.oneof(
        fc.record({ id: unknownId, profile: draft }),
        invalidDraft('update', profile.id).map((p) => ({ id: profile.id, profile: p })),
      );
    case 'testConnection':
      return invalidDraft('create').map((p) => ({ profile: p }));
    case 'removeProfile':
    case 'refreshToken':
    case 'getHistory':
    case 'getDiagnostics':
    case 'revokeAccessKey':
      return fc.record({ id: unknownId });
    case 'setFileSink':
      return fc.oneof(
        fc.record({ id: unknownId, path: fc.oneof(text, fc.constant(null)) }),
        text.filter((p) => tokenFilePathProblem(p.trim()) !== null && p.trim() !== '').map((path) => ({ id: profile.id, path })),
      );
    case 'updateSettings':
      return fc.oneof(
        fc.record({ servicePort: fc.integer().filter((p) => p < 1024 || p > 65535) }),
        fc.record({ tokenMarginSeconds: fc.integer().filter((s) => s < 0 || s > 3600) }),
      );
    case 'createAccessKey':
      return fc.record({
        name: text.filter((n) => !accessKeyNameSchema.safeParse(n).success),
        profiles: fc.oneof(fc.constant(null), fc.array(text)),
      });
    case 'exportProfiles':
      return fc.record({ ids: fc.array(unknownId, { minLength: 1, maxLength: 3 }), withSecrets: fc.boolean(), passphrase: text });
    case 'openBundleFile':
      return fc.oneof(
        fc.constant({ kind: 'dialog' }),
        fc.record({
          kind: fc.constant('upload'),
          fileName: text,
          data: fc.oneof(
            text,
            fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('base64')),
          ),
        }),
      );
    case 'previewImport':
      return fc.record({ fileId: text, passphrase: text });
    case 'importProfiles':
      return fc.record({
        importId: text,
        choices: fc.array(
          fc.record({ index: fc.nat(10), action: fc.constantFrom('import', 'skip', 'replace', 'rename'), values: fc.constant({}) }),
          { maxLength: 3 },
        ),
      });
    default:
      return undefined;
  }
}

describe('every contract method refuses malformed input with a typed error and changes nothing', () => {
  it.each(METHODS)(
    '%s',
    async (method) => {
      const before = state();
      events.length = 0;
      const structural = anything.filter((v) => !contract[method].input.safeParse(v).success);
      const arbitrary = plausible(method) ? fc.oneof(structural, plausible(method)!) : structural;
      await fc.assert(
        fc.asyncProperty(arbitrary, async (input) => {
          const result = await core.dispatch(method, input);
          if (result.ok) return false;
          // Typed, and never an internal error or anything like a stack trace.
          return APP_ERRORS.has(result.error.code) && result.error.code !== 'internal' && !JSON.stringify(result).includes('    at ');
        }),
        { numRuns: RUNS },
      );
      expect(events).toEqual([]);
      expect(state()).toEqual(before);
    },
    120_000,
  );

  it('an unknown method name is a bad request', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string().filter((m) => !Object.hasOwn(contract, m)),
        anything,
        async (method, input) => {
          const result = await core.dispatch(method, input);
          return !result.ok && result.error.code === 'bad_request';
        },
      ),
      { numRuns: RUNS },
    );
  });
});

// ---- the token service -----------------------------------------------------------------------

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

function send(opts: { method: string; path: string; headers: Record<string, string>; body?: Buffer }) {
  return new Promise<{ status: number; type: string; cache: string; body: string }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: core.service.port, agent, method: opts.method, path: opts.path, headers: opts.headers },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers['content-type']),
            cache: String(res.headers['cache-control']),
            body,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const pathSegment = fc
  .oneof(fc.string().map(encodeURIComponent), fc.constantFrom('%', '%zz', '%E0%A4%A', '..', '%2F', 'Till%201%2F..', '*'))
  .filter((s) => decodeSafely(s) !== 'Till 1');
function decodeSafely(s: string): string | undefined {
  try {
    return decodeURIComponent(s).toLowerCase() === 'till 1' ? 'Till 1' : s;
  } catch {
    return undefined;
  }
}
const headerValue = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) });
const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD');

/** One malformed request to an endpoint: wrong key, Host, Origin, method, name or body. */
function malformedRequest(endpoint: 'list' | 'token' | 'invalidate') {
  const host = () => `127.0.0.1:${core.service.port}`;
  const path = (name: string) =>
    endpoint === 'list' ? '/v1/profiles' : endpoint === 'token' ? `/v1/profiles/${name}/token` : `/v1/profiles/${name}/token/invalidate`;
  const rightMethod = endpoint === 'invalidate' ? 'POST' : 'GET';
  const goodName = encodeURIComponent(profile.name);
  return fc.oneof(
    // no key, or a wrong one
    fc.record({
      method: fc.constant(rightMethod),
      path: fc.constant(path(goodName)),
      headers: fc.option(headerValue, { nil: undefined }).map((a) => ({ Host: host(), ...(a === undefined ? {} : { Authorization: a }) })),
    }),
    // a Host that is not this loopback port (DNS rebinding)
    // (An empty Host is replaced by the client's own, and surrounding spaces are trimmed: both would be valid.)
    fc.record({
      method: fc.constant(rightMethod),
      path: fc.constant(path(goodName)),
      headers: headerValue
        .filter((h) => h.trim() !== '' && !['127.0.0.1', 'localhost', '[::1]'].some((name) => h.trim() === `${name}:${core.service.port}`))
        .map((h) => ({ Host: h, Authorization: `Bearer ${key}` })),
    }),
    // from a web page
    fc.record({
      method: fc.constant(rightMethod),
      path: fc.constant(path(goodName)),
      headers: headerValue.map((o) => ({ Host: host(), Origin: o, Authorization: `Bearer ${key}` })),
    }),
    // the wrong method
    fc.record({
      method: method.filter((m) => m !== rightMethod),
      path: fc.constant(path(goodName)),
      headers: fc.constant({ Host: host(), Authorization: `Bearer ${key}` }),
    }),
    // a name that is no profile, or cannot be decoded
    ...(endpoint === 'list'
      ? []
      : [
          fc.record({
            method: fc.constant(rightMethod),
            path: pathSegment.map(path),
            headers: fc.constant({ Host: host(), Authorization: `Bearer ${key}` }),
          }),
        ]),
    // a body that is not the documented one
    ...(endpoint === 'invalidate'
      ? [
          fc.record({
            method: fc.constant('POST'),
            path: fc.constant(path(goodName)),
            headers: fc.constant({ Host: host(), Authorization: `Bearer ${key}` }),
            body: fc
              .oneof(
                fc.uint8Array({ minLength: 1, maxLength: 64 }).map((b) => Buffer.from(b)),
                anything.map((v) =>
                  Buffer.from(JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)) ?? 'null'),
                ),
                fc.constant(Buffer.alloc(17 * 1024, 'a')),
              )
              .filter((b) => {
                const t = b.toString('utf8').trim();
                if (t === '') return false;
                try {
                  const v = JSON.parse(t) as unknown;
                  const keys = v && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : null;
                  return !(
                    keys &&
                    keys.every((k) => k === 'access_token') &&
                    (keys.length === 0 || typeof (v as { access_token: unknown }).access_token === 'string')
                  );
                } catch {
                  return true;
                }
              }),
          }),
        ]
      : []),
  );
}

describe('every token service endpoint refuses malformed requests with a typed JSON error', () => {
  it.each(['list', 'token', 'invalidate'] as const)(
    '%s',
    async (endpoint) => {
      const before = state();
      await fc.assert(
        fc.asyncProperty(malformedRequest(endpoint), async (req) => {
          const res = await send(req);
          if (req.method === 'HEAD') return res.status >= 400;
          const body = JSON.parse(res.body) as { error?: { code?: string } };
          return (
            res.status >= 400 &&
            res.status < 500 &&
            res.type.startsWith('application/json') &&
            res.cache === 'no-store' &&
            SERVICE_ERRORS.has(body.error?.code ?? '') &&
            !res.body.includes(key)
          );
        }),
        { numRuns: RUNS },
      );
      expect(state()).toEqual(before);
      expect(
        coreInternals(core)
          .engine.history(profile.id)
          .some((e) => e.kind === 'served'),
      ).toBe(false);
    },
    180_000,
  );
});

// ---- the store file, the one file a user can hand in ------------------------------------------

describe('a damaged store file', () => {
  it('never stops Vault.open: it is read, repaired or moved aside, with a typed problem', () => {
    const good = JSON.parse(readFileSync(join(dir, 'tessera.json'), 'utf8')) as Record<string, unknown>;
    const file = join(tempDir(), 'tessera.json');
    const mutation = fc.oneof(
      anything,
      // The real document with one part replaced by anything.
      fc
        .tuple(fc.constantFrom('version', 'profiles', 'secrets', 'tokens', 'history', 'settings', 'accessKeys'), anything)
        .map(([k, v]) => ({ ...good, [k]: v })),
      // A real profile with one field replaced.
      fc
        .tuple(fc.constantFrom('id', 'name', 'provider', 'environment', 'fields', 'createdAt', 'attention', 'fileSink'), anything)
        .map(([k, v]) => ({ ...good, profiles: [{ ...(good.profiles as object[])[0], [k]: v }] })),
    );
    fc.assert(
      fc.property(mutation, (doc) => {
        const serialised = JSON.stringify(doc, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)) ?? 'null';
        writeFileSync(file, serialised);
        const store: Store = { path: file, read: () => JSON.parse(serialised) as unknown, write: () => undefined };
        const vault = Vault.open({
          store,
          box: createDevSecretBox(dir),
          catalog: (id) => findProvider(id)?.info,
          clock: fakeClock(),
          logger: memoryLogger(),
        });
        return (
          vault.problems.every((p) => p.kind === 'store-repaired' || p.kind === 'store-unreadable') &&
          vault.profiles().every((p) => typeof p.name === 'string' && findProvider(p.provider) !== undefined)
        );
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
