// Tessera's toolchain needs Node 22.12+. Where the system Node is older, this finds or
// installs the npm `node` package (Node 24, a real binary) in a cache folder and runs the
// calling script again under it. Plain JavaScript so it runs on any Node npm runs on.
//   import { rerunUnderModernNode } from './ensure-node.mjs'   (npm start, npm test)
//   node scripts/ensure-node.mjs --print-bin-dir               (.ci/run, to put it on PATH)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MIN = [22, 12];

export function isModern(version = process.versions.node) {
  const [major, minor] = version.split('.').map(Number);
  return major > MIN[0] || (major === MIN[0] && minor >= MIN[1]);
}

function cacheDir() {
  const base = process.env.TESSERA_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'tessera');
  return join(base, 'node24');
}

/** The folder holding a modern `node` binary: this one's, or the cached one (installed if needed). */
export function modernNodeBinDir() {
  if (isModern()) return dirname(process.execPath);
  const dir = cacheDir();
  const bin = join(dir, 'node_modules', 'node', 'bin');
  if (!existsSync(join(bin, 'node'))) {
    process.stderr.write(`Node ${process.versions.node} is older than ${MIN.join('.')}: installing node@24 from npm into ${dir}\n`);
    mkdirSync(dir, { recursive: true });
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const result = spawnSync(npm, ['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', 'node@24'], {
      // npm's own report goes to stderr: stdout is reserved for the answer of --print-bin-dir,
      // which .ci/run captures.
      stdio: ['ignore', process.stderr, 'inherit'],
    });
    if (result.status !== 0 || !existsSync(join(bin, 'node'))) {
      throw new Error(`Could not install Node 24. Install Node ${MIN.join('.')} or newer and try again.`);
    }
  }
  return bin;
}

/**
 * Runs a command with this terminal, passing SIGINT and SIGTERM on to it, and exits with its
 * status: so that stopping `npm start` or `npm run web` stops the app too, not just a wrapper.
 */
export function runForwardingSignals(command, args, env = process.env) {
  const child = spawn(command, args, { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  // Never resolves: the process ends with the child.
  return new Promise(() => {});
}

/** Runs the current script again under a modern Node when this one is too old; returns otherwise. */
export async function rerunUnderModernNode() {
  if (isModern()) return;
  const bin = modernNodeBinDir();
  const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` };
  await runForwardingSignals(join(bin, 'node'), process.argv.slice(1), env);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv.includes('--print-bin-dir')) {
  process.stdout.write(`${modernNodeBinDir()}\n`);
}
