// The rules behind Settings → POS connections and the token file: the service's status line,
// the curl example (safe to paste into a shell), the port and margin checks, and how the field
// issues core returns are worded.
import { describe, expect, it } from 'vitest';

import { servicePortSchema, tokenMarginSchema } from '#common/settings';

import type { Translate } from '../../../renderer/src/app/explain';
import {
  curlExample,
  describeService,
  encodeProfileName,
  exampleProfileName,
  heldAddresses,
  issueMessage,
  issuesByPath,
  KEY_NAME_WORDING,
  keyProfileNames,
  parseWholeNumber,
  serviceOrigin,
} from '../../../renderer/src/app/pos-connections';
import type { ServiceStatus } from '../../../renderer/src/bridge/types';
import { en } from '../../../renderer/src/i18n/locales/en';

const t: Translate = (key, values = {}) => {
  let node: unknown = en;
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'string') return key;
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
};

const profiles = [
  { id: 'a', name: 'Till 1' },
  { id: 'b', name: 'Caja 1 (mostrador)' },
  { id: 'c', name: 'Loja 2' },
];

describe('the service status line', () => {
  it('says where it runs, that it is off until a key exists, or why it does not run', () => {
    const running = describeService({ running: true, port: 7478, url: 'http://127.0.0.1:7478', portOverridden: false });
    expect(running.state).toBe('running');
    expect(t(running.key, running.values)).toBe('Running at http://127.0.0.1:7478');
    const off = describeService({ running: false, port: 7478, portOverridden: false });
    expect(t(off.key, off.values)).toBe('Off. It starts when you create the first access key.');
    const busy = describeService({ running: false, port: 7478, error: 'port_in_use', portOverridden: false });
    expect(busy.state).toBe('port_in_use');
    expect(t(busy.key, busy.values)).toContain('port 7478');
    expect(describeService({ running: false, port: 8000, error: 'failed', portOverridden: false }).state).toBe('failed');
  });

  it('says when another program holds the port, on every loopback or on one, and that Tessera keeps trying', () => {
    const all: ServiceStatus = {
      running: false,
      port: 7478,
      error: 'port_in_use',
      held: ['127.0.0.1', '::1'],
      retryAt: 1,
      portOverridden: false,
    };
    expect(heldAddresses(all)).toBe('127.0.0.1, [::1]');
    const line = describeService(all);
    expect(line.state).toBe('port_in_use');
    expect(t(line.key, line.values)).toBe(
      'Not running: another program holds port 7478. Tessera tries again every 5 seconds and takes it as soon as it is free, or choose another port below.',
    );
    const partly = describeService({
      running: true,
      port: 7478,
      url: 'http://127.0.0.1:7478',
      listening: ['127.0.0.1'],
      error: 'port_in_use',
      held: ['::1'],
      portOverridden: false,
    });
    expect(partly.state).toBe('port_in_use');
    expect(t(partly.key, partly.values)).toBe(
      'Running at http://127.0.0.1:7478, but another program holds port 7478 on [::1]. Tessera takes it as soon as it is free.',
    );
    expect(heldAddresses({ running: true, port: 7478, url: 'http://127.0.0.1:7478', portOverridden: false })).toBeUndefined();
  });

  it('uses the URL while running, else where the service would listen', () => {
    expect(serviceOrigin({ running: true, port: 41234, url: 'http://127.0.0.1:41234', portOverridden: false })).toBe(
      'http://127.0.0.1:41234',
    );
    expect(serviceOrigin({ running: false, port: 7478, portOverridden: false })).toBe('http://127.0.0.1:7478');
  });
});

