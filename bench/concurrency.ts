// Figure (c): 1,000 concurrent callers find the token expired. How many token requests reach the
// provider and how long the callers wait: Tessera's engine, @badgateway/oauth2-client's OAuth2Fetch
// and axios-auth-refresh, round after round against the same Factus simulator.
import { Agent as HttpAgent } from 'node:http';

import { OAuth2Client, OAuth2Fetch, type OAuth2Token } from '@badgateway/oauth2-client';
import axios, { type AxiosInstance, type InternalAxiosRequestConfig } from 'axios';
import { createAuthRefresh } from 'axios-auth-refresh';

import { PROTECTED_ROUTE, type Simulator, startSimulator } from '../electron/core/simulator';
import { ms, table, x } from './lib/format';
import { FACTUS_DEMO, factusProfile, frozenScheduleClock, newEngine, openVault, settledHeapUsed, sleep } from './lib/harness';
import { median, quantile, type RatioSpread, rotate, spread } from './lib/stats';

export interface ConcurrencyOptions {
  callers: number;
  /** Rounds to run; fewer (never under `minRounds`) when another would end after `deadline`. */
  rounds: number;
  minRounds: number;
  /** performance.now() by which the figure should be done. */
  deadline: number;
  latencyMs: number;
  gc: (() => void) | undefined;
}

export type JobId =
  | 'tessera-token'
  | 'oauth2fetch-token'
  | 'tessera-call'
  | 'oauth2fetch-call'
  | 'axios-auth-refresh-call'
  | 'axios-auth-refresh-nodedupe-call'
  | 'reference-axios-call'
  | 'reference-fetch-call';

interface JobSpec {
  id: JobId;
  library: string;
  job: string;
  /** The Tessera job this one is compared with. */
  baseline: JobId;
}

export const JOBS: readonly JobSpec[] = [
  { id: 'tessera-token', library: 'Tessera TokenEngine', job: 'getToken(id)', baseline: 'tessera-token' },
  { id: 'oauth2fetch-token', library: '@badgateway/oauth2-client', job: 'OAuth2Fetch.getAccessToken()', baseline: 'tessera-token' },
  { id: 'tessera-call', library: 'Tessera TokenEngine', job: 'getToken + axios GET protected', baseline: 'tessera-call' },
  { id: 'oauth2fetch-call', library: '@badgateway/oauth2-client', job: 'OAuth2Fetch.fetch(protected)', baseline: 'tessera-call' },
  {
    id: 'axios-auth-refresh-call',
    library: 'axios-auth-refresh (defaults)',
    job: 'axios GET protected, 401 → refresh → retry',
    baseline: 'tessera-call',
  },
  {
    id: 'axios-auth-refresh-nodedupe-call',
    library: 'axios-auth-refresh (deduplicateRefresh: false)',
    job: 'axios GET protected, 401 → refresh → retry',
    baseline: 'tessera-call',
  },
  // No token work at all: what the HTTP clients alone cost for the same 1,000 protected calls.
  { id: 'reference-axios-call', library: 'reference: axios, valid token', job: 'axios GET protected', baseline: 'tessera-call' },
  { id: 'reference-fetch-call', library: 'reference: fetch, valid token', job: 'fetch GET protected', baseline: 'tessera-call' },
];

export interface JobRound {
  p50: number;
  p99: number;
  max: number;
  wallMs: number;
  upstreamTokenRequests: number;
  protected200: number;
  protected401: number;
  failedCalls: number;
}

export interface JobResult extends JobSpec {
  rounds: JobRound[];
  upstreamTokenRequests: { min: number; max: number; perRound: number[] };
  p50Ms: number;
  p99Ms: number;
  /** Per round: this job's p50 / the Tessera job's p50 in the same round. */
  p50VsTessera: RatioSpread;
  failedCalls: number;
}

export interface ConcurrencyResult {
  method: string;
  callers: number;
  rounds: number;
  roundsPlanned: number;
  simulatorLatencyMs: number;
  jobs: JobResult[];
}

/** The simulator's JWT `exp` is whole seconds after `iat`, so a 1 s token lives 0–1 s. */
const SHORT_LIFETIME_S = 1;

