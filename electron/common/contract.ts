// The IPC contract: every call the renderer can make, declared once with the zod schema of
// its input and the type of its result. Main binds it to ipcMain, the browser host to a
// WebSocket, the preload derives window.tessera from it. Nothing here carries a secret back.
import { z } from 'zod';

import type { BundleErrorView, BundleFileView, ExportResult, ImportOutcome, ImportPreview } from './bundle-view';
import { MAX_BUNDLE_BYTES, MAX_BUNDLE_PROFILES, MAX_PASSPHRASE_LENGTH } from './bundle-view';
import type { DiagnosticsView } from './diagnostics-view';
// What the renderer needs of bundles comes through here (it may import only the contract).
export type {
  BundleErrorView,
  BundleFileView,
  BundleRefusal,
  ClashAction,
  ExportResult,
  ImportOutcome,
  ImportPreview,
  ImportPreviewProfile,
} from './bundle-view';
export { BUNDLE_EXTENSION, MAX_BUNDLE_BYTES, MIN_PASSPHRASE_LENGTH, PER_TERMINAL_FIELDS } from './bundle-view';
import type { FailureView } from './failure';
import type { FieldIssueView } from './field-issue';
import type { Identity } from './grant';
import { LANGUAGES } from './language';
import {
  type CredentialField,
  type EnvironmentChoice,
  FIELD_ORDER,
  type PlainField,
  type ProviderInfo,
  SECRET_FIELDS,
  type SecretField,
} from './profile-schema';
import type { Settings } from './settings';
import type { HistoryEvent, TokenView } from './token-view';
import type { SecretBoxStatus, StoreWriteStatus } from './vault-status';

// ---- views ----------------------------------------------------------------------------------

/** Why Tessera stopped writing a token file: the file is no longer what Tessera wrote, or cannot be written. */
export type TokenFileProblem = 'not_ours' | 'unwritable';

export interface ProfileView {
  id: string;
  name: string;
  provider: string;
  environment: EnvironmentChoice;
  /** Non-secret fields as typed (client id, username, POS serial...). */
  fields: Partial<Record<PlainField, string>>;
  /** Which secrets are stored. Their values never leave main. */
  secrets: Record<SecretField, boolean>;
  createdAt: number;
  updatedAt: number;
  token: TokenView;
  /**
   * The file the current token is also written to, if any; `problem` when Tessera stopped
   * writing it (it no longer holds what Tessera wrote, or cannot be written).
   */
  fileSink: { path: string; problem?: TokenFileProblem } | null;
}

/** An access key of the local token service, as listed. The key itself is shown only once. */
export interface AccessKeyView {
  id: string;
  name: string;
  /** The key's first characters, to tell keys apart. */
  hint: string;
  createdAt: number;
  lastUsedAt: number | null;
  /** Profile ids the key may read; null for every profile. */
  profiles: string[] | null;
}

export interface ServiceStatus {
  running: boolean;
  /** The port it listens on, or would listen on. */
  port: number;
  /** e.g. http://127.0.0.1:7478, while running. */
  url?: string;
  /**
   * Why it is not running although keys exist, or, with `running`, why it does not answer on
   * every loopback address: `port_in_use` means another program holds the port (see `held`).
   */
  error?: 'port_in_use' | 'failed';
  /** The port comes from the command line (the browser host's --service-port), not Settings. */
  portOverridden: boolean;
  /** While running: the loopback addresses it answers on (127.0.0.1, and ::1 where the machine has IPv6). */
  listening?: string[];
  /** With `port_in_use`: the loopback addresses on this port another program holds. POS programs may be talking to it. */
  held?: string[];
  /** While the port is held or the service failed: when Tessera tries again (epoch ms; every 5 s). */
  retryAt?: number;
}

export interface StoreProblemView {
  kind: 'store-unreadable' | 'store-repaired';
  /** Where the original file was kept. */
  keptAt: string;
  /** What a repair left out (store-repaired only). */
  droppedProfiles?: number;
  droppedSecrets?: number;
  droppedKeys?: number;
  /** Tokens, history events, settings or unknown fields: nothing the user typed. */
  droppedOther?: number;
}

/**
 * Whether Tessera's changes reach the disk. While they do not (a full disk, no permission, file
 * handles run out) everything is kept in memory and written again at `retryAt`.
 */
export type StoreWriteView = StoreWriteStatus;

export interface AppInfo {
  version: string;
  host: 'electron' | 'browser';
  platform: string;
  /** A guess at this machine's OS version, to prefill the POS OS version field. */
  osVersion: string;
  /** The OS's preferred language, used when the user has not chosen one. */
  systemLocale: string;
  secretBox: SecretBoxStatus;
  storeProblems: StoreProblemView[];
  /** Live: a `storeWrite` event follows every change. */
  storeWrite: StoreWriteView;
  sandboxRunning: boolean;
  /** Providers whose built-in sandbox is running (a provider may have none). */
  sandboxProviders: string[];
}

export type { Settings };