describe('the curl example', () => {
  it('asks for the first profile the key may read, URL-encoded', () => {
    expect(exampleProfileName(profiles, null)).toBe('Till 1');
    expect(exampleProfileName(profiles, ['c', 'b'])).toBe('Caja 1 (mostrador)');
    expect(exampleProfileName(profiles, ['gone'])).toBeUndefined();
    expect(curlExample('tsk_abc', 'http://127.0.0.1:7478', 'Till 1')).toBe(
      'curl -H "Authorization: Bearer tsk_abc" http://127.0.0.1:7478/v1/profiles/Till%201/token',
    );
  });

  it('encodes what a shell would trip over, and decodes back to the name', () => {
    for (const name of ['Caja 1 (mostrador)', "O'Brien's till!", 'Loja * 2', 'Café São João', 'a&b;c|d$e`f']) {
      const encoded = encodeProfileName(name);
      expect(encoded).toMatch(/^[A-Za-z0-9%._~-]+$/);
      expect(decodeURIComponent(encoded)).toBe(name);
    }
  });

  it('lists the profiles when there is none to name', () => {
    expect(curlExample('tsk_abc', 'http://127.0.0.1:7478')).toBe(
      'curl -H "Authorization: Bearer tsk_abc" http://127.0.0.1:7478/v1/profiles',
    );
  });
});

describe('the profiles a key may read', () => {
  it('is every profile, some by name in dashboard order, or none left', () => {
    expect(keyProfileNames({ profiles: null }, profiles)).toBeNull();
    expect(keyProfileNames({ profiles: ['c', 'a'] }, profiles)).toEqual(['Till 1', 'Loja 2']);
    expect(keyProfileNames({ profiles: ['gone'] }, profiles)).toEqual([]);
  });
});

describe('port and margin', () => {
  it('accept whole numbers within core’s limits only', () => {
    expect(parseWholeNumber('7478', servicePortSchema)).toEqual({ ok: true, value: 7478 });
    expect(parseWholeNumber(' 1024 ', servicePortSchema)).toEqual({ ok: true, value: 1024 });
    expect(parseWholeNumber('65535', servicePortSchema)).toEqual({ ok: true, value: 65535 });
    for (const bad of ['80', '65536', '7478.5', '-1', '1e4', 'abc', '0x1F90']) {
      expect(parseWholeNumber(bad, servicePortSchema), bad).toEqual({ ok: false, issue: { message: 'validation.port' } });
    }
    expect(parseWholeNumber('', servicePortSchema)).toEqual({ ok: false, issue: { message: 'validation.required' } });
    expect(parseWholeNumber('0', tokenMarginSchema)).toEqual({ ok: true, value: 0 });
    expect(parseWholeNumber('3601', tokenMarginSchema)).toEqual({ ok: false, issue: { message: 'validation.margin' } });
  });
});

describe('field issues from core', () => {
  it('are picked by path, the first of each', () => {
    const found = issuesByPath(
      [
        { path: 'servicePort', message: 'validation.port' },
        { path: 'servicePort', message: 'validation.invalid' },
        { path: 'other', message: 'validation.required' },
        { path: 'path', message: 'validation.tooLong', maximum: 1024 },
      ],
      ['servicePort', 'path'],
    );
    expect(found).toEqual({ servicePort: { message: 'validation.port' }, path: { message: 'validation.tooLong', maximum: 1024 } });
    expect(issuesByPath(undefined, ['path'])).toEqual({});
  });

  it('are worded for their field, and an unknown key reads as "not valid"', () => {
    expect(issueMessage({ message: 'validation.path.relative' }, t)).toMatch(/^Enter a full path/);
    expect(issueMessage({ message: 'validation.path.noFolder' }, t)).toMatch(/folder does not exist/);
    expect(issueMessage({ message: 'validation.path.isFolder' }, t)).toMatch(/is a folder/);
    expect(issueMessage({ message: 'validation.tooLong', maximum: 1024 }, t)).toBe('Too long: at most 1024 characters.');
    expect(issueMessage({ message: 'validation.nameTaken' }, t)).toBe('Another profile already has this name.');
    expect(issueMessage({ message: 'validation.nameTaken' }, t, KEY_NAME_WORDING)).toBe('Another access key already has this name.');
    expect(issueMessage({ message: 'validation.somethingNew' }, t)).toBe('This value is not valid.');
  });
});
