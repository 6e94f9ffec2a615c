// Started at login, Tessera opens in the tray only, and only when there is a tray to open it
// from. The Electron specs' hooks exist only unpackaged and when asked for.
import { describe, expect, it } from 'vitest';

import { HIDDEN_ARG, launchedHidden, shouldStartHidden } from '../../../electron/main/start-hidden';
import { testHooksEnabled } from '../../../electron/main/test-hooks';

describe('shouldStartHidden', () => {
  const base = { argv: ['tessera.exe'], platform: 'win32' as const, wasOpenedAtLogin: false, hasTray: true };

  it('starts hidden when Windows runs the login item with --hidden', () => {
    expect(HIDDEN_ARG).toBe('--hidden');
    expect(shouldStartHidden({ ...base, argv: ['tessera.exe', '--hidden'] })).toBe(true);
    expect(shouldStartHidden(base)).toBe(false);
  });

  it('starts hidden when macOS opened it at login', () => {
    expect(shouldStartHidden({ ...base, platform: 'darwin', wasOpenedAtLogin: true })).toBe(true);
    expect(shouldStartHidden({ ...base, platform: 'darwin' })).toBe(false);
  });

  it('never starts hidden without a tray to come back from', () => {
    expect(shouldStartHidden({ ...base, argv: ['tessera.exe', '--hidden'], hasTray: false })).toBe(false);
    expect(shouldStartHidden({ ...base, platform: 'darwin', wasOpenedAtLogin: true, hasTray: false })).toBe(false);
  });

  it('reads the flag as a whole argument only', () => {
    expect(launchedHidden(['tessera', '--hidden'])).toBe(true);
    expect(launchedHidden(['tessera', '--hidden=false', '--not-hidden', 'hidden'])).toBe(false);
  });
});

describe('testHooksEnabled', () => {
  it('needs both an unpackaged app and TESSERA_TEST_HOOKS=1', () => {
    expect(testHooksEnabled(false, { TESSERA_TEST_HOOKS: '1' })).toBe(true);
    expect(testHooksEnabled(true, { TESSERA_TEST_HOOKS: '1' })).toBe(false);
    expect(testHooksEnabled(false, {})).toBe(false);
    expect(testHooksEnabled(false, { TESSERA_TEST_HOOKS: 'true' })).toBe(false);
  });
});
