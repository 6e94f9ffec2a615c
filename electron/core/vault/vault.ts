// Profiles and their secrets. Non-secret settings are stored as typed; secrets and tokens are
// sealed by the SecretBox before they touch the Store, and bound to the destination they were
// saved for. A damaged store is copied aside and reported, never silently wiped: one damaged
// entry costs that entry alone.
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, renameSync } from 'node:fs';

import type { z } from 'zod';

import { fieldIssuesOf, type FieldIssueView } from '#common/field-issue';
import {
  type CredentialValues,
  fieldsOf,
  isSecretField,
  profileSchemaFor,
  type ProviderInfo,
  SECRET_FIELDS,
  type SecretField,
} from '#common/profile-schema';
import { secretDestination } from '#common/secret-destination';
import type { Settings } from '#common/settings';
import type { HistoryEvent, TimedFailure } from '#common/token-view';

import type { Clock } from '../clock';
import { type InstallerLockRecord, salvageInstallerLock } from '../lock/pin';
import type { Logger } from '../logger';
import { isWellFormedToken } from '../providers/token-shape';
import type { TokenGrant } from '../providers/types';
import {
  applyBatch,
  type BatchResult,
  type BatchSteps,
  checkBatch,
  type PreparedCreate,
  type PreparedUpdate,
  type ProfileBatch,
  type ValidInput,
} from './profile-batch';
import {
  type AccessKeyRecord,
  accessKeyRecordSchema,
  DOCUMENT_VERSION,
  documentSchema,
  emptyDocument,
  historyEventSchema,
  type ProfileRecord,
  profileRecordSchema,
  sealedValueSchema,
  settingsSchema,
  type VaultDocument,
} from './schema';
import type { StoreWriteStatus } from './store-writer';
import type { SecretBox, Store } from './types';
import { WriteSchedule } from './write-schedule';

export type FieldIssue = FieldIssueView;

export type VaultErrorCode =
  | 'validation'
  | 'not_found'
  | 'encryption_unavailable'
  | 'secret_unreadable'
  /** A required secret is not stored (it was dropped as unreadable); issues name the fields. */
  | 'secret_missing'
  /** The stored secrets were saved for another destination; issues name the fields to type again. */
  | 'secrets_unbound'
  /** The call is not allowed from this host (e.g. a typed token-file path in the Electron app). */
  | 'forbidden';

export class VaultError extends Error {
  constructor(
    readonly code: VaultErrorCode,
    readonly issues: FieldIssue[] = [],
  ) {
    super(issues.length > 0 ? `${code}: ${issues.map((i) => `${i.path} ${i.message}`).join(', ')}` : code);
    this.name = 'VaultError';
  }
}

/** What a repair left out, entry by entry. `other`: tokens, history, settings, unknown fields. */
export interface DroppedCounts {
  droppedProfiles: number;
  droppedSecrets: number;
  droppedKeys: number;
  droppedOther: number;
}

export type VaultProblem = { kind: 'store-unreadable'; movedTo: string } | ({ kind: 'store-repaired'; copiedTo: string } & DroppedCounts);

/** The message of a field issue asking for a secret again because the address changed. */
export const RETYPE_SECRET = 'secretSafety.retypeSecret';

export type SecretFlags = Record<SecretField, boolean>;

export type TokenFileRecord = NonNullable<ProfileRecord['fileSink']>;

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

export type { BatchItem, BatchResult, ProfileBatch } from './profile-batch';

export class Vault {
  readonly problems: VaultProblem[] = [];
  private doc: VaultDocument;
  /** Some sealed value opened this run: the box works, so a value that does not open is damaged. */
  private boxOpened = false;
  private readonly sealing = new Set<Promise<string>>();
  private readonly historyLimit: number;
  private readonly writes: WriteSchedule;

