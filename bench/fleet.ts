// Figure (d): fleet set-up (issue #12 §3) — exporting and importing 100 and 1,000 profiles with
// their secrets, time and store writes, against creating the same profiles one by one (each
// create rewrites and fsyncs the whole store, as the wizard's save does). Sign-ins excluded.
import type { CredentialValues } from '#common/profile-schema';

import { exportBundle, type ImportChoice, importDocument, readBundle } from '../electron/core/bundle/bundle';
import { BUNDLE_KIND } from '../electron/core/bundle/format';
import { findProvider, PROVIDER_IDS, type ProviderId } from '../electron/core/providers';
import { kib, ms, table, x } from './lib/format';
import { openVault } from './lib/harness';
import { median, type RatioSpread, ratioSpread } from './lib/stats';

const catalog = (id: string) => findProvider(id)?.info;
const PASSPHRASE = 'bench fleet passphrase';

export interface FleetOptions {
  sizes: readonly number[];
  /** Rounds per size: one-by-one and import alternate (ABBA) within them. */
  rounds: (size: number) => number;
}

interface Round {
  /** N × vault.create on a fresh store. */
  oneByOne: { ms: number; storeWrites: number; storeWriteMs: number };
  export: { ms: number; bytes: number };
  /** readBundle (scrypt, JSON, zod, every profile's rules) + importDocument (plan, seal, one write). */
  import: { ms: number; openMs: number; saveMs: number; storeWrites: number; storeWriteMs: number };
}

export interface FleetSize {
  profiles: number;
  rounds: Round[];
  medians: { oneByOneMs: number; importMs: number; importOpenMs: number; importSaveMs: number; exportMs: number; bundleBytes: number };
  /** one-by-one / import, per round. */
  speedup: RatioSpread;
}

export interface FleetResult {
  sizes: FleetSize[];
  /** Median time at the largest size over the smallest: linear growth is the size ratio. */
  growth: { sizeRatio: number; oneByOne: number; import: number; importSave: number };
}

/** A profile of each provider in turn, secrets of its own (random enough to be distinct). */
function draft(i: number) {
  const n = String(i).padStart(5, '0');
  const credentials: Record<ProviderId, CredentialValues> = {
    ereceipt: {
      clientId: `client-${n}`,
      clientSecret: `secret-${n}-abcdefgh`,
      posSerial: 'SN-BENCH',
      posOsVersion: 'Linux',
      posFramework: '1',
      preSharedKey: `psk-${n}-abcdefgh`,
    },
    onapi: { clientId: `integra-${n}`, username: `cashier-${n}@onapi.test`, password: `password-${n}-abcdefgh` },
    multinexo: {
      clientId: `client-${n}`,
      clientSecret: `secret-${n}-abcdefgh`,
      username: `cashier-${n}`,
      password: `password-${n}-abcdefgh`,
      scope: 'openid profile email voucher',
    },
    factus: {
      clientId: `client-${n}`,
      clientSecret: `secret-${n}-abcdefgh`,
      username: `cashier-${n}@factus.test`,
      password: `password-${n}-abcdefgh`,
    },
    invoisys: { username: `cashier-${n}@invoisys.test`, password: `password-${n}-abcdefgh` },
  };
  const provider = PROVIDER_IDS[i % PROVIDER_IDS.length]!;
  return { name: `Till ${n}`, provider, environment: { kind: 'sandbox' as const }, credentials: credentials[provider] };
}

async function oneByOne(size: number) {
  const { vault, store } = openVault();
  const started = performance.now();
  for (let i = 0; i < size; i++) await vault.create(draft(i));
  const elapsed = performance.now() - started;
  return { vault, result: { ms: elapsed, storeWrites: store.writes.length, storeWriteMs: store.writes.reduce((a, b) => a + b, 0) } };
}

async function importInto(bytes: Uint8Array) {
  const { vault, store } = openVault();
  const started = performance.now();
  const doc = await readBundle(bytes, PASSPHRASE, catalog);
  const opened = performance.now();
  const choices: ImportChoice[] = doc.profiles.map((_, index) => ({
    index,
    action: 'import',
    values: { posSerial: 'SN-TILL-2', posOsVersion: 'Windows 11' },
  }));
  const { outcomes } = await importDocument(vault, doc, choices, catalog);
  const ended = performance.now();
  if (outcomes.length !== doc.profiles.length || vault.profiles().length !== doc.profiles.length)
    throw new Error('the import lost profiles');
  return {
    ms: ended - started,
    openMs: opened - started,
    saveMs: ended - opened,
    storeWrites: store.writes.length,
    storeWriteMs: store.writes.reduce((a, b) => a + b, 0),
  };
}

