// A Store on `conf` (the library electron-store is built on) for Node: the browser host, tests
// and benchmarks. Owner-only file mode; conf writes through a temporary file and a rename.
import { join } from 'node:path';

import Conf from 'conf';

import type { Store } from './types';

export const STORE_NAME = 'tessera';

export function createConfStore(dir: string): Store {
  // Built on first use, so that a file conf cannot parse surfaces as a failed read the vault
  // can move aside, and a second read after that starts from a fresh file.
  let conf: Conf<Record<string, unknown>> | undefined;
  const open = () =>
    (conf ??= new Conf<Record<string, unknown>>({
      cwd: dir,
      configName: STORE_NAME,
      projectName: 'tessera',
      configFileMode: 0o600,
      clearInvalidConfig: false,
      accessPropertiesByDotNotation: false,
      watch: false,
    }));
  return {
    path: join(dir, `${STORE_NAME}.json`),
    read: () => open().store,
    write: (doc) => {
      open().store = doc;
    },
  };
}
