// An in-memory Electron for running electron/main under Vitest where no Electron binary exists.
// Its surface is typed by Electron's own declarations (electron.d.ts): each fake implements a
// `Pick` of the Electron type it stands for, and each event it fires is checked against
// Electron's listener types (witnesses.ts), so `npm run typecheck` fails when the two drift.
// It models only what main relies on, following Electron's documented semantics; reading any
// other member throws. What it models and what it deliberately does not: README.md here.
export type { FakeApp } from './app';
export type { FakeIpcMain } from './ipc';
export type { FakeProtocol, FakeSession } from './session';
export type { FakeMenuItem, FakeNativeImage, FakeNotification, FakeTray } from './shell-ui';
export type { FakeDialog, FakePowerMonitor, FakeSafeStorage, StorageBackend } from './system';
export type { FakeBrowserWindow, FakeWebContents, FakeWebFrame } from './windows';
export { type ElectronModule, FakeWorld as FakeElectron, type FakeElectronOptions } from './world';
