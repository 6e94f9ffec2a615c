// baseUrlProblem and profileSchemaFor: the rules a profile must meet before it is saved,
// built from each provider's catalog entry.
import { describe, expect, it } from 'vitest';

import { baseUrlProblem, fieldsOf, MAX_URL_LENGTH, type ProfileInput, profileSchemaFor } from '#common/profile-schema';

import { findProvider, PROVIDERS } from '../../../electron/core/providers';

describe('baseUrlProblem', () => {
  it.each([
    'https://id.eta.gov.eg',
    'https://e-hom-onapi.factura-core.com/integrator/api/v1/',
    'https://gateway.example.com:8443/pos',
    '  https://api.factus.com.co  ',
    'http://127.0.0.1:8080',
    'http://localhost:3000/api',
    'http://[::1]:9000',
  ])('accepts %j', (url) => {
    expect(baseUrlProblem(url)).toBeNull();
  });

  it.each([
    ['http://api.factus.com.co', 'insecure'],
    ['http://192.168.1.10:8080', 'insecure'],
    ['http://127.0.0.1.example.com', 'insecure'],
    ['ftp://id.eta.gov.eg', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['javascript:alert(1)', 'scheme'],
    ['id.eta.gov.eg', 'invalid'],
    ['', 'invalid'],
    ['https://user:pass@id.eta.gov.eg', 'credentials'],
    ['https://id.eta.gov.eg?env=prod', 'query'],
    ['https://id.eta.gov.eg/#token', 'query'],
    [`https://example.com/${'a'.repeat(MAX_URL_LENGTH)}`, 'tooLong'],
  ])('refuses %j as %s', (url, problem) => {
    expect(baseUrlProblem(url)).toBe(problem);
  });
});

/** Issues as `path: message`, so a test names exactly which rule refused what. */
function issues(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): string[] {
  return result.success ? [] : (result.error?.issues ?? []).map((i) => `${i.path.map(String).join('.')}: ${i.message}`);
}

const ereceipt = findProvider('ereceipt')!.info;
const ereceiptProfile = (credentials: Record<string, string | undefined>): ProfileInput => ({
  name: 'Cairo store',
  provider: 'ereceipt',
  environment: { kind: 'preset', id: 'preproduction' },
  credentials: { ...ereceipt.sandboxDemo, posOsVersion: 'Windows 11', ...credentials },
});

describe('profileSchemaFor', () => {
  it.each(PROVIDERS.map((p) => [p.info.id, p.info] as const))('accepts the %s sandbox demo credentials', (_id, info) => {
    const input: ProfileInput = {
      name: 'Demo',
      provider: info.id,
      environment: { kind: 'sandbox' },
      // The OS version is filled from the machine, not part of the demo.
      credentials: { ...info.sandboxDemo, ...(info.fields.posOsVersion ? { posOsVersion: 'Linux' } : {}) },
    };
    expect(issues(profileSchemaFor(info, 'create').safeParse(input))).toEqual([]);
  });

  it('requires every required field on create, naming each one', () => {
    const input = { ...ereceiptProfile({}), credentials: {} };
    const required = fieldsOf(ereceipt).filter((f) => ereceipt.fields[f]!.required);
    expect(issues(profileSchemaFor(ereceipt, 'create').safeParse(input)).sort()).toEqual(
      required.map((f) => `credentials.${f}: validation.required`).sort(),
    );
  });

  it('lets an update keep stored secrets, but not drop plain fields', () => {
    const { clientSecret: _s, preSharedKey: _k, posSerial: _p, ...rest } = ereceiptProfile({}).credentials;
    const input = { ...ereceiptProfile({}), credentials: rest };
    expect(issues(profileSchemaFor(ereceipt, 'update').safeParse(input))).toEqual(['credentials.posSerial: validation.required']);
  });

  it.each([
    ['posSerial', 100],
    ['posOsVersion', 50],
    ['posFramework', 10],
    ['preSharedKey', 200],
    ['clientId', 100],
    ['clientSecret', 100],
  ])('limits eReceipt %s to %i characters', (field, max) => {
    const schema = profileSchemaFor(ereceipt, 'create');
    expect(issues(schema.safeParse(ereceiptProfile({ [field]: 'A'.repeat(max) })))).toEqual([]);
    expect(issues(schema.safeParse(ereceiptProfile({ [field]: 'A'.repeat(max + 1) })))).toEqual([
      `credentials.${field}: validation.tooLong`,
    ]);
  });

  it('refuses a 300-character POS serial', () => {
    expect(issues(profileSchemaFor(ereceipt, 'create').safeParse(ereceiptProfile({ posSerial: '7'.repeat(300) })))).toEqual([
      'credentials.posSerial: validation.tooLong',
    ]);
  });

  it.each(['\n', '\r', '\t', '\u0000', '\u007f'])('refuses control character %j in a credential', (ch) => {
    const result = profileSchemaFor(ereceipt, 'create').safeParse(ereceiptProfile({ clientId: `client${ch}id` }));
    expect(issues(result)).toContain('credentials.clientId: validation.controlChars');
  });

  it('refuses a non-ASCII value in a field sent as an HTTP header', () => {
    const result = profileSchemaFor(ereceipt, 'create').safeParse(ereceiptProfile({ posSerial: 'POS-ñ-1' }));
    expect(issues(result)).toEqual(['credentials.posSerial: validation.headerChars']);
  });

  it('trims typed identifiers but keeps secrets byte for byte', () => {
    const result = profileSchemaFor(ereceipt, 'create').parse(ereceiptProfile({ clientId: '  client  ', clientSecret: ' s3cret ' }));
    expect(result.credentials).toMatchObject({ clientId: 'client', clientSecret: ' s3cret ' });
  });

  it('requires an e-mail where the provider signs in with one', () => {
    const factus = findProvider('factus')!.info;
    const input = (username: string): ProfileInput => ({
      name: 'Bogotá',
      provider: 'factus',
      environment: { kind: 'preset', id: 'sandbox' },
      credentials: { ...factus.sandboxDemo, username },
    });
    expect(issues(profileSchemaFor(factus, 'create').safeParse(input('cashier@store.co')))).toEqual([]);
    expect(issues(profileSchemaFor(factus, 'create').safeParse(input('cashier')))).toEqual(['credentials.username: validation.email']);
  });

  it('refuses a preset the provider does not have', () => {
    const result = profileSchemaFor(ereceipt, 'create').safeParse({
      ...ereceiptProfile({}),
      environment: { kind: 'preset', id: 'staging' },
    });
    expect(issues(result)).toEqual(['environment: validation.environment']);
  });

  it.each([
    ['https://gateway.example.com', []],
    ['http://127.0.0.1:8080', []],
    ['http://gateway.example.com', ['environment.baseUrl: validation.url.insecure']],
    ['https://u:p@gateway.example.com', ['environment.baseUrl: validation.url.credentials']],
  ])('checks a custom base URL %j', (baseUrl, expected) => {
    const result = profileSchemaFor(ereceipt, 'create').safeParse({ ...ereceiptProfile({}), environment: { kind: 'custom', baseUrl } });
    expect(issues(result)).toEqual(expected);
  });

  it('refuses a profile of another provider', () => {
    const result = profileSchemaFor(ereceipt, 'create').safeParse({ ...ereceiptProfile({}), provider: 'factus' });
    expect(issues(result)).toEqual([expect.stringMatching(/^provider: /)]);
  });

  it.each([
    ['', 'validation.required'],
    ['x'.repeat(61), 'validation.tooLong'],
    ['a/b', 'validation.nameChars'],
    ['line\nbreak', 'validation.nameChars'],
  ])('refuses the profile name %j', (name, message) => {
    const result = profileSchemaFor(ereceipt, 'create').safeParse({ ...ereceiptProfile({}), name });
    expect(issues(result)).toEqual([`name: ${message}`]);
  });
});
