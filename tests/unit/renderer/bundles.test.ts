// The logic behind Settings › Export and Import profiles: what the export form lacks, the choices
// an import sends (this terminal's values to every profile that needs them, a template's secrets
// per profile, the clash decisions), where core's issues are shown, and bytes through base64.
import { describe, expect, it } from 'vitest';

import {
  base64ToBytes,
  bytesToBase64,
  exportProblems,
  importChoices,
  initialImportForm,
  sortIssues,
  terminalFields,
} from '../../../renderer/src/app/bundles';
import type { ImportPreview } from '../../../renderer/src/bridge/types';

const preview: ImportPreview = {
  importId: 'imp-1',
  fileName: 'fleet.tessera',
  createdAt: 0,
  appVersion: '0.1.0',
  withSecrets: false,
  osVersion: 'Windows 11 Pro',
  profiles: [
    {
      index: 0,
      name: 'Till E',
      provider: 'ereceipt',
      environment: { kind: 'sandbox' },
      needs: ['clientSecret', 'posSerial', 'posOsVersion'],
      optional: ['preSharedKey'],
      clash: null,
      suggestedName: 'Till E (2)',
    },
    {
      index: 1,
      name: 'Till F',
      provider: 'factus',
      environment: { kind: 'sandbox' },
      needs: ['clientSecret', 'password'],
      optional: [],
      clash: { id: 'x', name: 'till f', provider: 'factus', sameProvider: true },
      suggestedName: 'Till F (2)',
    },
  ],
};

describe('the export form', () => {
  it('needs a profile, a passphrase of 10 characters, typed the same twice', () => {
    expect(exportProblems({ chosen: new Set(), passphrase: 'short', repeat: '' })).toEqual({
      profiles: 'bundles.export.chooseProfile',
      passphrase: 'bundles.export.short',
    });
    expect(exportProblems({ chosen: new Set(['a']), passphrase: 'long enough!', repeat: 'long enough?' })).toEqual({
      repeat: 'bundles.export.mismatch',
    });
    expect(exportProblems({ chosen: new Set(['a']), passphrase: 'long enough!', repeat: 'long enough!' })).toEqual({});
  });
});

describe('the import form', () => {
  it('asks this terminal’s values once, prefilled with the OS version, and sends them to each profile that needs them', () => {
    const initial = initialImportForm(preview);
    expect(terminalFields(preview)).toEqual(['posSerial', 'posOsVersion']);
    expect(initial.terminal).toEqual({ posOsVersion: 'Windows 11 Pro' });
    const form = {
      terminal: { ...initial.terminal, posSerial: 'POS-0042' },
      rows: {
        0: { ...initial.rows[0]!, secrets: { clientSecret: 'typed-secret', preSharedKey: 'typed-psk', password: 'not asked for' } },
        1: { ...initial.rows[1]!, action: 'rename' as const, newName: 'Till F north' },
      },
    };
    expect(importChoices(preview, form)).toEqual([
      {
        index: 0,
        action: 'import',
        values: { clientSecret: 'typed-secret', posSerial: 'POS-0042', posOsVersion: 'Windows 11 Pro', preSharedKey: 'typed-psk' },
      },
      { index: 1, action: 'rename', name: 'Till F north', values: {} },
    ]);
  });

  it('leaves a clash undecided until the user decides, so core can say so', () => {
    expect(importChoices(preview, initialImportForm(preview))[1]).toEqual({ index: 1, action: 'import', values: {} });
  });

  it('shows the terminal’s issues once, above, and the others on their profile', () => {
    const sorted = sortIssues([
      { path: 'profiles.0.credentials.posSerial', message: 'validation.required' },
      { path: 'profiles.3.credentials.posSerial', message: 'validation.tooLong', maximum: 100 },
      { path: 'profiles.1.action', message: 'bundles.validation.clash' },
      { path: 'profiles.1.credentials.password', message: 'validation.required' },
      { path: 'profiles.1.name', message: 'validation.nameTaken' },
      { path: 'elsewhere', message: 'validation.invalid' },
    ]);
    expect(sorted.terminal).toEqual({ posSerial: { path: 'profiles.0.credentials.posSerial', message: 'validation.required' } });
    expect(Object.keys(sorted.rows[1]!).sort()).toEqual(['action', 'name', 'password']);
    expect(sorted.rows[0]).toBeUndefined();
  });
});

describe('bytes in the page', () => {
  it('survive base64 both ways, at bundle size', () => {
    const bytes = new Uint8Array(300_001).map((_, i) => (i * 7919) % 256);
    const encoded = bytesToBase64(bytes);
    expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
    expect(Buffer.from(base64ToBytes(encoded)).equals(Buffer.from(bytes))).toBe(true);
  });
});
