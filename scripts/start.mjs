// `npm start`: the desktop app where Electron can run; elsewhere (no binary and none can be
// downloaded, as on offline build machines) the same app in a browser via the browser host.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { rerunUnderModernNode, runForwardingSignals } from './ensure-node.mjs';

await rerunUnderModernNode();

const electronDir = join(import.meta.dirname, '..', 'node_modules', 'electron');

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

const node = (args) => runForwardingSignals(process.execPath, args);
const extra = process.argv.slice(2);

if (!electronBinary() && !process.env.TESSERA_BROWSER) {
  // Electron 42+ fetches its binary on first use; try once, briefly.
  process.stderr.write('Fetching the Electron binary (first run only)…\n');
  const fetched = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    encoding: 'utf8',
    stdio: ['ignore', 'inherit', 'pipe'],
    timeout: 120_000,
  });
  if (fetched.status !== 0) {
    // The installer's own output is a stack trace; one line of it says why.
    const why = `${fetched.stderr ?? ''}`.split('\n').find((line) => line.trim()) ?? fetched.error?.message ?? 'no answer';
    process.stderr.write(`Could not download it (${why.trim()}).\n`);
  }
}
if (electronBinary() && !process.env.TESSERA_BROWSER) {
  await node([join('node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'preview', '--', ...extra]);
} else {
  process.stderr.write('No Electron binary on this machine: starting Tessera in the browser host instead.\n');
  await node(['--import', 'tsx', 'electron/browser-host/cli.ts', ...extra]);
}
