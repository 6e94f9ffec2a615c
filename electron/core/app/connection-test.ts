// "Test connection" in the wizard: a real sign-in with the typed values (and, when editing, the
// stored secrets for the same destination), recorded for diagnostics, saving nothing.
import type { AxiosInstance } from 'axios';

import type { ConnectionTestResult } from '#common/contract';
import { type CredentialField, isSecretField, SECRET_FIELDS, type SecretField } from '#common/profile-schema';
import { secretDestination } from '#common/secret-destination';

import type { Clock } from '../clock';
import { secretsOf } from '../diagnostics/capture';
import type { Diagnostics } from '../diagnostics/diagnostics';
import { baseUrlFor, type SandboxLocator } from '../environments';
import { findProvider } from '../providers';
import { type Vault, VaultError } from '../vault/vault';
import type { ParsedInput } from './parsed-input';

export interface ConnectionTestDeps {
  vault: Vault;
  diagnostics: Diagnostics;
  http: AxiosInstance;
  clock: Clock;
  timeoutMs?: number;
  sandbox?: SandboxLocator;
}

export async function testConnection(
  d: ConnectionTestDeps,
  { id, profile, clearSecrets = [] }: ParsedInput<'testConnection'>,
): Promise<ConnectionTestResult> {
  const existing = id ? d.vault.profile(id) : undefined;
  if (id && !existing) throw new VaultError('not_found');
  const sameProvider = existing?.provider === profile.provider;
  // In update mode validate() refuses a blank secret when the address changed, so a stored
  // secret only ever fills in for the destination it was saved for (and credentials()
  // checks that again).
  const valid = d.vault.validate(profile, sameProvider ? 'update' : 'create', id, clearSecrets);
  const adapter = findProvider(valid.provider)!;
  const credentials = { ...valid.credentials };
  if (existing && sameProvider && SECRET_FIELDS.some((f) => adapter.info.fields[f] && !credentials[f])) {
    // Secrets left blank while editing mean "the stored one", unless being removed.
    const stored = await d.vault.credentials(existing.id, secretDestination(adapter.info, valid.environment), { partial: true });
    for (const [field, value] of Object.entries(stored)) {
      const secret = isSecretField(field as CredentialField) && !clearSecrets.includes(field as SecretField);
      if (secret && !credentials[field as CredentialField]) {
        credentials[field as CredentialField] = value;
      }
    }
  }
  // Recorded for this test alone, so a failure can be copied as diagnostics from the wizard.
  const subject = { name: valid.name, provider: valid.provider, environment: valid.environment, secrets: secretsOf(credentials) };
  const grant = await d.diagnostics.test(subject, (observe) =>
    observe(adapter).login(
      { http: d.http, clock: d.clock, timeoutMs: d.timeoutMs ?? 15_000 },
      { baseUrl: baseUrlFor(valid.environment, adapter.info, d.sandbox), credentials },
    ),
  );
  return {
    lifetimeSeconds: Math.round((grant.expiresAt - grant.issuedAt) / 1000),
    expiresAt: grant.expiresAt,
    tokenType: grant.tokenType,
    ...(grant.scope ? { scope: grant.scope } : {}),
    ...(grant.identity ? { identity: grant.identity } : {}),
    ...(grant.lifetimeSource ? { lifetimeSource: grant.lifetimeSource } : {}),
  };
}
