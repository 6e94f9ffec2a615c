// A real core with its token service on real sockets, the built-in sandbox behind it, for the
// service's integration tests: one Invoisys sandbox account, helpers to add profiles and keys.
import { expect } from 'vitest';

import type { AccessKeyView, AppEvent, ProfileView, Result, ServiceStatus } from '#common/contract';

import { createFolderCore } from '../../electron/browser-host/composition';
import { memoryLogger } from '../../electron/core/logger';
import { type Sandbox, startSandbox } from '../../electron/core/simulator';
import { coreInternals, type CoreOptions } from '../../electron/core/tessera-core';
import { eventually } from './eventually';
import { tempDir } from './temp-dir';

export const SANDBOX_ACCOUNT = { username: 'till@shop.test', password: 'till-password-7702-secret' };

export async function serviceCore(opts: { service?: CoreOptions['service']; onClose: (close: () => Promise<void>) => void }) {
  const dir = tempDir();
  const sandbox: Sandbox = await startSandbox();
  opts.onClose(() => sandbox.close());
  sandbox.simulators.invoisys.addAccount(SANDBOX_ACCOUNT);
  const logger = memoryLogger();
  const core = await createFolderCore(dir, {
    version: 'test',
    systemLocale: 'en',
    logger,
    sandbox: (id) => sandbox.baseUrlFor(id),
    service: opts.service ?? { port: 0 },
  });
  opts.onClose(() => core.close());
  const events: AppEvent[] = [];
  core.onEvent((e) => events.push(e));
  const call = async <T>(method: string, input?: unknown): Promise<T> => {
    const result: Result<unknown> = await core.dispatch(method, input);
    if (!result.ok) throw new Error(`${method} failed: ${JSON.stringify(result.error)}`);
    return result.value as T;
  };
  const addProfile = (name: string) =>
    call<ProfileView>('createProfile', { name, provider: 'invoisys', environment: { kind: 'sandbox' }, credentials: SANDBOX_ACCOUNT });
  const addKey = (name: string) => call<{ key: string; accessKey: AccessKeyView }>('createAccessKey', { name, profiles: null });
  const waitValid = async (id: string) => {
    await eventually(() => expect(coreInternals(core).engine.view(id).state).toBe('valid'));
  };
  /** Waits until the service status satisfies `ok`; fails after `timeoutMs`. */
  const waitStatus = (ok: (s: ServiceStatus) => boolean, timeoutMs?: number) =>
    eventually(() => {
      expect(ok(core.service), `service status: ${JSON.stringify(core.service)}`).toBe(true);
      return core.service;
    }, timeoutMs);
  return { dir, sandbox, sim: sandbox.simulators.invoisys, core, logger, events, call, addProfile, addKey, waitValid, waitStatus };
}
