// The shape of a profile and how it is validated, built from a provider's catalog entry.
// Pure (zod only) so the renderer validates a field with exactly the rule main enforces.
import { z } from 'zod';

import type { Localized } from './language';

/** Non-secret credential fields, stored in the profile as typed. */
export const PLAIN_FIELDS = ['clientId', 'username', 'scope', 'posSerial', 'posOsVersion', 'posFramework'] as const;
/** Secret credential fields, sealed at rest and never sent back to the renderer. */
export const SECRET_FIELDS = ['clientSecret', 'password', 'preSharedKey'] as const;
export type PlainField = (typeof PLAIN_FIELDS)[number];
export type SecretField = (typeof SECRET_FIELDS)[number];
export type CredentialField = PlainField | SecretField;
/** The order in which the wizard shows fields. */
export const FIELD_ORDER = [
  'clientId',
  'clientSecret',
  'username',
  'password',
  'scope',
  'posSerial',
  'posOsVersion',
  'posFramework',
  'preSharedKey',
] as const satisfies readonly CredentialField[];
// Every field has its place: a field added above but not here fails to compile (the contract
// builds its credentials from this list).
export const FIELD_ORDER_IS_COMPLETE: [Exclude<CredentialField, (typeof FIELD_ORDER)[number]>] extends [never] ? true : never = true;

export interface FieldRule {
  required: boolean;
  max: number;
  /** `email`: an account e-mail; `header`: sent as an HTTP header, so printable ASCII only. */
  format?: 'email' | 'header';
  defaultValue?: string;
}

/** What Tessera does next, decided by the class of a failure (PROVIDERS.md). */
export type ErrorClass = 'credentials' | 'refresh-rejected' | 'transient' | 'protocol';

export interface EnvironmentPreset {
  id: string;
  label: Localized;
  baseUrl: string;
}

/** A provider's catalog entry: everything the UI and the vault need, no behaviour. */
export interface ProviderInfo {
  id: string;
  label: Localized;
  environments: readonly EnvironmentPreset[];
  fields: Partial<Record<CredentialField, FieldRule>>;
  /** `refresh-token`: the provider issues refresh tokens; `login`: renewal is a new login. */
  renewal: 'refresh-token' | 'login';
  /** The provider's own cap on the time between renewals, in seconds. */
  maxRenewIntervalSeconds?: number;
  /** Every documented error code: its class and a plain explanation. */
  errors: Readonly<Record<string, { errorClass: ErrorClass; text: Localized }>>;
  /** Credentials the built-in sandbox accepts out of the box (public demo values). */
  sandboxDemo: CredentialValues;
}

export type CredentialValues = Partial<Record<CredentialField, string>>;

export function isSecretField(field: CredentialField): field is SecretField {
  return (SECRET_FIELDS as readonly string[]).includes(field);
}

/** Fields a provider uses, in wizard order. */
export function fieldsOf(info: ProviderInfo): CredentialField[] {
  return FIELD_ORDER.filter((f) => info.fields[f] !== undefined);
}

// ---------------------------------------------------------------------------------------------
// Validation. Messages are i18n keys (`validation.*`); the renderer translates them with the
// issue's own parameters (e.g. `maximum`).

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);
export const MAX_URL_LENGTH = 2048;

export type BaseUrlProblem = 'invalid' | 'scheme' | 'insecure' | 'credentials' | 'query' | 'tooLong';

/** Why a typed base URL cannot be used, or null when it can (https, or http on loopback only). */
export function baseUrlProblem(raw: string): BaseUrlProblem | null {
  if (raw.length > MAX_URL_LENGTH) return 'tooLong';
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return 'invalid';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'scheme';
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) return 'insecure';
  if (url.username || url.password) return 'credentials';
  if (url.search || url.hash) return 'query';
  return null;
}

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname);
}

// Control characters (line breaks included) have no place in a name, a header or a path.
// eslint-disable-next-line no-control-regex -- matching them is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

export function hasControlChars(value: string): boolean {
  return CONTROL_CHARS.test(value);
}

const HEADER_SAFE = /^[\x20-\x7e]*$/;

export const profileNameSchema = z
  .string()
  .trim()
  .min(1, { error: 'validation.required' })
  .max(60, { error: 'validation.tooLong' })
  .refine((v) => !hasControlChars(v) && !v.includes('/') && !v.includes('\\'), {
    error: 'validation.nameChars',
  });

export const environmentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('preset'), id: z.string().min(1).max(40) }),
  z.object({ kind: z.literal('sandbox') }),
  z.object({
    kind: z.literal('custom'),
    baseUrl: z
      .string()
      .trim()
      .min(1, { error: 'validation.required' })
      .superRefine((value, ctx) => {
        const problem = baseUrlProblem(value);
        if (problem) ctx.addIssue({ code: 'custom', message: `validation.url.${problem}` });
      }),
  }),
]);
export type EnvironmentChoice = z.infer<typeof environmentSchema>;

function fieldSchema(rule: FieldRule, isSecret: boolean) {
  // Secrets are kept byte for byte; typed identifiers are trimmed.
  const base = isSecret ? z.string() : z.string().trim();
  return base
    .max(rule.max, { error: 'validation.tooLong' })
    .refine((v) => !hasControlChars(v), { error: 'validation.controlChars' })
    .refine((v) => rule.format !== 'header' || HEADER_SAFE.test(v), { error: 'validation.headerChars' })
    .refine((v) => rule.format !== 'email' || v === '' || z.email().safeParse(v).success, {
      error: 'validation.email',
    });
}

/** Built once per provider and mode: an import validates a thousand profiles with the same few. */
const schemaCache = new WeakMap<ProviderInfo, Partial<Record<'create' | 'update', ReturnType<typeof buildProfileSchema>>>>();

/**
 * Validation for a profile of one provider. `create` requires every required secret;
 * `update` treats a missing or empty secret as "keep the stored one".
 */
export function profileSchemaFor(info: ProviderInfo, mode: 'create' | 'update') {
  const cached = schemaCache.get(info) ?? {};
  schemaCache.set(info, cached);
  return (cached[mode] ??= buildProfileSchema(info, mode));
}

function buildProfileSchema(info: ProviderInfo, mode: 'create' | 'update') {
  const shape: Record<string, z.ZodType> = {};
  for (const field of fieldsOf(info)) {
    const rule = info.fields[field]!;
    shape[field] = fieldSchema(rule, isSecretField(field)).optional();
  }
  return z
    .object({
      name: profileNameSchema,
      provider: z.literal(info.id),
      environment: environmentSchema,
      credentials: z.object(shape),
    })
    .superRefine((value, ctx) => {
      const env = value.environment;
      if (env.kind === 'preset' && !info.environments.some((e) => e.id === env.id)) {
        ctx.addIssue({ code: 'custom', path: ['environment'], message: 'validation.environment' });
      }
      const creds = value.credentials as CredentialValues;
      for (const field of fieldsOf(info)) {
        const rule = info.fields[field]!;
        const keepStored = mode === 'update' && isSecretField(field);
        if (rule.required && !keepStored && !creds[field]) {
          ctx.addIssue({ code: 'custom', path: ['credentials', field], message: 'validation.required' });
        }
      }
    });
}

export interface ProfileInput {
  name: string;
  provider: string;
  environment: EnvironmentChoice;
  credentials: CredentialValues;
}
