// The security lint gate itself: it must fail on an insecure window, a page without a CSP and
// an unexplained eng-disable, or it guards nothing.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

import { afterEach, expect, it } from 'vitest';

import { removeTempDirs, tempDir } from '../../support/temp-dir';

const SCRIPT = resolve(import.meta.dirname, '../../../scripts/lint-security.mjs');
const run = promisify(execFile);
afterEach(() => removeTempDirs());

async function lint(dir: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, [SCRIPT, '--input', dir]);
    return { code: 0, out: stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, out: e.stdout };
  }
}

function app(files: Record<string, string>): string {
  const dir = tempDir('tessera-eng-');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

it('fails on a window with Node integration, no isolation and a page without a CSP', async () => {
  const dir = app({
    'main.js':
      "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });\n",
    'index.html': '<!doctype html><html><head><title>x</title></head><body></body></html>\n',
  });
  const { code, out } = await lint(dir);
  expect(code).toBe(1);
  expect(out).toMatch(/FAIL NODE_INTEGRATION_JS_CHECK/);
  expect(out).toMatch(/FAIL CONTEXT_ISOLATION_JS_CHECK/);
  expect(out).toMatch(/FAIL CSP_GLOBAL_CHECK/);
}, 60_000);

it('fails on an eng-disable that does not say why, and accepts one that does', async () => {
  const window = (comment: string) =>
    `const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { sandbox: true, contextIsolation: true, disableBlinkFeatures: 'Auxclick', preload: 'p.js' /* ${comment} */ } });\n`;
  const page = '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'" />\n';
  const bare = await lint(app({ 'main.js': window('eng-disable PRELOAD_JS_CHECK'), 'index.html': page }));
  expect(bare.code).toBe(1);
  expect(bare.out).toMatch(/main\.js:2 {2}eng-disable without a reason/);
  const reasoned = await lint(
    app({ 'main.js': window('eng-disable PRELOAD_JS_CHECK: it only exposes named contract methods'), 'index.html': page }),
  );
  expect(reasoned.out).not.toMatch(/without a reason|PRELOAD_JS_CHECK/);
}, 60_000);
