// Fills a data folder with N profiles through core, as the browser host would hold them: each
// created with the sandbox's demo credentials and signed in (every 33rd with a wrong password,
// so the dashboard has problems to sort first). Far faster than the wizard, and what a store
// of 1,000 tills really looks like. Used by `npm run bench:ui` and the scale end-to-end test.
import { createFolderCore } from '../../electron/browser-host/composition';
import { silentLogger } from '../../electron/core/logger';
import { findProvider } from '../../electron/core/providers';
import { type Sandbox, startSandbox } from '../../electron/core/simulator';
import type { TesseraCore } from '../../electron/core/tessera-core';

const PROVIDERS = ['factus', 'invoisys', 'multinexo', 'onapi', 'ereceipt'] as const;

export interface SeededCore {
  core: TesseraCore;
  sandbox: Sandbox;
  close(): Promise<void>;
}

export interface SeedOptions {
  /** Every `problemEvery`-th profile gets a wrong password (needs attention, no token); 0 for none. */
  problemEvery?: number;
  /**
   * The sandbox's token lifetime while seeding. Its defaults are short (90 s for Multinexo), so
   * a slow seeding leaves tokens that lapse before the host serves them, and a thousand logins
   * at once then measure the machine, not the dashboard.
   */
  lifetimeSeconds?: number;
}

/** The name of profile `i` (zero-padded, so the names sort as the numbers do). */
export function seededName(i: number): string {
  return `Till ${String(i + 1).padStart(4, '0')}`;
}

/**
 * Core on `dataDir` with N profiles created and settled (signed in, or refused). The core and
 * its sandbox keep running: serve them, or close() to leave only the data folder.
 */
export async function seedProfiles(dataDir: string, count: number, opts: SeedOptions = {}): Promise<SeededCore> {
  const problemEvery = opts.problemEvery ?? 33;
  const sandbox = await startSandbox();
  if (opts.lifetimeSeconds !== undefined) {
    for (const simulator of Object.values(sandbox.simulators)) simulator.configure({ lifetimeSeconds: opts.lifetimeSeconds });
  }
  const core = await createFolderCore(dataDir, { logger: silentLogger, sandbox: (id) => sandbox.baseUrlFor(id) });
  for (let i = 0; i < count; i++) {
    const provider = PROVIDERS[i % PROVIDERS.length]!;
    const info = findProvider(provider)!.info;
    const demo: Record<string, string> = { ...info.sandboxDemo };
    if (info.fields.posOsVersion && !demo.posOsVersion) demo.posOsVersion = 'Debian GNU/Linux 12';
    if (problemEvery > 0 && i % problemEvery === problemEvery - 1) {
      // eReceipt signs in with its client secret alone; the others with a password.
      if (info.fields.password) demo.password = 'not-the-password';
      else demo.clientSecret = 'not-the-client-secret';
    }
    const created = await core.dispatch('createProfile', {
      name: seededName(i),
      provider,
      environment: { kind: 'sandbox' },
      credentials: demo,
    });
    if (!created.ok) throw new Error(`seeding profile ${i} failed: ${JSON.stringify(created.error)}`);
  }
  await settled(core);
  return {
    core,
    sandbox,
    close: async () => {
      await core.close();
      await sandbox.close();
    },
  };
}

/** Waits until no profile is signing in any more. */
async function settled(core: TesseraCore): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const busy = core.tokenViews().filter((v) => v.state === 'acquiring' || v.state === 'renewing' || v.state === 'signed-out');
    if (busy.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('seeded profiles did not settle within a minute');
}
