// The two servers of `npm run bench:service`, both in the bench's own process: Tessera's token
// service (the real core, on the Factus simulator) and a bare node:http server that answers a
// constant copy of Tessera's answer with the same headers.
import { createServer, type OutgoingHttpHeaders, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { AppEvent, ProfileView, Result } from '#common/contract';

import { createFolderCore } from '../../electron/browser-host/composition';
import type { RateLimit } from '../../electron/core/service/rate-limit';
import { type Simulator, startSimulator } from '../../electron/core/simulator';
import { coreInternals, type TesseraCore } from '../../electron/core/tessera-core';
import { createConfStore } from '../../electron/core/vault/conf-store';
import { factusProfile, sleep, tempDir, type TimedStore, timedStore } from '../lib/harness';

/** High enough never to refuse a request of the bench (the default is 1,000 burst, 100/s per key). */
export const UNLIMITED: RateLimit = { burst: 1e12, perSecond: 1e12 };

export const PROFILE_NAME = 'Till 1';

export interface TesseraUnderTest {
  core: TesseraCore;
  sim: Simulator;
  store: TimedStore;
  port: number;
  profileName: string;
  path: string;
  headers: Record<string, string>;
  /** Events the core emitted (what main forwards to the window), by type. */
  events: Map<AppEvent['type'], number>;
  close(): Promise<void>;
}

function unwrap<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`core call failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

export async function startTessera(): Promise<TesseraUnderTest> {
  const sim = await startSimulator('factus');
  const dir = tempDir();
  const store = timedStore(createConfStore(dir));
  const core = await createFolderCore(dir, {
    store,
    version: 'bench',
    systemLocale: 'en',
    sandbox: (id) => (id === 'factus' ? sim.baseUrl : undefined),
    service: { port: 0, rateLimit: UNLIMITED },
  });
  const profile = unwrap<ProfileView>(await core.dispatch('createProfile', factusProfile(PROFILE_NAME)));
  const { key } = unwrap<{ key: string }>(await core.dispatch('createAccessKey', { name: 'Bench till', profiles: null }));
  for (let i = 0; i < 500 && coreInternals(core).engine.view(profile.id).state !== 'valid'; i++) await sleep(10);
  if (coreInternals(core).engine.view(profile.id).state !== 'valid') throw new Error('the bench profile did not sign in');
  const status = core.service;
  if (!status.running || status.port === undefined) throw new Error('the token service is not running');
  const events = new Map<AppEvent['type'], number>();
  core.onEvent((e) => events.set(e.type, (events.get(e.type) ?? 0) + 1));
  return {
    core,
    sim,
    store,
    port: status.port,
    profileName: PROFILE_NAME,
    path: `/v1/profiles/${encodeURIComponent(PROFILE_NAME)}/token`,
    headers: { Authorization: `Bearer ${key}`, Accept: 'application/json' },
    events,
    close: async () => {
      await core.close();
      await sim.close();
    },
  };
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One plain request, outside any measurement. */
export function fetchOnce(port: number, path: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The headers Tessera's service sets itself (Node adds Date, Connection and Keep-Alive to both). */
const COPIED_HEADERS = ['Content-Type', 'Cache-Control', 'X-Content-Type-Options'] as const;

export interface BareServer {
  port: number;
  bodyBytes: number;
  close(): Promise<void>;
}

/**
 * A bare node:http server on 127.0.0.1 that answers every request with `answer`'s body and
 * headers, prepared once: what serving those bytes costs with no work per request.
 */
export async function startBare(answer: Answer): Promise<BareServer> {
  const body = Buffer.from(answer.body, 'utf8');
  const headers: OutgoingHttpHeaders = { 'Content-Length': body.length };
  for (const name of COPIED_HEADERS) {
    const value = answer.headers[name.toLowerCase()];
    if (typeof value === 'string') headers[name] = value;
  }
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, headers);
    res.end(body);
  });
  // The same idle timeout as the token service.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    bodyBytes: body.length,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