interface Prepared {
  /** Opens the job's keep-alive connections beforehand (not measured), see README. */
  warm?(): Promise<void>;
  /** Starts one caller; resolves when it has what it came for, rejects otherwise. */
  call(): Promise<void>;
}

export async function runConcurrency(opts: ConcurrencyOptions): Promise<ConcurrencyResult> {
  const sim: Simulator = await startSimulator('factus', { config: { latencyMs: opts.latencyMs } });
  const protectedUrl = `${sim.baseUrl}${PROTECTED_ROUTE}`;
  const tokenUrl = `${sim.baseUrl}/oauth/token`;

  // Tessera: one engine whose schedule never fires, so a token can be found expired by callers.
  const { vault } = openVault();
  const engineHttp = axios.create();
  const callHttp = axios.create();
  const p1 = await vault.create(factusProfile('Till token'));
  const p2 = await vault.create(factusProfile('Till call'));
  const engine = newEngine({ vault, http: engineHttp, baseUrl: sim.baseUrl, clock: frozenScheduleClock });
  await engine.start();

  // @badgateway/oauth2-client: password grant and refresh grant on /oauth/token, client secret in the body.
  const client = new OAuth2Client({
    server: sim.baseUrl,
    tokenEndpoint: '/oauth/token',
    clientId: FACTUS_DEMO.clientId!,
    clientSecret: FACTUS_DEMO.clientSecret!,
    authenticationMethod: 'client_secret_post',
  });
  const passwordLogin = () => client.password({ username: FACTUS_DEMO.username!, password: FACTUS_DEMO.password! });

  // axios-auth-refresh: the token lives in a variable a request interceptor reads (the library's
  // documented pattern), the refresh call swaps it using the refresh grant.
  const tokenHttp = axios.create();
  const aar = { accessToken: '', refreshToken: '' };
  const postToken = async (fields: Record<string, string>) => {
    const res = await tokenHttp.post<{ access_token: string; refresh_token?: string }>(
      tokenUrl,
      new URLSearchParams({ client_id: FACTUS_DEMO.clientId!, client_secret: FACTUS_DEMO.clientSecret!, ...fields }).toString(),
      { headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' } },
    );
    aar.accessToken = res.data.access_token;
    if (res.data.refresh_token) aar.refreshToken = res.data.refresh_token;
  };
  const aarClient = (deduplicateRefresh: boolean): AxiosInstance => {
    const instance = axios.create();
    instance.interceptors.request.use((config: InternalAxiosRequestConfig) => {
      config.headers.set('Authorization', `Bearer ${aar.accessToken}`);
      return config;
    });
    createAuthRefresh(instance, () => postToken({ grant_type: 'refresh_token', refresh_token: aar.refreshToken }), {
      deduplicateRefresh,
    });
    return instance;
  };
  const aarDefault = aarClient(true);
  const aarNoDedupe = aarClient(false);

  // Warming: a fresh keep-alive pool per job, filled with as many connections as there will be
  // callers by concurrent unauthenticated GETs (answers ignored), so that no job pays for a
  // storm of 1,000 connects (see README). Fresh, because the server closes idle sockets after 5 s.
  let pool: HttpAgent | undefined;
  const warmAxios = (instance: AxiosInstance) => async () => {
    pool = new HttpAgent({ keepAlive: true, maxFreeSockets: opts.callers });
    instance.defaults.httpAgent = pool;
    const plain = axios.create({ httpAgent: pool, validateStatus: () => true });
    await Promise.allSettled(Array.from({ length: opts.callers }, () => plain.get(protectedUrl)));
  };
  const warmFetch = async () => {
    await Promise.allSettled(Array.from({ length: opts.callers }, () => fetch(protectedUrl).then((r) => r.arrayBuffer())));
  };
  const aarCall = (instance: AxiosInstance) => async () => {
    const res = await instance.get(protectedUrl);
    if (res.status !== 200) throw new Error(`protected answered ${res.status}`);
  };

  const protectedGet = async (token: string) => {
    const res = await callHttp.get(protectedUrl, { headers: { Authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`protected answered ${res.status}`);
  };

  let expiredAar = '';
  const aarLogin = () => postToken({ grant_type: 'password', username: FACTUS_DEMO.username!, password: FACTUS_DEMO.password! });

  /** Gives every job a token that expires within 2 s, then waits until all have expired. */
  const prepareRound = async (): Promise<Record<JobId, Prepared>> => {
    sim.configure({ lifetimeSeconds: SHORT_LIFETIME_S });
    await engine.refresh(p1.id);
    await engine.refresh(p2.id);
    const stored1 = await passwordLogin();
    const stored2 = await passwordLogin();
    await aarLogin();
    expiredAar = aar.accessToken;
    sim.configure({ lifetimeSeconds: 3600 });
    const valid = (await passwordLogin()).accessToken;
    const fetcher = (stored: OAuth2Token) => new OAuth2Fetch({ client, getStoredToken: () => stored, getNewToken: passwordLogin });
    const f1 = fetcher(stored1);
    const f2 = fetcher(stored2);
    await sleep(SHORT_LIFETIME_S * 1000 + 150);
    const now = Date.now();
    for (const p of [p1, p2]) {
      const view = engine.view(p.id);
      if ((view.expiresAt ?? Infinity) > now) throw new Error('the engine token did not expire');
    }
    if ([stored1, stored2].some((t) => (t.expiresAt ?? Infinity) > now)) throw new Error('the OAuth2Fetch token did not expire');
    if (sim.isValidAccessToken(expiredAar)) throw new Error('the axios-auth-refresh token did not expire');
    return {
      'tessera-token': { call: () => engine.getToken(p1.id).then(() => undefined) },
      'oauth2fetch-token': { call: () => f1.getAccessToken().then(() => undefined) },
      'tessera-call': { warm: warmAxios(callHttp), call: () => engine.getToken(p2.id).then((t) => protectedGet(t.accessToken)) },
      'oauth2fetch-call': {
        warm: warmFetch,
        call: async () => {
          const res = await f2.fetch(protectedUrl);
          await res.arrayBuffer();
          if (res.status !== 200) throw new Error(`protected answered ${res.status}`);
        },
      },
      'axios-auth-refresh-call': { warm: warmAxios(aarDefault), call: aarCall(aarDefault) },
      'axios-auth-refresh-nodedupe-call': { warm: warmAxios(aarNoDedupe), call: aarCall(aarNoDedupe) },
      'reference-axios-call': { warm: warmAxios(callHttp), call: () => protectedGet(valid) },
      'reference-fetch-call': {
        warm: warmFetch,
        call: async () => {
          const res = await fetch(protectedUrl, { headers: { Authorization: `Bearer ${valid}` } });
          await res.arrayBuffer();
          if (res.status !== 200) throw new Error(`protected answered ${res.status}`);
        },
      },
    };
  };

  const runJob = async (job: Prepared): Promise<JobRound> => {
    sim.clearLog();
    const tokenBefore = sim.stats().tokenRequests;
    const latencies: number[] = new Array<number>(opts.callers);
    let failed = 0;
    // Every caller arrives with the burst: its latency runs from the burst's start, so the work
    // a library does synchronously for the callers started before it counts too.
    const wallStart = performance.now();
    const calls: Promise<void>[] = [];
    for (let i = 0; i < opts.callers; i++) {
      calls.push(
        job.call().then(
          () => void (latencies[i] = performance.now() - wallStart),
          () => {
            latencies[i] = performance.now() - wallStart;
            failed += 1;
          },
        ),
      );
    }
    await Promise.all(calls);
    const wallMs = performance.now() - wallStart;
    const protectedEntries = sim.log.filter((e) => e.path === PROTECTED_ROUTE);
    return {
      p50: quantile(latencies, 0.5),
      p99: quantile(latencies, 0.99),
      max: quantile(latencies, 1),
      wallMs,
      upstreamTokenRequests: sim.stats().tokenRequests - tokenBefore,
      protected200: protectedEntries.filter((e) => e.status === 200).length,
      protected401: protectedEntries.filter((e) => e.status === 401).length,
      failedCalls: failed,
    };
  };

  try {
    const perJob = new Map<JobId, JobRound[]>(JOBS.map((j) => [j.id, []]));
    // One warm-up round, not reported: JIT, connection pools, the libraries' first calls.
    let rounds = 0;
    let slowest = 0;
    for (let r = -1; r < opts.rounds; r++) {
      const roundStarted = performance.now();
      if (r >= opts.minRounds && roundStarted + slowest > opts.deadline) break;
      const prepared = await prepareRound();
      for (const job of rotate(JOBS, r)) {
        const p = prepared[job.id];
        if (job.id.startsWith('axios-auth-refresh')) {
          // A live refresh token of its own (a race in the previous job may have retired the last
          // one), and the access token that expired while the round was prepared.
          await aarLogin();
          aar.accessToken = expiredAar;
        }
        await p.warm?.();
        await settledHeapUsed(opts.gc);
        const result = await runJob(p);
        pool?.destroy();
        pool = undefined;
        if (r >= 0) perJob.get(job.id)!.push(result);
      }
      if (r >= 0) rounds += 1;
      slowest = Math.max(slowest, performance.now() - roundStarted);
    }
    const jobs = JOBS.map((spec): JobResult => {
      const rounds = perJob.get(spec.id)!;
      const base = perJob.get(spec.baseline)!;
      const upstream = rounds.map((r) => r.upstreamTokenRequests);
      return {
        ...spec,
        rounds,
        upstreamTokenRequests: { min: Math.min(...upstream), max: Math.max(...upstream), perRound: upstream },
        p50Ms: median(rounds.map((r) => r.p50)),
        p99Ms: median(rounds.map((r) => r.p99)),
        p50VsTessera: spread(rounds.map((r, i) => r.p50 / base[i]!.p50)),
        failedCalls: rounds.reduce((s, r) => s + r.failedCalls, 0),
      };
    });
    return {
      method:
        `${opts.callers} callers started in one synchronous loop against a token that expired (1 s lifetime, waited out), ` +
        "each one's latency counted from the start of the burst; " +
        `Factus simulator, token endpoint latency ${opts.latencyMs} ms, protected endpoint none. Tessera's engine runs on a ` +
        'clock whose schedule never fires (as after a sleep), so the callers find the token expired. Each round gives every ' +
        'job a fresh expired token, runs the jobs in rotated order, each after its HTTP pool was filled with one keep-alive ' +
        'connection per caller and a full GC, and counts token requests at the simulator. Figures are medians over rounds ' +
        'of per-round p50/p99; ratios are per round against the Tessera job doing the same thing. One warm-up round is dropped.',
      callers: opts.callers,
      rounds,
      roundsPlanned: opts.rounds,
      simulatorLatencyMs: opts.latencyMs,
      jobs,
    };
  } finally {
    engine.stop();
    pool?.destroy();
    await sim.close();
  }
}

export function printConcurrency(r: ConcurrencyResult): string {
  const rows = r.jobs.map((j) => {
    const up = j.upstreamTokenRequests;
    const hasProtected = j.rounds.some((x) => x.protected200 + x.protected401 > 0);
    return [
      j.library,
      j.job,
      up.min === up.max ? String(up.min) : `${up.min}–${up.max}`,
      hasProtected ? `${median(j.rounds.map((x) => x.protected200))}/${median(j.rounds.map((x) => x.protected401))}` : '—',
      `${j.failedCalls}/${r.callers * j.rounds.length}`,
      ms(j.p50Ms, 1),
      ms(j.p99Ms, 1),
      j.id === j.baseline
        ? '1.00× (baseline)'
        : `${x(j.p50VsTessera.median)} (${j.p50VsTessera.min.toFixed(2)}–${j.p50VsTessera.max.toFixed(2)})`,
    ];
  });
  return [
    table(
      `(c) ${r.callers} concurrent callers on an expired token — ${r.rounds} rounds (+1 warm-up` +
        `${r.rounds < r.roundsPlanned ? `; ${r.roundsPlanned} planned, cut by the time budget` : ''}), token endpoint latency ${r.simulatorLatencyMs} ms`,
      ['library', 'job', 'token requests', 'protected 200/401', 'failed calls', 'p50', 'p99', 'p50 vs Tessera (min–max)'],
      rows,
    ),
    'token requests: min–max per round, counted by the simulator. protected 200/401: median per round. p50/p99: median over ' +
      'rounds of each round’s percentile over all calls (a failed call counts until it rejects). Ratios: per round, against ' +
      'the Tessera row doing the same job.',
  ].join('\n');
}
