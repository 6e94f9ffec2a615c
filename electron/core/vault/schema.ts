// The persisted document: profiles (non-secret settings), sealed secrets, sealed tokens,
// a bounded history, and app settings. Validated on every open.
import { z } from 'zod';

import { environmentSchema, SECRET_FIELDS } from '#common/profile-schema';
import { DEFAULT_SETTINGS, type Settings, settingsSchema as settingsRules } from '#common/settings';
import { HISTORY_KINDS, HISTORY_NOTES, type HistoryEvent } from '#common/token-view';

import { installerLockRecordSchema } from '../lock/pin';

export const DOCUMENT_VERSION = 1;

export const sealedValueSchema = z.string().regex(/^[a-z0-9]+:/, 'a sealed value carries a version tag');
const sealedValue = sealedValueSchema;

export const failureRecordSchema = z.object({
  errorClass: z.enum(['credentials', 'refresh-rejected', 'transient', 'protocol']),
  code: z.string().max(80),
  providerMessage: z.string().max(400).optional(),
  excerpt: z.string().max(400).optional(),
  status: z.number().int().optional(),
  /** The secrets a `secret_dropped` failure asks the user to type again. */
  fields: z.array(z.enum(SECRET_FIELDS)).max(SECRET_FIELDS.length).optional(),
  at: z.number(),
});

const digest = z.string().regex(/^[0-9a-f]{64}$/);

export const profileRecordSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(60),
  provider: z.string().min(1).max(40),
  environment: environmentSchema,
  /** Non-secret credential fields (client id, username, POS serial...). */
  fields: z.record(z.string(), z.string().max(2048)),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** Set when a credential error stopped automatic attempts; cleared when the user acts. */
  attention: failureRecordSchema.nullable().default(null),
  /**
   * Where the current access token is also written, for POS programs that only read files.
   * `written`: SHA-256 of what Tessera last wrote there (never the token itself), null while
   * Tessera's file is absent, missing for a sink set by a version that did not record it;
   * `previous`: the digest before a write in progress, so a crash mid-write does not disown it.
   */
  fileSink: z
    .object({ path: z.string().min(1).max(1024), written: digest.nullable().optional(), previous: digest.optional() })
    .nullable()
    .default(null),
  /** The destination (secret-destination.ts) the stored secrets were saved for; they go nowhere else. */
  secretsBoundTo: z.string().max(4200).optional(),
});
export type ProfileRecord = z.infer<typeof profileRecordSchema>;

export const historyEventSchema = z.object({
  at: z.number(),
  kind: z.enum(HISTORY_KINDS),
  trigger: z.enum(['schedule', 'user', 'consumer', 'startup', 'wake', 'retry']).optional(),
  mechanism: z.enum(['refresh-token', 'login']).optional(),
  errorClass: z.string().max(40).optional(),
  code: z.string().max(80).optional(),
  status: z.number().optional(),
  consumer: z.string().max(80).optional(),
  ms: z.number().optional(),
  expiresAt: z.number().optional(),
  count: z.number().optional(),
  firstAt: z.number().optional(),
  notes: z.array(z.enum(HISTORY_NOTES)).max(HISTORY_NOTES.length).optional(),
}) satisfies z.ZodType<HistoryEvent>;

/** The settings' rules, each missing one taken at its default (a new store, an older Tessera's). */
const { shape: rule } = settingsRules;
export const settingsSchema = z.object({
  language: rule.language.default(DEFAULT_SETTINGS.language),
  startAtLogin: rule.startAtLogin.default(DEFAULT_SETTINGS.startAtLogin),
  servicePort: rule.servicePort.default(DEFAULT_SETTINGS.servicePort),
  tokenMarginSeconds: rule.tokenMarginSeconds.default(DEFAULT_SETTINGS.tokenMarginSeconds),
}) satisfies z.ZodType<Settings>;

/** An access key of the local token service. Only its hash is kept; the key is shown once. */
export const accessKeyRecordSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(60),
  /** SHA-256 of the key, hex. Keys are 256-bit random values, so a fast hash is enough. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  /** The key's first characters, so the user can tell keys apart. */
  hint: z.string().max(16),
  createdAt: z.number(),
  lastUsedAt: z.number().nullable().default(null),
  /** Profile ids this key may read; null means every profile. */
  profiles: z.array(z.string().max(64)).nullable().default(null),
});
export type AccessKeyRecord = z.infer<typeof accessKeyRecordSchema>;

export const documentSchema = z.object({
  version: z.literal(DOCUMENT_VERSION),
  profiles: z.array(profileRecordSchema).default([]),
  secrets: z.record(z.string(), z.record(z.string(), sealedValue)).default({}),
  tokens: z.record(z.string(), sealedValue).default({}),
  history: z.record(z.string(), z.array(historyEventSchema)).default({}),
  settings: settingsSchema.prefault({}),
  accessKeys: z.array(accessKeyRecordSchema).default([]),
  /** The installer PIN's hash and its backoff; null when no PIN is set. */
  installerLock: installerLockRecordSchema.nullable().default(null),
});
export type VaultDocument = z.infer<typeof documentSchema>;

export function emptyDocument(): VaultDocument {
  return documentSchema.parse({ version: DOCUMENT_VERSION });
}
