// Figure (a): what a login through the token engine costs on top of the bare HTTP POST it makes,
// both against the same Factus simulator with the same axios instance, interleaved op by op.
import axios, { type AxiosInstance } from 'axios';

import { type Simulator, startSimulator } from '../electron/core/simulator';
import { ms, ratioText, table, us } from './lib/format';
import { FACTUS_DEMO, FACTUS_LOGIN_ONLY, factusProfile, newEngine, openVault } from './lib/harness';
import { abOrder, median, type RatioSpread, ratioSpread, spread, summarize, type Summary } from './lib/stats';

export interface OverheadOptions {
  warmupPairs: number;
  rounds: number;
  pairsPerRound: number;
}

export interface OverheadResult {
  method: string;
  simulatorLatencyMs: number;
  warmupPairs: number;
  rounds: number;
  pairsPerRound: number;
  /** Per-operation times over every measured op, ms. */
  bareMs: Summary;
  engineMs: Summary;
  /** Per round: median engine op / median bare op. */
  ratio: RatioSpread;
  /** Per round: median engine op − median bare op, µs. */
  overheadUs: RatioSpread;
  upstream: { expectedLogins: number; simulatorLogins: number };
  /** Whole-document store writes made while the engine ops ran (coalesced, off the op's path). */
  storeWrites: { count: number; perEngineOp: number; ms: Summary; fileBytes: number };
}

/** Exactly the request the Factus adapter sends for a login: form body, same headers and options. */
function bareLogin(http: AxiosInstance, baseUrl: string): Promise<unknown> {
  const body = new URLSearchParams({
    grant_type: 'password',
    client_id: FACTUS_DEMO.clientId!,
    client_secret: FACTUS_DEMO.clientSecret!,
    username: FACTUS_DEMO.username!,
    password: FACTUS_DEMO.password!,
  }).toString();
  return http
    .request<string>({
      method: 'POST',
      url: `${baseUrl}/oauth/token`,
      data: body,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      timeout: 15_000,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      maxRedirects: 0,
    })
    .then((res) => {
      if (res.status !== 200) throw new Error(`bare login answered ${res.status}`);
    });
}

export async function runOverhead(opts: OverheadOptions): Promise<OverheadResult> {
  const sim: Simulator = await startSimulator('factus', { config: { latencyMs: 0 } });
  const http = axios.create();
  const { vault, store } = openVault();
  const record = await vault.create(factusProfile('Till overhead'));
  const engine = newEngine({ vault, http, baseUrl: sim.baseUrl, providers: () => FACTUS_LOGIN_ONLY });
  await engine.start();
  try {
    // Whether each op really logged in is checked once, by the simulator's count, after the loop.
    const engineLogin = async () => {
      const view = await engine.refresh(record.id);
      if (view.state !== 'valid') throw new Error(`engine login failed: ${view.state}`);
    };
    const timed = async (op: () => Promise<unknown>): Promise<number> => {
      const started = performance.now();
      await op();
      return performance.now() - started;
    };

    for (let i = 0; i < opts.warmupPairs; i++) {
      await bareLogin(http, sim.baseUrl);
      await engineLogin();
    }
    vault.flush();
    const loginsBefore = sim.stats().logins;
    const writesBefore = store.writes.length;

    const bare: number[] = [];
    const eng: number[] = [];
    const roundBare: number[] = [];
    const roundEng: number[] = [];
    for (let r = 0; r < opts.rounds; r++) {
      const rb: number[] = [];
      const re: number[] = [];
      for (let p = 0; p < opts.pairsPerRound; p++) {
        for (const which of abOrder(r, p)) {
          if (which === 'a') rb.push(await timed(() => bareLogin(http, sim.baseUrl)));
          else re.push(await timed(engineLogin));
        }
      }
      bare.push(...rb);
      eng.push(...re);
      roundBare.push(median(rb));
      roundEng.push(median(re));
    }
    vault.flush();
    const measuredOps = opts.rounds * opts.pairsPerRound;
    const simulatorLogins = sim.stats().logins - loginsBefore;
    if (simulatorLogins !== 2 * measuredOps) throw new Error(`expected ${2 * measuredOps} logins, the simulator saw ${simulatorLogins}`);
    const writes = store.writes.slice(writesBefore);
    return {
      method:
        'Factus simulator on loopback, latency 0. Bare: one axios POST of the login form. Engine: ' +
        'engine.refresh(id) on a profile whose adapter is Factus without refresh, so every op is a full login ' +
        '(credentials opened, adapter, zod, grant, token sealed, history, events). Same axios instance, ' +
        'ops interleaved ABBA-style, each timed alone; ratio = per-round median engine / median bare.',
      simulatorLatencyMs: 0,
      warmupPairs: opts.warmupPairs,
      rounds: opts.rounds,
      pairsPerRound: opts.pairsPerRound,
      bareMs: summarize(bare),
      engineMs: summarize(eng),
      ratio: ratioSpread(roundEng, roundBare),
      overheadUs: spread(roundEng.map((e, i) => (e - roundBare[i]!) * 1000)),
      upstream: { expectedLogins: 2 * measuredOps, simulatorLogins },
      storeWrites: {
        count: writes.length,
        perEngineOp: writes.length / measuredOps,
        ms: summarize(writes),
        fileBytes: store.fileBytes(),
      },
    };
  } finally {
    engine.stop();
    await sim.close();
  }
}

export function printOverhead(r: OverheadResult): string {
  return [
    table(
      `(a) Engine overhead per login — ${r.rounds} rounds × ${r.pairsPerRound} interleaved pairs after ${r.warmupPairs} warm-up pairs, simulator latency ${r.simulatorLatencyMs} ms`,
      ['path', 'p25', 'median', 'p75', 'p99', 'mean'],
      [
        ['bare axios POST', ms(r.bareMs.p25, 3), ms(r.bareMs.p50, 3), ms(r.bareMs.p75, 3), ms(r.bareMs.p99, 3), ms(r.bareMs.mean, 3)],
        [
          'engine.refresh (login)',
          ms(r.engineMs.p25, 3),
          ms(r.engineMs.p50, 3),
          ms(r.engineMs.p75, 3),
          ms(r.engineMs.p99, 3),
          ms(r.engineMs.mean, 3),
        ],
      ],
    ),
    `ratio engine/bare (per-round medians): ${ratioText(r.ratio)}`,
    `overhead per login: ${us(r.overheadUs.median)} (p25–p75 ${us(r.overheadUs.p25)}–${us(r.overheadUs.p75)})`,
    `upstream logins ${r.upstream.simulatorLogins} (expected ${r.upstream.expectedLogins}); coalesced store writes ${r.storeWrites.count} ` +
      `(${r.storeWrites.perEngineOp.toFixed(2)} per engine login, median ${ms(r.storeWrites.ms.p50)} each, file ${r.storeWrites.fileBytes} B)`,
  ].join('\n');
}
