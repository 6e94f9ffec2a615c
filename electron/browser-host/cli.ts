// `npm run web -- --port <n> --data-dir <dir>`: runs Tessera in a browser, backed by the real
// core, the development SecretBox and the built-in sandbox. Builds the renderer first when it
// is missing or older than its sources. Prints the URL to open on a line of its own.
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { build } from 'electron-vite';

import { acquireDataLock } from '../core/data-lock';
import { installLastResort } from '../core/last-resort';
import { createNodeComposition } from './composition';
import { consoleLogger } from './console-logger';
import { startBrowserHost } from './server';

const ROOT = resolve(import.meta.dirname, '../..');
const RENDERER_OUT = join(ROOT, 'out/renderer');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

function rendererIsStale(): boolean {
  const index = join(RENDERER_OUT, 'index.html');
  if (!existsSync(index)) return true;
  const sources = ['renderer', 'electron/core/contract.ts', 'electron/core/profile-schema.ts'].map((p) => join(ROOT, p));
  return Math.max(...sources.map(newestMtime)) > statSync(index).mtimeMs;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4780' },
      'data-dir': { type: 'string', default: join(ROOT, '.tessera-data') },
      'test-controls': { type: 'boolean', default: false },
      'log-level': { type: 'string', default: 'info' },
      'no-build': { type: 'boolean', default: false },
      'service-port': { type: 'string' },
      // Tests of the installer lock's expiry: an unlock shorter than 5 minutes (never longer).
      'unlock-seconds': { type: 'string' },
    },
    strict: true,
  });
  const port = portOption('--port', values.port);
  const servicePort = values['service-port'] === undefined ? undefined : portOption('--service-port', values['service-port']);
  const logger = consoleLogger(values['log-level'] as 'info');
  // Before anything can fail: an uncaught error is logged (redacted) and the host keeps serving.
  const lastResort = installLastResort({ logger });
  const unlockSeconds = values['unlock-seconds'];
  if (unlockSeconds !== undefined && (!/^\d+$/.test(unlockSeconds) || Number(unlockSeconds) < 1 || Number(unlockSeconds) > 300)) {
    process.stderr.write(`--unlock-seconds must be a number from 1 to 300, not "${unlockSeconds}".\n`);
    process.exit(2);
  }

  if (!values['no-build'] && rendererIsStale()) {
    process.stderr.write('Building the renderer…\n');
    await build({ configFile: join(ROOT, 'electron.vite.config.ts'), logLevel: 'warn' });
  }

  const dataDir = resolve(values['data-dir']);
  // The folder is ours while we run (tessera.lock): the command line refuses to change it meanwhile.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lock = acquireDataLock(dataDir, 'browser');
  if (!lock.ok) {
    const who = lock.owner ? `another Tessera (${lock.owner.host}, pid ${lock.owner.pid})` : 'another Tessera';
    process.stderr.write(`The data folder ${dataDir} is in use by ${who}. Stop it first, or use another --data-dir.\n`);
    process.exit(1);
  }
  process.on('exit', () => lock.lock.release());
  // A token file under the served folder would be downloadable without the access key: the
  // renderer's folder (and the rest of the app's code) is as off limits as the data folder.
  const node = await createNodeComposition({
    dataDir,
    logger,
    protectedFolders: [RENDERER_OUT, ROOT],
    ...(servicePort !== undefined ? { servicePort } : {}),
    ...(unlockSeconds !== undefined ? { unlockMs: Number(unlockSeconds) * 1000 } : {}),
  });
  // After a failure nobody caught, every profile's renewal is planned again.
  lastResort.setRecover(() => node.core.wake());
  // The token service starts once an access key exists; say where, each time it starts.
  let announced: string | undefined;
  const announce = (url: string | undefined) => {
    if (url && url !== announced) process.stdout.write(`Token service: ${url}\n`);
    announced = url;
  };
  node.core.onEvent((event) => {
    if (event.type === 'service') announce(event.status.url);
  });
  const host = await startBrowserHost({
    core: node.core,
    rendererDir: RENDERER_OUT,
    port,
    logger,
    ...(values['test-controls'] ? { sandboxControls: node.sandbox } : {}),
  });

  process.stderr.write(
    `Tessera browser host (development only: secrets are sealed with a key file in ${dataDir}, not the OS keyring).\n` +
      'Open this address in a browser:\n',
  );
  process.stdout.write(`${host.url}\n`);
  announce(node.core.service.url);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    Promise.all([host.close(), node.close()])
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

function portOption(name: string, value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    process.stderr.write(`${name} must be a number from 0 to 65535 (0 picks a free port), not "${value}".\n`);
    process.exit(2);
  }
  return port;
}

main().catch((err: unknown) => {
  process.stderr.write(`Tessera browser host could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