export interface ConnectionTestResult {
  lifetimeSeconds: number;
  expiresAt: number;
  tokenType: string;
  scope?: string;
  identity?: Identity;
  /** The lifetime was taken from the token or assumed, not stated by the provider (TokenGrant). */
  lifetimeSource?: 'token' | 'assumed';
}

export type { FieldIssueView };

export const APP_ERROR_CODES = [
  'bad_request',
  'validation',
  'not_found',
  'encryption_unavailable',
  'secret_unreadable',
  'provider',
  'forbidden',
  'bundle',
  'internal',
  // The installer lock (lock/): an installer action while locked, a wrong PIN, a PIN asked too soon.
  'locked',
  'wrong_pin',
  'pin_backoff',
] as const;
/** Every code has a text in each language: the renderer's `appErrors` is a Record of them. */
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

/** An error as the renderer sees it: a stable code, field issues or a classified failure. */
export interface AppErrorView {
  code: AppErrorCode;
  issues?: FieldIssueView[];
  failure?: FailureView;
  /** wrong_pin, pin_backoff: how long until the next PIN is checked. */
  retryInMs?: number;
  /** A failed connection test's report (for "Copy diagnostics"); secret-free. */
  diagnostics?: DiagnosticsView;
  /** code `bundle`: why a profile bundle was refused. */
  bundle?: BundleErrorView;
}

/** The installer lock as the renderer sees it. Times are relative to when it was sent. */
export interface LockView {
  /** An installer PIN is set: Tessera starts locked and installer actions ask for it. */
  pinSet: boolean;
  /** Installer actions are refused with `locked`. Never true without a PIN. */
  locked: boolean;
  /** While unlocked: how long until it locks by itself (each installer action starts it again). */
  relocksInMs?: number;
  /** After wrong PINs: how long until the next PIN is checked. */
  retryInMs?: number;
  /** The stored PIN is damaged: no PIN opens the lock, only "Forgot the PIN?" does. */
  pinDamaged?: boolean;
  /** How long one unlock lasts without installer actions. */
  unlockMs: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorView };

export type AppEvent =
  | { type: 'token'; view: TokenView }
  | { type: 'history'; profileId: string; event: HistoryEvent }
  | { type: 'profiles' }
  | { type: 'settings'; settings: Settings }
  | { type: 'service'; status: ServiceStatus }
  | { type: 'accessKeys' }
  | { type: 'lock'; lock: LockView }
  | { type: 'storeWrite'; status: StoreWriteView };

// ---- inputs ---------------------------------------------------------------------------------
// Structural checks only (types, absurd sizes). Field rules live in profile-schema and come
// back as field issues, so the wizard can show them next to the field.

const text = (max: number) => z.string().max(max);
const id = z.object({ id: text(64) }).strict();

/** Every credential field, optional, in the wizard's order: the nine come from profile-schema. */
const credentialShape = Object.fromEntries(FIELD_ORDER.map((field) => [field, text(4096).optional()])) as Record<
  CredentialField,
  z.ZodOptional<z.ZodString>
>;

export const profileDraftSchema = z
  .object({
    name: text(1000),
    provider: text(40),
    environment: z.union([
      z.object({ kind: z.literal('preset'), id: text(100) }).strict(),
      z.object({ kind: z.literal('sandbox') }).strict(),
      z.object({ kind: z.literal('custom'), baseUrl: text(4096) }).strict(),
    ]),
    credentials: z.object(credentialShape).strict(),
  })
  .strict();
export type ProfileDraft = z.infer<typeof profileDraftSchema>;

/**
 * When editing: stored secrets to delete rather than keep (an empty secret means "keep"). Only
 * a secret the provider makes optional can go without a replacement; see Vault.update.
 */
const clearSecrets = z.array(z.enum(SECRET_FIELDS)).max(SECRET_FIELDS.length).optional();

const none = z.undefined();

// Profile bundles (docs/fleet.md). The passphrase and, in the browser host, the file's bytes
// (base64 of the encrypted age file) travel in these inputs; neither transport logs inputs.
const credentialValues = profileDraftSchema.shape.credentials;
const importChoice = z
  .object({
    index: z.number().int().min(0).max(MAX_BUNDLE_PROFILES),
    action: z.enum(['import', 'skip', 'replace', 'rename']),
    name: text(1000).optional(),
    values: credentialValues,
  })
  .strict();

/** A channel: its input schema and, as a type only, its result. */
function channel<R>() {
  return <I extends z.ZodType>(input: I) => ({ input, result: undefined as unknown as R });
}

