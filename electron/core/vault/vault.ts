// Profiles and their secrets. Non-secret settings are stored as typed; secrets and tokens are
// sealed by the SecretBox before they touch the Store. A damaged store is copied aside and
// reported, never silently wiped.
import { copyFileSync, renameSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import {
  fieldsOf,
  isSecretField,
  profileSchemaFor,
  SECRET_FIELDS,
  type CredentialValues,
  type ProviderInfo,
  type SecretField,
} from '../profile-schema';
import type { TokenGrant } from '../providers/types';
import type { HistoryEvent, TimedFailure } from '../tokens/types';
import {
  documentSchema,
  emptyDocument,
  historyEventSchema,
  profileRecordSchema,
  settingsSchema,
  type AccessKeyRecord,
  type ProfileRecord,
  type VaultDocument,
} from './schema';
import type { Settings } from '../contract';
import type { SecretBox, Store } from './types';
import { StoreWriter, type StoreWriteStatus } from './store-writer';

export interface FieldIssue {
  /** Dotted path of the offending input field, e.g. `credentials.posSerial`. */
  path: string;
  /** An i18n key, e.g. `validation.tooLong`. */
  message: string;
  maximum?: number;
}

export type VaultErrorCode = 'validation' | 'not_found' | 'encryption_unavailable' | 'secret_unreadable';

export class VaultError extends Error {
  constructor(
    readonly code: VaultErrorCode,
    readonly issues: FieldIssue[] = [],
  ) {
    super(code === 'validation' ? `validation: ${issues.map((i) => `${i.path} ${i.message}`).join(', ')}` : code);
    this.name = 'VaultError';
  }
}

export type VaultProblem =
  | { kind: 'store-unreadable'; movedTo: string }
  | { kind: 'store-repaired'; copiedTo: string; droppedProfiles: number };

export type SecretFlags = Record<SecretField, boolean>;

export interface VaultOptions {
  store: Store;
  box: SecretBox;
  catalog: (providerId: string) => ProviderInfo | undefined;
  clock: Clock;
  logger: Logger;
  /** Events kept per profile. */
  historyLimit?: number;
  /** Delay that coalesces bursts of token and history writes into one. */
  coalesceMs?: number;
}

/** The result of validating a profile input: the record's parts, or field issues. */
interface ValidInput {
  name: string;
  provider: string;
  environment: ProfileRecord['environment'];
  credentials: CredentialValues;
}

export class Vault {
  readonly problems: VaultProblem[] = [];
  private doc: VaultDocument;
  private pendingWrite: { timer: ReturnType<Clock['setTimeout']>; dueAt: number } | undefined;
  private readonly historyLimit: number;
  private readonly writer: StoreWriter;
  private readonly writeListeners = new Set<(status: StoreWriteStatus) => void>();

  private constructor(
    private readonly opts: VaultOptions,
    doc: VaultDocument,
  ) {
    this.doc = doc;
    this.historyLimit = opts.historyLimit ?? 100;
    this.writer = new StoreWriter({
      store: opts.store,
      clock: opts.clock,
      logger: opts.logger,
      onStatus: (status) => {
        for (const listener of this.writeListeners) listener(status);
      },
    });
  }

  static open(opts: VaultOptions): Vault {
    const problems: VaultProblem[] = [];
    const doc = loadDocument(opts, problems);
    const vault = new Vault(opts, doc);
    vault.problems.push(...problems);
    if (problems.length > 0) vault.writeNow();
    return vault;
  }

  // ---- profiles -------------------------------------------------------------------------

  profiles(): readonly ProfileRecord[] {
    return this.doc.profiles;
  }

  profile(id: string): ProfileRecord | undefined {
    return this.doc.profiles.find((p) => p.id === id);
  }

  findByName(name: string): ProfileRecord | undefined {
    const wanted = name.trim().toLocaleLowerCase();
    return this.doc.profiles.find((p) => p.name.toLocaleLowerCase() === wanted);
  }

  secretFlags(id: string): SecretFlags {
    const sealed = this.doc.secrets[id] ?? {};
    return Object.fromEntries(SECRET_FIELDS.map((f) => [f, sealed[f] !== undefined])) as SecretFlags;
  }

  /** Validates without saving: the wizard's field checks and "Test connection" use this. */
  validate(input: unknown, mode: 'create' | 'update', profileId?: string): ValidInput {
    const provider = readProvider(input);
    const info = provider ? this.opts.catalog(provider) : undefined;
    if (!info) throw new VaultError('validation', [{ path: 'provider', message: 'validation.provider' }]);
    const result = profileSchemaFor(info, mode).safeParse(input);
    const issues: FieldIssue[] = result.success
      ? []
      : result.error.issues.map((i) => ({
          path: i.path.join('.'),
          message: i.message.startsWith('validation.') ? i.message : 'validation.invalid',
          ...('maximum' in i && typeof i.maximum === 'number' ? { maximum: i.maximum } : {}),
        }));
    if (result.success) {
      const clash = this.findByName(result.data.name);
      if (clash && clash.id !== profileId) issues.push({ path: 'name', message: 'validation.nameTaken' });
      if (mode === 'update' && profileId) {
        // Keeping a stored secret is only possible where one is stored.
        const flags = this.secretFlags(profileId);
        const creds = result.data.credentials as CredentialValues;
        for (const field of fieldsOf(info)) {
          if (isSecretField(field) && info.fields[field]?.required && !creds[field] && !flags[field]) {
            issues.push({ path: `credentials.${field}`, message: 'validation.required' });
          }
        }
      }
    }
    if (issues.length > 0 || !result.success) throw new VaultError('validation', issues);
    return {
      name: result.data.name,
      provider: info.id,
      environment: result.data.environment,
      credentials: result.data.credentials,
    };
  }

  async create(input: unknown): Promise<ProfileRecord> {
    const valid = this.validate(input, 'create');
    const sealed = await this.sealSecrets(valid.credentials);
    const now = this.opts.clock.now();
    const record: ProfileRecord = {
      id: randomUUID(),
      name: valid.name,
      provider: valid.provider,
      environment: valid.environment,
      fields: plainFields(valid.credentials),
      createdAt: now,
      updatedAt: now,
      attention: null,
      fileSink: null,
    };
    this.doc.profiles.push(record);
    this.doc.secrets[record.id] = sealed;
    this.writeNow();
    this.opts.logger.info('profile created', { profile: record.id, provider: record.provider });
    return record;
  }

  /**
   * Saves an edited profile. Secrets left empty keep their stored value. Returns whether what
   * identifies the sign-in changed (environment or any credential), which voids the token.
   */
  async update(id: string, input: unknown): Promise<{ record: ProfileRecord; signInChanged: boolean }> {
    const existing = this.requireProfile(id);
    if (readProvider(input) !== existing.provider) {
      throw new VaultError('validation', [{ path: 'provider', message: 'validation.providerFixed' }]);
    }
    const valid = this.validate(input, 'update', id);
    const newSecrets = await this.sealSecrets(valid.credentials);
    const fields = plainFields(valid.credentials);
    const signInChanged =
      Object.keys(newSecrets).length > 0 ||
      JSON.stringify(fields) !== JSON.stringify(existing.fields) ||
      JSON.stringify(valid.environment) !== JSON.stringify(existing.environment);
    const record: ProfileRecord = {
      ...existing,
      name: valid.name,
      environment: valid.environment,
      fields,
      updatedAt: this.opts.clock.now(),
      // Editing is the user acting on the problem: automatic attempts may resume.
      attention: null,
    };
    this.doc.profiles = this.doc.profiles.map((p) => (p.id === id ? record : p));
    this.doc.secrets[id] = { ...this.doc.secrets[id], ...newSecrets };
    if (signInChanged) delete this.doc.tokens[id];
    this.writeNow();
    return { record, signInChanged };
  }

  remove(id: string): void {
    this.requireProfile(id);
    this.doc.profiles = this.doc.profiles.filter((p) => p.id !== id);
    // A key limited to this profile keeps its other profiles; one limited to it alone reads nothing.
    for (const key of this.doc.accessKeys) {
      if (key.profiles) key.profiles = key.profiles.filter((p) => p !== id);
    }
    delete this.doc.secrets[id];
    delete this.doc.tokens[id];
    delete this.doc.history[id];
    this.writeNow();
  }

  /** Plain fields and opened secrets, for one sign-in. Held only as long as the request. */
  async credentials(id: string): Promise<CredentialValues> {
    const record = this.requireProfile(id);
    const out: CredentialValues = { ...record.fields };
    for (const [field, sealed] of Object.entries(this.doc.secrets[id] ?? {})) {
      try {
        out[field as SecretField] = await this.opts.box.open(sealed);
      } catch {
        throw new VaultError('secret_unreadable');
      }
    }
    return out;
  }

  setAttention(id: string, failure: TimedFailure | null): void {
    const record = this.profile(id);
    if (!record) return;
    record.attention = failure;
    this.writeNow();
  }

  setFileSink(id: string, path: string | null): ProfileRecord {
    const record = this.requireProfile(id);
    record.fileSink = path === null ? null : { path };
    this.writeNow();
    return record;
  }

  // ---- access keys of the local token service --------------------------------------------

  accessKeys(): readonly AccessKeyRecord[] {
    return this.doc.accessKeys;
  }

  addAccessKey(record: AccessKeyRecord): void {
    this.doc.accessKeys.push(record);
    this.writeNow();
  }

  removeAccessKey(id: string): void {
    const before = this.doc.accessKeys.length;
    this.doc.accessKeys = this.doc.accessKeys.filter((k) => k.id !== id);
    if (this.doc.accessKeys.length === before) throw new VaultError('not_found');
    this.writeNow();
  }

  /** Last use is bookkeeping: kept to the minute, written lazily. True when it was stamped. */
  touchAccessKey(id: string, at: number): boolean {
    const key = this.doc.accessKeys.find((k) => k.id === id);
    if (!key || (key.lastUsedAt !== null && at - key.lastUsedAt < 60_000)) return false;
    key.lastUsedAt = at;
    this.writeLazily();
    return true;
  }

  // ---- tokens ---------------------------------------------------------------------------

  async saveToken(id: string, grant: TokenGrant): Promise<void> {
    if (!this.profile(id)) return;
    const sealed = await this.opts.box.seal(JSON.stringify(grant));
    // The profile may have been removed while sealing.
    if (!this.profile(id)) return;
    this.doc.tokens[id] = sealed;
    this.writeSoon();
  }

  /** The stored token, or undefined when there is none or it can no longer be opened. */
  async loadToken(id: string): Promise<TokenGrant | undefined> {
    const sealed = this.doc.tokens[id];
    if (!sealed) return undefined;
    try {
      const grant = JSON.parse(await this.opts.box.open(sealed)) as TokenGrant;
      return typeof grant.accessToken === 'string' && typeof grant.expiresAt === 'number' ? grant : undefined;
    } catch {
      this.opts.logger.warn('stored token could not be opened; it will be replaced', { profile: id });
      return undefined;
    }
  }

  clearToken(id: string): void {
    if (this.doc.tokens[id] === undefined) return;
    delete this.doc.tokens[id];
    this.writeSoon();
  }

  // ---- history and settings ---------------------------------------------------------------

  history(id: string): readonly HistoryEvent[] {
    return this.doc.history[id] ?? [];
  }

  appendHistory(id: string, event: HistoryEvent): void {
    if (!this.profile(id)) return;
    const list = (this.doc.history[id] ??= []);
    list.push(event);
    if (list.length > this.historyLimit) list.splice(0, list.length - this.historyLimit);
    this.writeSoon();
  }

  /** Replaces one event (used to coalesce repeated ones); written lazily. */
  replaceHistory(id: string, index: number, event: HistoryEvent): void {
    const list = this.doc.history[id];
    if (!list || index < 0 || index >= list.length) return this.appendHistory(id, event);
    list[index] = event;
    this.writeLazily();
  }

  settings(): Settings {
    return { ...this.doc.settings };
  }

  updateSettings(patch: Partial<Settings>): Settings {
    this.doc.settings = settingsSchema.parse({ ...this.doc.settings, ...patch });
    this.writeNow();
    return this.settings();
  }

  /** Writes anything still pending (or still failing); call before the process exits. */
  flush(): void {
    if (this.pendingWrite !== undefined || this.writer.failing) this.writeNow();
  }

  /** Whether changes reach the disk. A failed write keeps everything in memory and is retried. */
  get writeStatus(): StoreWriteStatus {
    return this.writer.status;
  }

  /** Called each time writing starts failing, fails again (a new retry time) or works again. */
  onWriteStatus(listener: (status: StoreWriteStatus) => void): () => void {
    this.writeListeners.add(listener);
    return () => this.writeListeners.delete(listener);
  }

  /** Stops retrying a failed write (the core is closing; flush() has had its last try). */
  stopWriting(): void {
    this.writer.stop();
  }

  // ---- internals ------------------------------------------------------------------------

  private requireProfile(id: string): ProfileRecord {
    const record = this.profile(id);
    if (!record) throw new VaultError('not_found');
    return record;
  }

  private async sealSecrets(credentials: CredentialValues): Promise<Record<string, string>> {
    const entries = SECRET_FIELDS.filter((f) => credentials[f]).map((f) => [f, credentials[f]!] as const);
    if (entries.length === 0) return {};
    const status = await this.opts.box.status();
    if (!status.available) throw new VaultError('encryption_unavailable');
    const sealed: Record<string, string> = {};
    for (const [field, value] of entries) sealed[field] = await this.opts.box.seal(value);
    return sealed;
  }

  /** A change the user made: written at once. Never throws; a failure is reported and retried. */
  private writeNow(): void {
    if (this.pendingWrite !== undefined) {
      this.opts.clock.clearTimeout(this.pendingWrite.timer);
      this.pendingWrite = undefined;
    }
    this.writer.write(this.doc);
  }

  /** Tokens and history: bursts (many renewals at once) coalesce into one write. */
  private writeSoon(): void {
    this.writeWithin(this.opts.coalesceMs ?? 20);
  }

  /** Bookkeeping (last use, repeated hand-outs): losing a few seconds of it costs nothing. */
  private writeLazily(): void {
    this.writeWithin(10_000);
  }

  private writeWithin(ms: number): void {
    const dueAt = this.opts.clock.now() + ms;
    if (this.pendingWrite !== undefined) {
      if (this.pendingWrite.dueAt <= dueAt) return;
      this.opts.clock.clearTimeout(this.pendingWrite.timer);
    }
    const timer = this.opts.clock.setTimeout(() => {
      this.pendingWrite = undefined;
      // From a timer: a failure here must never escape (it would end the process); while
      // writes fail, this waits for the writer's own retry.
      this.writer.writeWhenDue(this.doc);
    }, ms);
    this.pendingWrite = { timer, dueAt };
  }
}

function readProvider(input: unknown): string | undefined {
  if (!input || typeof input !== 'object') return undefined;
  const p = (input as { provider?: unknown }).provider;
  return typeof p === 'string' ? p : undefined;
}

function plainFields(credentials: CredentialValues): Record<string, string> {
  return Object.fromEntries(
    Object.entries(credentials).filter(([f, v]) => v && !isSecretField(f as SecretField)),
  );
}

function asideName(path: string, clock: Clock, suffix: string): string {
  const stamp = new Date(clock.now()).toISOString().replace(/[:.]/g, '-');
  return `${path}.${suffix}-${stamp}`;
}

/** Reads the document; an unreadable file is moved aside, damaged entries dropped (with a copy). */
function loadDocument(opts: VaultOptions, problems: VaultProblem[]): VaultDocument {
  let raw: unknown;
  try {
    raw = opts.store.read();
  } catch {
    const movedTo = asideName(opts.store.path, opts.clock, 'unreadable');
    renameSync(opts.store.path, movedTo);
    problems.push({ kind: 'store-unreadable', movedTo });
    opts.logger.error('store file was unreadable and has been moved aside', { movedTo });
    return emptyDocument();
  }
  if (!raw || typeof raw !== 'object' || Object.keys(raw).length === 0) return emptyDocument();

  const whole = documentSchema.safeParse(raw);
  if (whole.success && whole.data.profiles.every((p) => opts.catalog(p.provider))) return whole.data;

  // Salvage what is sound, keep a copy of the original for the user or support.
  const source = raw as Record<string, unknown>;
  const doc = emptyDocument();
  let dropped = 0;
  for (const candidate of Array.isArray(source.profiles) ? (source.profiles as unknown[]) : []) {
    const parsed = profileRecordSchema.safeParse(candidate);
    if (parsed.success && opts.catalog(parsed.data.provider) && !doc.profiles.some((p) => p.id === parsed.data.id)) {
      doc.profiles.push(parsed.data);
    } else dropped += 1;
  }
  const part = <T>(value: unknown, schema: { safeParse(v: unknown): { success: boolean; data?: T } }): T | undefined => {
    const r = schema.safeParse(value);
    return r.success ? r.data : undefined;
  };
  const secrets = part<VaultDocument['secrets']>(source.secrets, documentSchema.shape.secrets) ?? {};
  const tokens = part<VaultDocument['tokens']>(source.tokens, documentSchema.shape.tokens) ?? {};
  for (const p of doc.profiles) {
    if (secrets[p.id]) doc.secrets[p.id] = secrets[p.id]!;
    if (tokens[p.id]) doc.tokens[p.id] = tokens[p.id]!;
    const history = (source.history as Record<string, unknown> | undefined)?.[p.id];
    if (Array.isArray(history)) doc.history[p.id] = history.flatMap((e) => {
        const event = historyEventSchema.safeParse(e);
        return event.success ? [event.data] : [];
      });
  }
  doc.settings = part<Settings>(source.settings, settingsSchema) ?? doc.settings;
  doc.accessKeys = part<VaultDocument['accessKeys']>(source.accessKeys, documentSchema.shape.accessKeys) ?? [];
  const copiedTo = asideName(opts.store.path, opts.clock, 'damaged');
  copyFileSync(opts.store.path, copiedTo);
  problems.push({ kind: 'store-repaired', copiedTo, droppedProfiles: dropped });
  opts.logger.error('store file had damaged entries; a copy was kept', { copiedTo, droppedProfiles: dropped });
  return doc;
}
