// An in-memory Electron for running electron/main under Vitest where no Electron binary exists.
// Its surface is typed by Electron's own declarations (electron.d.ts): each fake implements a
// `Pick` of the Electron type it stands for, and each event it fires is checked against
// Electron's listener types (witnesses.ts), so `npm run typecheck` fails when the two drift.
// It models only what main relies on, following Electron's documented semantics; reading any
// other member throws. What it models and what it deliberately does not: README.md here.
export { FakeWorld as FakeElectron, type ElectronModule, type FakeElectronOptions } from './world';
export type { FakeApp } from './app';
export type { FakeBrowserWindow, FakeWebContents, FakeWebFrame } from './windows';
export type { FakeSession, FakeProtocol } from './session';
export type { FakeTray, FakeNotification, FakeNativeImage, FakeMenuItem } from './shell-ui';
export type { FakeDialog, FakeSafeStorage, FakePowerMonitor, StorageBackend } from './system';
export type { FakeIpcMain } from './ipc';