export const contract = {
  getAppInfo: channel<AppInfo>()(none),
  getCatalog: channel<ProviderInfo[]>()(none),
  listProfiles: channel<ProfileView[]>()(none),
  createProfile: channel<ProfileView>()(profileDraftSchema),
  updateProfile: channel<ProfileView>()(z.object({ id: text(64), profile: profileDraftSchema, clearSecrets }).strict()),
  removeProfile: channel<null>()(id),
  /** A real sign-in with the typed values (and, when editing, the stored secrets); saves nothing. */
  testConnection: channel<ConnectionTestResult>()(
    z.object({ id: text(64).optional(), profile: profileDraftSchema, clearSecrets }).strict(),
  ),
  refreshToken: channel<TokenView>()(id),
  refreshAll: channel<TokenView[]>()(none),
  getHistory: channel<HistoryEvent[]>()(id),
  getSettings: channel<Settings>()(none),
  updateSettings: channel<Settings>()(
    z
      .object({
        language: z.enum(LANGUAGES).nullable().optional(),
        startAtLogin: z.boolean().optional(),
        servicePort: z.number().int().optional(),
        tokenMarginSeconds: z.number().int().optional(),
      })
      .strict(),
  ),
  getServiceStatus: channel<ServiceStatus>()(none),
  listAccessKeys: channel<AccessKeyView[]>()(none),
  /** Creates a key for POS software; the result carries the key, shown to the user once. */
  createAccessKey: channel<{ key: string; accessKey: AccessKeyView }>()(
    z.object({ name: text(200), profiles: z.array(text(64)).max(1000).nullable() }).strict(),
  ),
  revokeAccessKey: channel<null>()(id),
  /**
   * Writes the profile's current token to a file (null: stop and remove the file). A typed path
   * is for the browser host only: the Electron app refuses one (`forbidden`) and uses
   * chooseTokenFile, so a renderer never names a file main writes.
   */
  setFileSink: channel<ProfileView>()(z.object({ id: text(64), path: text(4096).nullable() }).strict()),
  // The installer lock. Who may call what, locked or not, is lock/policy.ts.
  getLockState: channel<LockView>()(none),
  unlock: channel<LockView>()(z.object({ pin: text(64) }).strict()),
  lock: channel<LockView>()(none),
  /** Sets, changes (newPin) or removes (null) the PIN; the current one is required once set. */
  setInstallerPin: channel<LockView>()(z.object({ currentPin: text(64).optional(), newPin: text(64).nullable() }).strict()),
  /** "Forgot the PIN?": removes it by deleting every profile's secrets and tokens. */
  resetInstallerPin: channel<LockView>()(z.object({ confirm: z.literal('delete-all-secrets') }).strict()),
  /** The profile's last token-endpoint exchanges and what support needs with them; secret-free. */
  getDiagnostics: channel<DiagnosticsView>()(id),
  /**
   * The Electron app: main opens a native save dialog and the chosen file becomes the profile's
   * token file. Null when the user cancelled; `forbidden` where there is no dialog (browser host).
   */
  chooseTokenFile: channel<ProfileView | null>()(id),
  /** Writes a bundle of these profiles: where main's save dialog says (app), or back to the page (browser host). */
  exportProfiles: channel<ExportResult>()(
    z
      .object({ ids: z.array(text(64)).min(1).max(MAX_BUNDLE_PROFILES), withSecrets: z.boolean(), passphrase: text(MAX_PASSPHRASE_LENGTH) })
      .strict(),
  ),
  /** Reads a bundle file, from main's open dialog (app) or uploaded by the page (browser host); null if cancelled. */
  openBundleFile: channel<BundleFileView | null>()(
    z.union([
      z.object({ kind: z.literal('dialog') }).strict(),
      z.object({ kind: z.literal('upload'), fileName: text(1000), data: z.string().max(Math.ceil(MAX_BUNDLE_BYTES / 3) * 4 + 4) }).strict(),
    ]),
  ),
  /** Decrypts a file read by openBundleFile and says, per profile, what importing it here means. */
  previewImport: channel<ImportPreview>()(z.object({ fileId: text(64), passphrase: text(MAX_PASSPHRASE_LENGTH) }).strict()),
  /** Saves the chosen profiles in one write and signs each in at once. */
  importProfiles: channel<ImportOutcome[]>()(
    z.object({ importId: text(64), choices: z.array(importChoice).max(MAX_BUNDLE_PROFILES) }).strict(),
  ),
  /** Forgets a file or bundle kept for an import (the dialog closed). */
  closeImport: channel<null>()(id),
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export const METHODS = Object.keys(contract) as Method[];

export type InputOf<M extends Method> = z.input<Contract[M]['input']>;
export type ResultOf<M extends Method> = Contract[M]['result'];

/** The IPC channel name of a method. */
export const channelName = (method: Method) => `tessera:${method}`;
export const EVENT_CHANNEL = 'tessera:event';

/** window.tessera: one method per channel, plus a subscription to events. */
export type TesseraApi = {
  [M in Method]: InputOf<M> extends undefined ? () => Promise<Result<ResultOf<M>>> : (input: InputOf<M>) => Promise<Result<ResultOf<M>>>;
} & {
  onEvent(listener: (event: AppEvent) => void): () => void;
};

// ---- the browser host's wire envelope (the WebSocket transport of this same contract) -------

export interface WireRequest {
  id: number;
  method: string;
  input?: unknown;
}

export type WireMessage = { id: number; result: Result<unknown> } | { event: AppEvent };

/** The access key of the browser host travels in the URL fragment, never to a server log. */
export const ACCESS_KEY_FRAGMENT = 'key';
export const WEB_SOCKET_PATH = '/ws';

export type { DiagnosticsView, ExchangeView } from './diagnostics-view';
