// The app's Logger on electron-log: one owner-only file in the data folder, lines as core
// gives them (fixed message + JSON fields), echoed to the console in development only.
import { readFileSync, statSync } from 'node:fs';

import log from 'electron-log/node';
import { afterAll, describe, expect, it, vi } from 'vitest';

import { logFileIn, setupLogging } from '../../../electron/main/logging';
import { removeTempDirs, tempDir } from '../../support/temp-dir';

afterAll(removeTempDirs);

/** Captures what the console transport would print, without printing it. */
function captureConsole() {
  const writeFn = vi.fn();
  log.transports.console.writeFn = writeFn;
  return writeFn;
}

describe('setupLogging', () => {
  it('writes fixed messages and fields to <data>/logs/main.log, mode 0600, and not to the console', () => {
    const dir = tempDir('tessera-log-');
    const logger = setupLogging({ dataDir: dir, appName: 'Tessera', development: false });
    const console = captureConsole();
    expect(logger.file).toBe(logFileIn(dir));
    logger.info('core started', { backend: 'keychain', encryption: true });
    logger.warn('navigation refused');
    logger.debug('only in development');
    expect(console).not.toHaveBeenCalled();

    const text = readFileSync(logger.file, 'utf8');
    expect(text).toMatch(/\[info\]\s+core started \{"backend":"keychain","encryption":true\}/);
    expect(text).toMatch(/\[warn\]\s+navigation refused/);
    expect(text).not.toContain('only in development');
    if (process.platform !== 'win32') expect(statSync(logger.file).mode & 0o777).toBe(0o600);
  });

  it('echoes to the console and keeps debug lines in development', () => {
    const dir = tempDir('tessera-log-');
    const logger = setupLogging({ dataDir: dir, appName: 'Tessera', development: true });
    const console = captureConsole();
    logger.debug('login item not applied here', { packaged: false });
    expect(console).toHaveBeenCalledTimes(1);
    expect(readFileSync(logger.file, 'utf8')).toMatch(/\[debug\]\s+login item not applied here \{"packaged":false\}/);
  });

  it('sends nothing over IPC or the network', () => {
    setupLogging({ dataDir: tempDir('tessera-log-'), appName: 'Tessera', development: true });
    expect(log.transports.ipc?.level ?? false).toBe(false);
    expect(log.transports.remote?.level ?? false).toBe(false);
  });
});