  private constructor(
    private readonly opts: VaultOptions,
    doc: VaultDocument,
  ) {
    this.doc = doc;
    this.historyLimit = opts.historyLimit ?? 100;
    this.writes = new WriteSchedule({
      store: opts.store,
      clock: opts.clock,
      logger: opts.logger,
      document: () => this.doc,
      coalesceMs: opts.coalesceMs,
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
  /** `cleared`: stored secrets the edit deletes, which then count as not stored. */
  validate(input: unknown, mode: 'create' | 'update', profileId?: string, cleared: readonly SecretField[] = []): ValidInput {
    return this.validateAgainst(input, mode, profileId, (name) => this.findByName(name)?.id, cleared);
  }

  /** validate(), with the names already taken given by `takenBy` (a batch adds its own). */
  private validateAgainst(
    input: unknown,
    mode: 'create' | 'update',
    profileId: string | undefined,
    takenBy: (name: string) => string | undefined,
    cleared: readonly SecretField[] = [],
  ): ValidInput {
    const provider = readProvider(input);
    const info = provider ? this.opts.catalog(provider) : undefined;
    if (!info) throw new VaultError('validation', [{ path: 'provider', message: 'validation.provider' }]);
    const result = profileSchemaFor(info, mode).safeParse(input);
    const issues: FieldIssue[] = result.success ? [] : fieldIssuesOf(result.error);
    if (result.success) {
      const clash = takenBy(result.data.name);
      if (clash !== undefined && clash !== profileId) issues.push({ path: 'name', message: 'validation.nameTaken' });
      const existing = mode === 'update' && profileId ? this.profile(profileId) : undefined;
      if (existing) {
        // Keeping a stored secret is only possible where one is stored, and only while the
        // profile still signs in where the secret was saved for: any other address must be
        // given every secret again, or a blank field would hand the stored one to it.
        const flags = this.secretFlags(existing.id);
        const creds = result.data.credentials as CredentialValues;
        const moved = this.boundDestination(existing) !== secretDestination(info, result.data.environment);
        for (const field of fieldsOf(info)) {
          if (!isSecretField(field) || creds[field]) continue;
          // A stored secret being removed (an optional one) needs no retyping, wherever it goes.
          const stored = flags[field] && !cleared.includes(field);
          if (stored && moved) issues.push({ path: `credentials.${field}`, message: RETYPE_SECRET });
          else if (!stored && info.fields[field]?.required) issues.push({ path: `credentials.${field}`, message: 'validation.required' });
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
    const { record, sealed } = await this.prepareCreate(valid);
    this.commitCreate(record, sealed);
    this.writeNow();
    this.opts.logger.info('profile created', { profile: record.id, provider: record.provider });
    return record;
  }

  /**
   * Saves an edited profile. Secrets left empty keep their stored value, unless listed in
   * `clearSecrets` (a required one must then be typed again). Returns whether what identifies
   * the sign-in changed (environment or any credential), which voids the token.
   */
  async update(
    id: string,
    input: unknown,
    clearSecrets: readonly SecretField[] = [],
  ): Promise<{ record: ProfileRecord; signInChanged: boolean }> {
    const existing = this.requireProfile(id);
    if (readProvider(input) !== existing.provider) {
      throw new VaultError('validation', [{ path: 'provider', message: 'validation.providerFixed' }]);
    }
    const valid = this.validate(input, 'update', id, clearSecrets);
    const prepared = await this.prepareUpdate(existing, valid, clearSecrets);
    this.commitUpdate(prepared);
    this.writeNow();
    return { record: prepared.record, signInChanged: prepared.signInChanged };
  }

  /** Many changes, one store write (a bundle import), all or nothing: see profile-batch.ts. */
  applyBatch(batch: ProfileBatch): Promise<BatchResult> {
    return applyBatch(this.batchSteps, batch);
  }

  /** What applyBatch would refuse, without changing anything. */
  checkBatch(batch: ProfileBatch): FieldIssue[] {
    return checkBatch(this.batchSteps, batch).issues;
  }

  /** The vault's own steps, as a batch runs them. */
  private get batchSteps(): BatchSteps {
    return {
      profiles: () => this.doc.profiles,
      require: (id) => this.requireProfile(id),
      validate: (input, kind, self, takenBy) => this.validateAgainst(input, kind, self, takenBy),
      providerOf: readProvider,
      issuesOf: (err) => {
        if (!(err instanceof VaultError)) throw err;
        return err.code === 'validation' ? err.issues : [{ path: '', message: err.code }];
      },
      refuse: (issues) => {
        throw new VaultError('validation', issues);
      },
      prepareCreate: (valid) => this.prepareCreate(valid),
      prepareUpdate: (existing, valid) => this.prepareUpdate(existing, valid),
      commitCreate: ({ record, sealed }) => this.commitCreate(record, sealed),
      commitUpdate: (prepared) => this.commitUpdate(prepared),
      detach: (id) => this.detach(id),
      write: () => this.writeNow(),
      logger: this.opts.logger,
    };
  }

  remove(id: string): void {
    this.requireProfile(id);
    this.detach(id);
    this.writeNow();
  }

  private detach(id: string): void {
    this.doc.profiles = this.doc.profiles.filter((p) => p.id !== id);
    // A key limited to this profile keeps its other profiles; one limited to it alone reads nothing.
    for (const key of this.doc.accessKeys) {
      if (key.profiles) key.profiles = key.profiles.filter((p) => p !== id);
    }
    delete this.doc.secrets[id];
    delete this.doc.tokens[id];
    delete this.doc.history[id];
  }

  private async prepareCreate(valid: ValidInput): Promise<PreparedCreate> {
    const destination = secretDestination(this.opts.catalog(valid.provider)!, valid.environment);
    const sealed = await this.sealSecrets(valid.credentials, destination);
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
      secretsBoundTo: destination,
    };
    return { record, sealed };
  }

  private commitCreate(record: ProfileRecord, sealed: Record<string, string>): void {
    this.doc.profiles.push(record);
    this.doc.secrets[record.id] = sealed;
  }

  private async prepareUpdate(
    existing: ProfileRecord,
    valid: ValidInput,
    clearSecrets: readonly SecretField[] = [],
  ): Promise<PreparedUpdate> {
    const id = existing.id;
    const destination = secretDestination(this.opts.catalog(valid.provider)!, valid.environment);
    const newSecrets = await this.sealSecrets(valid.credentials, destination);
    const fields = plainFields(valid.credentials);
    // validate() made sure every stored secret was typed again (or cleared) if the destination
    // moved: none of the old ones goes along.
    const moved = destination !== this.boundDestination(existing);
    const secrets = { ...(moved ? {} : this.doc.secrets[id]), ...newSecrets };
    const removed = clearSecrets.filter((f) => !newSecrets[f] && secrets[f] !== undefined);
    for (const field of removed) delete secrets[field];
    const signInChanged =
      Object.keys(newSecrets).length > 0 ||
      removed.length > 0 ||
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
      secretsBoundTo: destination,
    };
    return { record, secrets, signInChanged };
  }

  private commitUpdate({ record, secrets, signInChanged }: PreparedUpdate): void {
    const id = record.id;
    this.doc.profiles = this.doc.profiles.map((p) => (p.id === id ? record : p));
    this.doc.secrets[id] = secrets;
    if (signInChanged) delete this.doc.tokens[id];
  }

  /**
   * Plain fields and opened secrets, for one sign-in at `destination` (by default the profile's
   * own). Held only as long as the request. Refuses when the secrets were saved for another
   * destination, or a required one is missing (unless `partial`: the caller fills in what the
   * user typed): nothing must be sent then. A value that no
   * longer opens while the box works is damaged: it alone is dropped (see dropSecrets).
   */
  async credentials(id: string, destination?: string, opts: { partial?: boolean } = {}): Promise<CredentialValues> {
    const record = this.requireProfile(id);
    const wanted = destination ?? this.destinationOf(record);
    const sealed = this.doc.secrets[id] ?? {};
    const stored = Object.keys(sealed).filter((f): f is SecretField => isSecretField(f as SecretField));
    const unbound = () =>
      new VaultError(
        'secrets_unbound',
        stored.map((f) => ({ path: `credentials.${f}`, message: RETYPE_SECRET })),
      );
    if (stored.length > 0 && this.boundDestination(record) !== wanted) throw unbound();
    const out: CredentialValues = { ...record.fields };
    const unreadable: SecretField[] = [];
    for (const field of stored) {
      const opened = await this.openSecret(sealed[field]!);
      if (!opened) unreadable.push(field);
      // The destination sealed with the value is the one that counts: the profile's JSON is
      // in clear, so an edit of the file alone cannot send a secret elsewhere.
      else if (opened.destination !== undefined && opened.destination !== wanted) throw unbound();
      else out[field] = opened.value;
    }
    if (unreadable.length > 0) {
      // Nothing opened yet this run: the key may be what changed (another keyring, a locked
      // one). Then every value is kept, to open again once the keyring is back.
      if (!this.boxOpened) throw new VaultError('secret_unreadable');
      this.dropSecrets(id, unreadable);
    }
    const info = this.opts.catalog(record.provider);
    const missing = info && !opts.partial ? fieldsOf(info).filter((f) => isSecretField(f) && info.fields[f]?.required && !out[f]) : [];
    if (missing.length > 0) {
      throw new VaultError(
        'secret_missing',
        missing.map((f) => ({ path: `credentials.${f}`, message: 'validation.required' })),
      );
    }
    return out;
  }

  /**
   * Opens every sealed value once (at startup). When the box works (something opens), a value
   * that does not is damage: it alone is dropped, and its profile asks for it again. When
   * nothing opens, the box itself changed: everything is kept. Values sealed before secrets
   * carried their destination are sealed again with the one the profile records.
   */
  async checkSecrets(): Promise<void> {
    if (!(await this.opts.box.status()).available) return;
    const unreadable = new Map<string, SecretField[]>();
    let resealed = 0;
    for (const [id, sealed] of Object.entries(this.doc.secrets)) {
      const record = this.profile(id);
      for (const [field, value] of Object.entries(sealed)) {
        const opened = await this.openSecret(value);
        if (!opened) unreadable.set(id, [...(unreadable.get(id) ?? []), field as SecretField]);
        else if (opened.destination === undefined && record) {
          sealed[field] = await this.opts.box.seal(bindSecret(this.boundDestination(record), opened.value));
          resealed += 1;
        }
      }
    }
    if (resealed > 0) this.writeNow();
    if (unreadable.size === 0) return;
    if (!this.boxOpened) {
      for (const sealed of Object.values(this.doc.tokens)) {
        try {
          await this.opts.box.open(sealed);
          this.boxOpened = true;
          break;
        } catch {
          // A token that no longer opens is simply replaced by the next sign-in.
        }
      }
    }
    if (!this.boxOpened) {
      this.opts.logger.error('no stored secret can be opened: the keyring or key changed; keeping them all');
      return;
    }
    for (const [id, fields] of unreadable) this.dropSecrets(id, fields);
  }

  /** A sealed secret opened, with the destination sealed with it (none for older values); undefined when it does not open. */
  private async openSecret(sealed: string): Promise<{ value: string; destination?: string } | undefined> {
    let plain: string;
    try {
      plain = await this.opts.box.open(sealed);
    } catch {
      return undefined;
    }
    this.boxOpened = true;
    if (!plain.startsWith(BOUND_PREFIX)) return { value: plain };
    const rest = plain.slice(BOUND_PREFIX.length);
    const end = rest.indexOf('\u0000');
    return end < 0 ? undefined : { destination: rest.slice(0, end), value: rest.slice(end + 1) };
  }

  /** The destination a profile signs in at now (its environment resolved). */
  destinationOf(record: ProfileRecord): string {
    const info = this.opts.catalog(record.provider) ?? { id: record.provider, environments: [] };
    return secretDestination(info, record.environment);
  }

  /** The destination the profile's stored secrets were saved for. */
  private boundDestination(record: ProfileRecord): string {
    return record.secretsBoundTo ?? this.destinationOf(record);
  }

  /**
   * Drops sealed values that cannot be opened: the profile needs attention and names them, the
   * store is copied aside first (once per run) and the repair notice counts them.
   */
  private dropSecrets(id: string, fields: readonly SecretField[]): void {
    const sealed = this.doc.secrets[id];
    const record = this.profile(id);
    if (!sealed || !record) return;
    const gone = fields.filter((f) => sealed[f] !== undefined);
    if (gone.length === 0) return;
    this.noteRepair({ droppedSecrets: gone.length });
    for (const f of gone) delete sealed[f];
    const before = record.attention?.code === 'secret_dropped' ? (record.attention.fields ?? []) : [];
    record.attention = {
      errorClass: 'credentials',
      code: 'secret_dropped',
      fields: SECRET_FIELDS.filter((f) => before.includes(f) || gone.includes(f)),
      at: this.opts.clock.now(),
    };
    this.opts.logger.error('a stored secret could not be opened and was dropped; a copy of the store was kept', {
      profile: id,
      fields: gone.join(','),
    });
    this.writeNow();
  }

  /** Counts what a repair dropped; the first repair of a run copies the store file aside. */
  private noteRepair(counts: Partial<DroppedCounts>): void {
    let problem = this.problems.find((p): p is Extract<VaultProblem, { kind: 'store-repaired' }> => p.kind === 'store-repaired');
    if (!problem) {
      const copiedTo = asideName(this.opts.store.path, this.opts.clock, 'damaged');
      if (existsSync(this.opts.store.path)) copyFileSync(this.opts.store.path, copiedTo);
      problem = { kind: 'store-repaired', copiedTo, droppedProfiles: 0, droppedSecrets: 0, droppedKeys: 0, droppedOther: 0 };
      this.problems.push(problem);
    }
    problem.droppedProfiles += counts.droppedProfiles ?? 0;
    problem.droppedSecrets += counts.droppedSecrets ?? 0;
    problem.droppedKeys += counts.droppedKeys ?? 0;
    problem.droppedOther += counts.droppedOther ?? 0;
  }

  setAttention(id: string, failure: TimedFailure | null): void {
    const record = this.profile(id);
    if (!record) return;
    record.attention = failure;
    this.writeNow();
  }

  /**
   * The profile's token file and what Tessera knows it wrote there. Written at once by
   * default: token-files.ts records a write before it makes it, so a crash never disowns a file.
   */
  setTokenFile(id: string, sink: TokenFileRecord | null, opts: { lazily?: boolean } = {}): ProfileRecord {
    const record = this.requireProfile(id);
    record.fileSink = sink;
    if (opts.lazily) this.writeSoon();
    else this.writeNow();
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
    const sealing = this.opts.box.seal(JSON.stringify(grant));
    this.sealing.add(sealing);
    let sealed: string;
    try {
      sealed = await sealing;
    } finally {
      this.sealing.delete(sealing);
    }
    // The profile may have been removed while sealing.
    if (!this.profile(id)) return;
    this.doc.tokens[id] = sealed;
    this.writeSoon();
  }

  /** Waits for tokens still being sealed, then writes everything pending (a short-lived process's last step). */
  async settle(): Promise<void> {
    while (this.sealing.size > 0) await Promise.allSettled([...this.sealing]);
    this.flush();
  }

  /** The stored token, or undefined when there is none or it can no longer be opened. */
  async loadToken(id: string): Promise<TokenGrant | undefined> {
    const sealed = this.doc.tokens[id];
    if (!sealed) return undefined;
    try {
      const grant = JSON.parse(await this.opts.box.open(sealed)) as TokenGrant;
      // A token saved before tokens were checked gets the same check as a new one.
      return isWellFormedToken(grant.accessToken) && typeof grant.expiresAt === 'number' ? grant : undefined;
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

  // ---- the installer lock (lock/installer-lock.ts decides; the vault only keeps it) -------

  installerLock(): InstallerLockRecord | null {
    return this.doc.installerLock;
  }

  /** Written at once: a wrong PIN's backoff must survive Tessera being stopped right after. */
  setInstallerLock(record: InstallerLockRecord | null): void {
    this.doc.installerLock = record;
    this.writeNow();
  }

  /**
   * "Forgot the PIN?": every secret and token goes, each profile waits with `attention` until its
   * secrets are typed again, and the PIN goes with them, in one write, so no crash can leave
   * the PIN gone and the secrets still there.
   */
  forgetSecretsAndPin(attention: TimedFailure): void {
    this.doc.secrets = {};
    this.doc.tokens = {};
    for (const profile of this.doc.profiles) profile.attention = attention;
    this.doc.installerLock = null;
    this.writeNow();
  }

  /** Writes anything still pending (or still failing); call before the process exits. */
  flush(): void {
    this.writes.flush();
  }

  /** Whether changes reach the disk. A failed write keeps everything in memory and is retried. */
  get writeStatus(): StoreWriteStatus {
    return this.writes.status;
  }

  /** Called each time writing starts failing, fails again (a new retry time) or works again. */
  onWriteStatus(listener: (status: StoreWriteStatus) => void): () => void {
    return this.writes.onStatus(listener);
  }

  /** Stops retrying a failed write (the core is closing; flush() has had its last try). */
  stopWriting(): void {
    this.writes.stop();
  }

  // ---- internals ------------------------------------------------------------------------

  private requireProfile(id: string): ProfileRecord {
    const record = this.profile(id);
    if (!record) throw new VaultError('not_found');
    return record;
  }

  private async sealSecrets(credentials: CredentialValues, destination: string): Promise<Record<string, string>> {
    const entries = SECRET_FIELDS.filter((f) => credentials[f]).map((f) => [f, credentials[f]!] as const);
    if (entries.length === 0) return {};
    const status = await this.opts.box.status();
    if (!status.available) throw new VaultError('encryption_unavailable');
    const sealed: Record<string, string> = {};
    for (const [field, value] of entries) sealed[field] = await this.opts.box.seal(bindSecret(destination, value));
    return sealed;
  }

  // Which pace each change is written at: write-schedule.ts.
  private writeNow(): void {
    this.writes.now();
  }

  private writeSoon(): void {
    this.writes.soon();
  }

  private writeLazily(): void {
    this.writes.lazily();
  }
}

// A secret is sealed together with its destination. Secrets cannot hold control characters
// (the schema refuses them), so a leading NUL tells this form from a value sealed before it.
const BOUND_PREFIX = '\u0000to\u0000';

function bindSecret(destination: string, value: string): string {
  return `${BOUND_PREFIX}${destination}\u0000${value}`;
}

function readProvider(input: unknown): string | undefined {
  if (!input || typeof input !== 'object') return undefined;
  const p = (input as { provider?: unknown }).provider;
  return typeof p === 'string' ? p : undefined;
}

function plainFields(credentials: CredentialValues): Record<string, string> {
  return Object.fromEntries(Object.entries(credentials).filter(([f, v]) => v && !isSecretField(f as SecretField)));
}

function asideName(path: string, clock: Clock, suffix: string): string {
  const stamp = new Date(clock.now()).toISOString().replace(/[:.]/g, '-');
  return `${path}.${suffix}-${stamp}`;
}

/** Reads the document; an unreadable file is moved aside, damaged entries dropped one by one (with a copy). */
function loadDocument(opts: VaultOptions, problems: VaultProblem[]): VaultDocument {
  const moveAside = (why: string): VaultDocument => {
    const movedTo = asideName(opts.store.path, opts.clock, 'unreadable');
    renameSync(opts.store.path, movedTo);
    problems.push({ kind: 'store-unreadable', movedTo });
    opts.logger.error('store file was unreadable and has been moved aside', { movedTo, why });
    return emptyDocument();
  };
  let raw: unknown;
  try {
    raw = opts.store.read();
  } catch {
    return moveAside('not JSON');
  }
  // The store libraries read `null`, `[]` or a bare number as an empty store: look at the file
  // itself, so such a file is set aside like any other damage rather than silently replaced.
  if (!isPlainObject(raw) || !fileHoldsAnObject(opts.store.path)) return moveAside('not an object');
  if (Object.keys(raw).length === 0) return emptyDocument();

  const unknownFields = Object.keys(raw).filter((k) => !Object.hasOwn(documentSchema.shape, k));
  const whole = documentSchema.safeParse(raw);
  if (whole.success && unknownFields.length === 0 && isSound(whole.data, opts)) return bindLegacySecrets(whole.data, opts);

  // Salvage entry by entry, keep a copy of the original for the user or support.
  const source = raw;
  const doc = emptyDocument();
  const counts: DroppedCounts = { droppedProfiles: 0, droppedSecrets: 0, droppedKeys: 0, droppedOther: unknownFields.length };
  if (source.version !== DOCUMENT_VERSION) counts.droppedOther += 1;

  for (const candidate of arrayOrCount(source.profiles, counts)) {
    const parsed = profileRecordSchema.safeParse(candidate);
    if (parsed.success && opts.catalog(parsed.data.provider) && !doc.profiles.some((p) => p.id === parsed.data.id)) {
      doc.profiles.push(parsed.data);
    } else counts.droppedProfiles += 1;
  }

  const secrets = objectOrCount(source.secrets, counts);
  const tokens = objectOrCount(source.tokens, counts);
  const history = objectOrCount(source.history, counts);
  const now = opts.clock.now();
  for (const p of doc.profiles) {
    const info = opts.catalog(p.provider)!;
    const kept: Record<string, string> = {};
    const lost: SecretField[] = [];
    const entry = secrets[p.id];
    if (isPlainObject(entry)) {
      for (const [field, value] of Object.entries(entry)) {
        if (usesSecret(info, field) && sealedValueSchema.safeParse(value).success) kept[field] = value as string;
        else {
          counts.droppedSecrets += 1;
          if (usesSecret(info, field)) lost.push(field);
        }
      }
    } else if (entry !== undefined) {
      counts.droppedOther += 1;
    }
    if (Object.keys(kept).length > 0) doc.secrets[p.id] = kept;
    if (lost.length > 0)
      p.attention = { errorClass: 'credentials', code: 'secret_dropped', fields: SECRET_FIELDS.filter((f) => lost.includes(f)), at: now };
    const token = tokens[p.id];
    if (sealedValueSchema.safeParse(token).success) doc.tokens[p.id] = token as string;
    else if (token !== undefined) counts.droppedOther += 1;
    const events = history[p.id];
    if (Array.isArray(events)) {
      doc.history[p.id] = events.flatMap((e) => {
        const event = historyEventSchema.safeParse(e);
        if (!event.success) counts.droppedOther += 1;
        return event.success ? [event.data] : [];
      });
    } else if (events !== undefined) counts.droppedOther += 1;
  }

  const ids = new Set(doc.profiles.map((p) => p.id));
  for (const id of Object.keys(secrets)) {
    if (!ids.has(id)) counts.droppedSecrets += isPlainObject(secrets[id]) ? Object.keys(secrets[id]).length : 1;
  }
  for (const part of [tokens, history]) counts.droppedOther += Object.keys(part).filter((id) => !ids.has(id)).length;

  if (source.settings !== undefined) {
    const settings = objectOrCount(source.settings, counts);
    const patch: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(settings)) {
      const field = (settingsSchema.shape as Record<string, z.ZodType | undefined>)[key];
      if (field?.safeParse(value).success) patch[key] = value;
      else counts.droppedOther += 1;
    }
    doc.settings = settingsSchema.parse(patch);
  }

  for (const candidate of arrayOrCount(source.accessKeys, counts)) {
    const parsed = accessKeyRecordSchema.safeParse(candidate);
    if (parsed.success && !doc.accessKeys.some((k) => k.id === parsed.data.id)) doc.accessKeys.push(parsed.data);
    else counts.droppedKeys += 1;
  }
  doc.installerLock = salvageInstallerLock(source.installerLock);

  const copiedTo = asideName(opts.store.path, opts.clock, 'damaged');
  copyFileSync(opts.store.path, copiedTo);
  problems.push({ kind: 'store-repaired', copiedTo, ...counts });
  opts.logger.error('store file had damaged entries; a copy was kept', { copiedTo, ...counts });
  return bindLegacySecrets(doc, opts);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** Whether the store file, if there is one, holds a JSON object (not null, an array or a scalar). */
function fileHoldsAnObject(path: string): boolean {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT';
  }
  try {
    return isPlainObject(JSON.parse(text));
  } catch {
    return false;
  }
}

/**
 * A whole document that parsed may still hold what the catalog rejects, a secret for a field
 * its provider does not use, or entries of no profile.
 */
function isSound(doc: VaultDocument, opts: VaultOptions): boolean {
  const ids = new Set(doc.profiles.map((p) => p.id));
  const orphans = [doc.secrets, doc.tokens, doc.history].some((part) => Object.keys(part).some((id) => !ids.has(id)));
  return (
    !orphans &&
    doc.profiles.every((p) => {
      const info = opts.catalog(p.provider);
      return !!info && Object.keys(doc.secrets[p.id] ?? {}).every((f) => usesSecret(info, f));
    })
  );
}

function usesSecret(info: ProviderInfo, field: string): field is SecretField {
  return isSecretField(field as SecretField) && info.fields[field as SecretField] !== undefined;
}

function arrayOrCount(value: unknown, counts: DroppedCounts): unknown[] {
  if (Array.isArray(value)) return value;
  // Not a list: how many entries it held cannot be told; one part of the document was lost.
  if (value !== undefined) counts.droppedOther += 1;
  return [];
}

function objectOrCount(value: unknown, counts: DroppedCounts): Record<string, unknown> {
  if (isPlainObject(value)) return value;
  if (value !== undefined) counts.droppedOther += 1;
  return {};
}

/**
 * What every loaded document gets. Stores written before secrets were bound to a destination:
 * the secrets stored then were saved for the profile's environment as it is (every edit kept
 * them together). And a profile lacking a secret it needs (dropped as damaged, now or in an
 * earlier run) must not try to sign in: it asks for the secret, naming it.
 */
function bindLegacySecrets(doc: VaultDocument, opts: VaultOptions): VaultDocument {
  for (const p of doc.profiles) {
    const info = opts.catalog(p.provider)!;
    if (p.secretsBoundTo === undefined) p.secretsBoundTo = secretDestination(info, p.environment);
    const sealed = doc.secrets[p.id] ?? {};
    const missing = fieldsOf(info).filter(
      (f): f is SecretField => isSecretField(f) && !!info.fields[f]?.required && sealed[f] === undefined,
    );
    const named = p.attention?.code === 'secret_dropped' ? (p.attention.fields ?? []) : [];
    if (missing.some((f) => !named.includes(f))) {
      const fields = SECRET_FIELDS.filter((f) => named.includes(f) || missing.includes(f));
      p.attention = { errorClass: 'credentials', code: 'secret_dropped', fields, at: p.attention?.at ?? opts.clock.now() };
    }
  }
  return doc;
}
