// Tokens may have expired while the machine slept, was locked or was offline: on resume, unlock
// and the network coming back, the token engine re-checks every profile at once instead of
// waiting for timers that may have drifted.
import { net, powerMonitor } from 'electron';

import type { Logger } from '../core/logger';
import type { TesseraCore } from '../core/tessera-core';
import { watchOnline } from './online-watch';

const ONLINE_POLL_MS = 15_000;

export interface PowerWatch {
  stop(): void;
}

export function setupPower(core: TesseraCore, logger: Logger): PowerWatch {
  const wake = (reason: string) => () => {
    logger.info('waking the token engine', { reason });
    core.wake();
  };
  const onResume = wake('resume');
  const onUnlock = wake('unlock-screen');
  powerMonitor.on('resume', onResume);
  powerMonitor.on('unlock-screen', onUnlock);
  const online = watchOnline(() => net.isOnline(), wake('online'), ONLINE_POLL_MS);
  return {
    stop: () => {
      online.stop();
      powerMonitor.off('resume', onResume);
      powerMonitor.off('unlock-screen', onUnlock);
    },
  };
}