export async function runFleet(opts: FleetOptions): Promise<FleetResult> {
  const sizes: FleetSize[] = [];
  for (const size of opts.sizes) {
    const rounds: Round[] = [];
    // The bundle's source; making it also warms up the code paths (not counted).
    const source = await oneByOne(size);
    const ids = source.vault.profiles().map((p) => p.id);
    for (let r = 0; r < opts.rounds(size); r++) {
      const exportStarted = performance.now();
      const { bytes, profiles } = await exportBundle(source.vault, {
        ids,
        withSecrets: true,
        appVersion: 'bench',
        now: Date.now(),
        passphrase: PASSPHRASE,
      });
      const exportMs = performance.now() - exportStarted;
      if (profiles !== size || !Buffer.from(bytes).toString('latin1').startsWith('age-encryption.org/v1'))
        throw new Error(`the ${BUNDLE_KIND} bundle is wrong`);
      // ABBA: one round creates first, the next imports first, so neither always runs warmer.
      let baseline: Round['oneByOne'];
      let imported: Round['import'];
      if (r % 2 === 0) {
        baseline = (await oneByOne(size)).result;
        imported = await importInto(bytes);
      } else {
        imported = await importInto(bytes);
        baseline = (await oneByOne(size)).result;
      }
      rounds.push({ oneByOne: baseline, export: { ms: exportMs, bytes: bytes.length }, import: imported });
    }
    sizes.push({
      profiles: size,
      rounds,
      medians: {
        oneByOneMs: median(rounds.map((r) => r.oneByOne.ms)),
        importMs: median(rounds.map((r) => r.import.ms)),
        importOpenMs: median(rounds.map((r) => r.import.openMs)),
        importSaveMs: median(rounds.map((r) => r.import.saveMs)),
        exportMs: median(rounds.map((r) => r.export.ms)),
        bundleBytes: median(rounds.map((r) => r.export.bytes)),
      },
      speedup: ratioSpread(
        rounds.map((r) => r.oneByOne.ms),
        rounds.map((r) => r.import.ms),
      ),
    });
  }
  const first = sizes[0]!;
  const last = sizes.at(-1)!;
  return {
    sizes,
    growth: {
      sizeRatio: last.profiles / first.profiles,
      oneByOne: last.medians.oneByOneMs / first.medians.oneByOneMs,
      import: last.medians.importMs / first.medians.importMs,
      importSave: last.medians.importSaveMs / first.medians.importSaveMs,
    },
  };
}

export function printFleet(r: FleetResult): string {
  const rows = r.sizes.flatMap((s) => {
    const last = s.rounds.at(-1)!;
    return [
      [
        `${s.profiles} one by one (vault.create)`,
        ms(s.medians.oneByOneMs, 0),
        String(last.oneByOne.storeWrites),
        ms(median(s.rounds.map((q) => q.oneByOne.storeWriteMs)), 0),
        '1.00×',
      ],
      [
        `${s.profiles} import (whole)`,
        ms(s.medians.importMs, 0),
        String(last.import.storeWrites),
        ms(median(s.rounds.map((q) => q.import.storeWriteMs)), 0),
        x(1 / s.speedup.median),
      ],
      [`  open: scrypt, JSON, zod, rules`, ms(s.medians.importOpenMs, 0), '', '', ''],
      [`  save: plan, seal, one write`, ms(s.medians.importSaveMs, 0), '', '', ''],
      [`${s.profiles} export (open secrets, encrypt)`, ms(s.medians.exportMs, 0), '0', '', `${kib(s.medians.bundleBytes)}`],
    ];
  });
  return [
    table(
      '(d) fleet set-up: bundles vs one-by-one creates, sign-ins excluded (medians over rounds)',
      ['what', 'time', 'store writes', 'in Store.write', 'vs one by one'],
      rows,
    ),
    ...r.sizes.map(
      (s) =>
        `  ${s.profiles} profiles: one by one / import = ${x(s.speedup.median)} (min–max ${s.speedup.min.toFixed(2)}–${s.speedup.max.toFixed(2)}, ${s.speedup.rounds} rounds)`,
    ),
    `  growth ${r.sizes[0]!.profiles} → ${r.sizes.at(-1)!.profiles} profiles (${r.growth.sizeRatio}× more): one by one ${x(r.growth.oneByOne)}, import ${x(r.growth.import)} (its save step ${x(r.growth.importSave)}; scrypt is a constant ~1 s)`,
  ].join('\n');
}
