// `npx tsx bench/diagnostics.ts`: what recording an exchange for "Copy diagnostics" costs. A
// Factus login through the plain adapter against the same login through the recording one
// (observing HTTP client, redaction of body and headers with every secret in every form, the
// ring), interleaved ABBA against one simulator in this process; the ratio is per round.
// Then the memory a full ring takes, with the longest bodies kept, for 1,000 profiles.
import axios from 'axios';

import { type ExchangeView, MAX_EXCHANGES } from '#common/diagnostics-view';

import { systemClock } from '../electron/core/clock';
import { observedAdapter } from '../electron/core/diagnostics/capture';
import { startSimulator } from '../electron/core/simulator';
import { ms, ratioText, table, us } from './lib/format';
import { FACTUS_DEMO, FACTUS_LOGIN_ONLY } from './lib/harness';
import { abOrder, median, ratioSpread, spread } from './lib/stats';

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 5 : 30;
const PAIRS = quick ? 10 : 25;
const WARMUP = quick ? 20 : 100;

async function main(): Promise<void> {
  const sim = await startSimulator('factus', { config: { latencyMs: 0 } });
  const ctx = { http: axios.create(), clock: systemClock, timeoutMs: 15_000 };
  const target = { baseUrl: sim.baseUrl, credentials: FACTUS_DEMO };
  const ring: ExchangeView[] = [];
  const recording = observedAdapter(FACTUS_LOGIN_ONLY, systemClock, (e) => {
    ring.push(e);
    if (ring.length > MAX_EXCHANGES) ring.shift();
  });
  const timed = async (op: () => Promise<unknown>) => {
    const started = performance.now();
    await op();
    return performance.now() - started;
  };
  try {
    for (let i = 0; i < WARMUP; i++) {
      await FACTUS_LOGIN_ONLY.login(ctx, target);
      await recording.login(ctx, target);
    }
    const plainRounds: number[] = [];
    const recordedRounds: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const plain: number[] = [];
      const recorded: number[] = [];
      for (let p = 0; p < PAIRS; p++) {
        for (const which of abOrder(r, p)) {
          if (which === 'a') plain.push(await timed(() => FACTUS_LOGIN_ONLY.login(ctx, target)));
          else recorded.push(await timed(() => recording.login(ctx, target)));
        }
      }
      plainRounds.push(median(plain));
      recordedRounds.push(median(recorded));
    }
    const ratio = ratioSpread(recordedRounds, plainRounds);
    const overhead = spread(recordedRounds.map((v, i) => (v - plainRounds[i]!) * 1000));

    // A ring at its largest: five exchanges, each with a body at the 2,000-character cap.
    const full: ExchangeView[] = Array.from({ length: MAX_EXCHANGES }, () => ({ ...ring.at(-1)!, body: 'x'.repeat(2000) }));
    const ringChars = JSON.stringify(full).length;

    console.log(`Tessera diagnostics bench — node ${process.version}${quick ? ', QUICK settings (not for reporting)' : ''}`);
    console.log(
      table(
        `Factus login, plain adapter vs recording adapter — ${ROUNDS} rounds × ${PAIRS} interleaved pairs after ${WARMUP} warm-up pairs, simulator latency 0`,
        ['figure', 'value'],
        [
          ['recording / plain, per-round medians', ratioText(ratio)],
          ['added per login (p25–p75)', `${us(overhead.median)} (${us(overhead.p25)} – ${us(overhead.p75)})`],
          ['plain login, median of rounds', ms(median(plainRounds), 3)],
        ],
      ),
    );
    console.log(
      `A full ring (5 exchanges, 2,000-character bodies): ${ringChars} characters of JSON; 1,000 profiles ≈ ${((ringChars * 2 * 1000) / 1024 / 1024).toFixed(1)} MiB as UTF-16 strings.`,
    );
  } finally {
    await sim.close();
  }
}

await main();
