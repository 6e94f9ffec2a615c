// Access-key verification on its own: `findAccessKey` (SHA-256 of the presented key, then a
// timing-safe compare against every stored hash) with 1 and 20 keys in the vault, and SHA-256
// alone, timed in batches in this process. Informative: it tells what share of the service's
// CPU per request goes to checking the key.
import { createHash } from 'node:crypto';

import { createAccessKey, findAccessKey } from '../../electron/core/service/access-keys';
import { openVault } from '../lib/harness';
import { median, type RatioSpread, rotate, spread } from '../lib/stats';

export interface KeyCheckOptions {
  rounds: number;
  callsPerBatch: number;
}

export interface KeyCheckResult {
  method: string;
  rounds: number;
  callsPerBatch: number;
  /** µs per call, median over rounds (spread over rounds). */
  sha256Us: RatioSpread;
  findAccessKey1Us: RatioSpread;
  findAccessKey20Us: RatioSpread;
  /** (20 keys − 1 key) / 19: each further stored key (hex decode + timingSafeEqual), µs. */
  perExtraKeyUs: number;
}

function vaultWithKeys(count: number) {
  const { vault } = openVault();
  let last = '';
  for (let i = 0; i < count; i++) last = createAccessKey(vault, { name: `Till ${i + 1}`, profiles: null }, Date.now()).key;
  return { vault, key: last };
}

export function runKeyCheck(opts: KeyCheckOptions): KeyCheckResult {
  const one = vaultWithKeys(1);
  const twenty = vaultWithKeys(20);
  let sink = 0;
  const ops = {
    sha256: () => {
      sink += createHash('sha256').update(one.key, 'utf8').digest()[0]!;
    },
    find1: () => {
      if (!findAccessKey(one.vault, one.key)) throw new Error('key not found');
    },
    find20: () => {
      if (!findAccessKey(twenty.vault, twenty.key)) throw new Error('key not found');
    },
  };
  type Op = keyof typeof ops;
  const batch = (op: Op): number => {
    const fn = ops[op];
    const started = performance.now();
    for (let i = 0; i < opts.callsPerBatch; i++) fn();
    return ((performance.now() - started) * 1000) / opts.callsPerBatch;
  };
  const names: Op[] = ['sha256', 'find1', 'find20'];
  for (const op of names) batch(op); // warm-up
  const times: Record<Op, number[]> = { sha256: [], find1: [], find20: [] };
  for (let r = 0; r < opts.rounds; r++) {
    for (const op of rotate(names, r)) times[op].push(batch(op));
  }
  if (sink < 0) throw new Error('unreachable');
  return {
    method: `batches of ${opts.callsPerBatch} calls, ${opts.rounds} rounds in rotated order after one warm-up batch each; the presented key is the last one created`,
    rounds: opts.rounds,
    callsPerBatch: opts.callsPerBatch,
    sha256Us: spread(times.sha256),
    findAccessKey1Us: spread(times.find1),
    findAccessKey20Us: spread(times.find20),
    perExtraKeyUs: (median(times.find20) - median(times.find1)) / 19,
  };
}
