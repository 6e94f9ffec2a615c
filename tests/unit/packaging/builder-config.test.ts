// Packaging cannot run here (electron-builder downloads Electron), so its configuration is
// checked instead: targets, fuses, the files it names, and what the built app leaves out.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { load } from 'js-yaml';
import { beforeAll, describe, expect, it } from 'vitest';

import { APP_ID } from '../../../electron/main/app-id';

const ROOT = resolve(import.meta.dirname, '../../..');
const config = load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  files: string[];
  electronFuses: Record<string, boolean>;
  linux: { target: string[]; icon: string };
  win: { target: string; icon: string };
  mac: { target: string; icon: string };
  directories: { buildResources: string };
};
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

describe('electron-builder.yml', () => {
  it('builds the four installers under one app id, the one main registers on Windows', () => {
    expect(config.appId).toBe(APP_ID);
    expect(config.productName).toBe('Tessera');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toBe('nsis');
    expect(config.mac.target).toBe('dmg');
    expect(config.publish).toBeNull();
  });

  it('flips the fuses: no run-as-Node, no NODE_OPTIONS or --inspect, asar-only with integrity, cookies encrypted', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('names files that exist: icons of at least 512 px, the build-resources folder', () => {
    for (const icon of new Set([config.linux.icon, config.win.icon, config.mac.icon])) {
      const png = readFileSync(join(ROOT, icon));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
      expect(png.readUInt32BE(20)).toBe(png.readUInt32BE(16));
    }
    expect(existsSync(join(ROOT, config.directories.buildResources))).toBe(true);
  });

  it('ships only the built app: no sources, tests, benchmarks, scripts or docs', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'package.json']));
    for (const folder of ['electron', 'renderer', 'tests', 'bench', 'scripts', 'docs']) {
      expect(config.files).toContain(`!${folder}/**`);
    }
    expect(pkg.main).toBe('./out/main/index.js');
  });

  it('installs only what main loads at run time; the renderer and dev tools are bundled or left out', () => {
    expect(Object.keys(pkg.dependencies).sort()).toEqual([
      'age-encryption',
      'axios',
      'commander',
      'electron-log',
      'electron-store',
      'i18next',
      'p-queue',
      'zod',
    ]);
    for (const devOnly of ['ws', 'conf', 'react', 'react-dom', 'react-i18next', 'electron', 'tsx']) {
      expect(pkg.dependencies).not.toHaveProperty(devOnly);
    }
  });
});

describe('the built app', () => {
  const mainBundle = join(ROOT, 'out/main/index.js');
  beforeAll(async () => {
    if (!existsSync(mainBundle)) {
      const { build } = await import('electron-vite');
      await build({ configFile: join(ROOT, 'electron.vite.config.ts'), logLevel: 'silent' });
    }
  }, 120_000);

  it('contains neither the browser host nor the sandbox test controls', () => {
    const main = readFileSync(mainBundle, 'utf8');
    expect(main).not.toMatch(/handleSandboxControl|__sandbox|WebSocketServer/);
    expect(main).not.toMatch(/from "ws"|require\("ws"\)/);
    // The Node command line's host (development box, test accounts for its sandbox) stays out too.
    expect(main).not.toMatch(/dev-secret\.key|TESSERA_SANDBOX_ACCOUNTS/);
    const imported = [...main.matchAll(/^import [^;]* from "([^"]+)"/gm)].map((m) => m[1]!);
    const packages = imported.filter((m) => !m.startsWith('node:') && m !== 'electron').map((m) => m.split('/')[0]!);
    expect(new Set(packages)).toEqual(new Set(Object.keys(pkg.dependencies)));
  });
});
