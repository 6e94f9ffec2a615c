// What the contract's profile methods do beyond the vault: keep the engine, the token files
// and the page's list in step with each change, and build the page's view of a profile.
import type { ImportOutcome, LockView, ProfileView } from '#common/contract';
import type { HistoryEvent } from '#common/token-view';

import type { BundleTransfers } from '../bundle/transfers';
import type { Clock } from '../clock';
import type { InstallerLock } from '../lock/installer-lock';
import type { TokenFileHost, TokenFileProblem, TokenFiles } from '../service/token-files';
import type { TokenEngine } from '../tokens/engine';
import type { ProfileRecord } from '../vault/schema';
import { type Vault, VaultError } from '../vault/vault';
import type { ParsedInput } from './parsed-input';

export class ProfileActions {
  constructor(
    private readonly o: {
      vault: Vault;
      engine: TokenEngine;
      tokenFiles: TokenFiles;
      bundles: BundleTransfers;
      lock: InstallerLock;
      clock: Clock;
      host: 'electron' | 'browser';
      choosePath: TokenFileHost['choosePath'];
      /** The profile list changed: the page reloads it. */
      changed: () => void;
    },
  ) {}

  list(): ProfileView[] {
    return this.o.vault.profiles().map((p) => this.view(p));
  }

  async create(draft: ParsedInput<'createProfile'>): Promise<ProfileView> {
    const record = await this.o.vault.create(draft);
    this.o.engine.track(record.id);
    this.o.changed();
    return this.view(record);
  }

  async update({ id, profile, clearSecrets }: ParsedInput<'updateProfile'>): Promise<ProfileView> {
    const { record, signInChanged } = await this.o.vault.update(id, profile, clearSecrets);
    this.o.engine.profileUpdated(id, signInChanged);
    this.o.changed();
    return this.view(record);
  }

  remove(id: string): null {
    this.require(id);
    this.o.tokenFiles.drop(id);
    this.o.engine.untrack(id);
    this.o.vault.remove(id);
    this.o.changed();
    return null;
  }

  history(id: string): HistoryEvent[] {
    this.require(id);
    return [...this.o.engine.history(id)];
  }

  /** A token file typed in the page: the browser host only (the app has main's save dialog). */
  setTokenFile(id: string, path: string | null | undefined): ProfileView {
    this.require(id);
    const trimmed = path?.trim() || null;
    // In the app the path comes from main's save dialog (chooseTokenFile), never from the page.
    if (trimmed !== null && this.o.host === 'electron') throw new VaultError('forbidden');
    this.o.tokenFiles.set(id, trimmed);
    this.o.changed();
    return this.view(this.o.vault.profile(id)!);
  }

  async chooseTokenFile(id: string): Promise<ProfileView | null> {
    const record = this.require(id);
    const choose = this.o.choosePath;
    if (!choose) throw new VaultError('forbidden');
    const path = await choose({ profileName: record.name });
    if (path === null) return null;
    // The profile may have gone while the dialog was open.
    this.require(id);
    this.o.tokenFiles.set(id, path);
    this.o.changed();
    return this.view(this.o.vault.profile(id)!);
  }

  async importProfiles({ importId, choices }: ParsedInput<'importProfiles'>): Promise<ImportOutcome[]> {
    const { result, outcomes } = await this.o.bundles.import(importId, choices);
    for (const id of result.removed) {
      this.o.tokenFiles.drop(id);
      this.o.engine.untrack(id);
    }
    // Each imported profile signs in at once; the page follows it through token events.
    for (const record of result.created) this.o.engine.track(record.id);
    for (const { record, signInChanged } of result.updated) this.o.engine.profileUpdated(record.id, signInChanged);
    this.o.changed();
    return outcomes;
  }

  /**
   * "Forgot the PIN?": the PIN goes only with every profile's secrets and tokens, so forgetting
   * it can never be a way around it. Each profile then needs its secrets typed again; access
   * keys and settings stay, and POS programs get tokens again once that is done.
   */
  forgetInstallerPin(): LockView {
    const { lock, vault, engine } = this.o;
    if (!lock.pinSet) return lock.view();
    vault.forgetSecretsAndPin({ errorClass: 'credentials', code: 'secrets_cleared', at: this.o.clock.now() });
    // Tokens held in memory go too (and with them any token file).
    for (const profile of vault.profiles()) engine.profileUpdated(profile.id, true);
    lock.forgotten();
    this.o.changed();
    return lock.view();
  }

  view(record: ProfileRecord): ProfileView {
    return {
      id: record.id,
      name: record.name,
      provider: record.provider,
      environment: record.environment,
      fields: record.fields,
      secrets: this.o.vault.secretFlags(record.id),
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      token: this.o.engine.view(record.id),
      fileSink: record.fileSink ? tokenFileView(record.fileSink.path, this.o.tokenFiles.problemOf(record.id)) : null,
    };
  }

  /** The record, or not_found. */
  require(id: string): ProfileRecord {
    const record = this.o.vault.profile(id);
    if (!record) throw new VaultError('not_found');
    return record;
  }
}

function tokenFileView(path: string, problem: TokenFileProblem | undefined): ProfileView['fileSink'] {
  return { path, ...(problem ? { problem } : {}) };
}
