// The app's Store on electron-store (built on conf, like core's conf-store.ts for Node): one
// owner-only JSON file in the data folder, written through a temporary file and a rename.
import { join } from 'node:path';

import ElectronStore from 'electron-store';

import type { Store } from '../core/vault/types';

// The file name core's conf store uses too, so one data folder opens in either host. Not
// imported from conf-store.ts: that would bundle `conf` into main for a string.
const STORE_NAME = 'tessera';

export function createElectronStore(dataDir: string): Store {
  // Built on first use, so that a file that cannot be parsed surfaces as a failed read the
  // vault moves aside (clearInvalidConfig: false keeps electron-store from wiping it silently),
  // and the read after that starts from a fresh file.
  let store: ElectronStore<Record<string, unknown>> | undefined;
  const open = () =>
    (store ??= new ElectronStore<Record<string, unknown>>({
      cwd: dataDir,
      name: STORE_NAME,
      configFileMode: 0o600,
      clearInvalidConfig: false,
      accessPropertiesByDotNotation: false,
      watch: false,
    }));
  return {
    path: join(dataDir, `${STORE_NAME}.json`),
    read: () => open().store,
    write: (doc) => {
      open().store = doc;
    },
  };
}
