// Bundles as the app moves them: where the bytes come from and go to, and what core keeps
// between the steps of an import (the file, then the decrypted bundle until "Import"). In the
// Electron app main's native dialogs choose the files and core reads and writes them, so bytes
// never pass through the renderer; the browser host has no dialogs, so the page uploads and
// downloads the (encrypted) bytes over the contract. Secrets stay in core's memory, never logged.
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';

import { type BundleFileView, type ExportResult, type ImportOutcome, type ImportPreview, MAX_BUNDLE_BYTES } from '#common/bundle-view';
import type { ProviderInfo } from '#common/profile-schema';

import type { Clock } from '../clock';
import { writeFileAtomically } from '../files';
import type { Logger } from '../logger';
import { type BatchResult, type Vault, VaultError } from '../vault/vault';
import {
  checkExportPassphrase,
  exportBundle,
  type ImportChoice,
  outcomes,
  planImport,
  previewProfiles,
  readBundle,
  suggestedFileName,
} from './bundle';
import { looksLikeAge } from './crypto';
import { BundleError } from './errors';
import type { BundleDocument } from './format';

/** The host's file dialogs (Electron main); absent in the browser host, where the page moves the bytes. */
export interface BundleFileHost {
  /** Asks where to save a bundle; null when the user cancels. */
  chooseExportFile(suggestedName: string): Promise<string | null>;
  /** Asks which bundle to open; null when the user cancels. */
  chooseImportFile(): Promise<string | null>;
}

export type BundleSource = { kind: 'dialog' } | { kind: 'upload'; fileName: string; data: string };

interface Pending {
  fileName: string;
  bytes?: Uint8Array;
  doc?: BundleDocument;
  at: number;
}

/** A chosen file or a decrypted bundle is forgotten after this long without use. */
const PENDING_TTL_MS = 15 * 60_000;
/** At most this many at once: each may hold a whole bundle's secrets. */
const MAX_PENDING = 3;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export interface BundleTransferOptions {
  vault: Vault;
  files?: BundleFileHost;
  clock: Clock;
  logger: Logger;
  appVersion: string;
  catalog: (id: string) => ProviderInfo | undefined;
  osVersion: () => string;
  /** scrypt's work factor for new bundles (tests lower it). */
  workFactor?: number;
}

export class BundleTransfers {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly o: BundleTransferOptions) {}

  /** Whether files come from native dialogs (true) or from the page (false). */
  get usesDialogs(): boolean {
    return this.o.files !== undefined;
  }

  async export(input: { ids: readonly string[]; withSecrets: boolean; passphrase: string }): Promise<ExportResult> {
    checkExportPassphrase(input.passphrase);
    for (const id of input.ids) if (!this.o.vault.profile(id)) throw new VaultError('not_found');
    const now = this.o.clock.now();
    const fileName = suggestedFileName(now);
    let path: string | null = null;
    if (this.o.files) {
      path = await this.o.files.chooseExportFile(fileName);
      if (path === null) return { kind: 'cancelled' };
    }
    const { bytes, profiles } = await exportBundle(this.o.vault, {
      ...input,
      appVersion: this.o.appVersion,
      now,
      workFactor: this.o.workFactor,
    });
    this.o.logger.info('profiles exported', { profiles, withSecrets: input.withSecrets });
    if (path === null)
      return { kind: 'download', fileName, data: Buffer.from(bytes).toString('base64'), profiles, withSecrets: input.withSecrets };
    writeBundleFile(path, bytes);
    return { kind: 'saved', fileName: basename(path), profiles, withSecrets: input.withSecrets };
  }

  /** Reads a bundle file (nothing is decrypted yet); null when the user cancelled the dialog. */
  async open(source: BundleSource): Promise<BundleFileView | null> {
    let fileName: string;
    let bytes: Uint8Array;
    if (source.kind === 'dialog') {
      if (!this.o.files) throw new BundleError('file');
      const path = await this.o.files.chooseImportFile();
      if (path === null) return null;
      bytes = readBundleFile(path);
      fileName = basename(path);
    } else {
      if (this.o.files) throw new BundleError('file');
      if (source.data.length > Math.ceil(MAX_BUNDLE_BYTES / 3) * 4) throw new BundleError('too_large');
      if (!BASE64.test(source.data)) throw new BundleError('not_bundle');
      bytes = Buffer.from(source.data, 'base64');
      // eslint-disable-next-line no-control-regex -- a file name shown to the user loses control characters
      const control = /[\u0000-\u001f\u007f]/g;
      fileName = basename(source.fileName.replace(/\\/g, '/')).replace(control, '').slice(0, 255) || 'bundle.tessera';
    }
    if (bytes.length > MAX_BUNDLE_BYTES) throw new BundleError('too_large');
    if (!looksLikeAge(bytes)) throw new BundleError('not_bundle');
    const fileId = this.keep({ fileName, bytes, at: this.o.clock.now() });
    return { fileId, fileName, size: bytes.length };
  }

  /** Decrypts the file with the passphrase and says what importing it here would do. */
  async preview(fileId: string, passphrase: string): Promise<ImportPreview> {
    const entry = this.live(fileId);
    if (!entry.doc) {
      if (!entry.bytes) throw new BundleError('expired');
      // A wrong passphrase keeps the file, so the user can try again.
      entry.doc = await readBundle(entry.bytes, passphrase, this.o.catalog);
      entry.bytes = undefined;
      this.o.logger.info('bundle opened', { profiles: entry.doc.profiles.length, withSecrets: entry.doc.withSecrets });
    }
    entry.at = this.o.clock.now();
    const doc = entry.doc;
    return {
      importId: fileId,
      fileName: entry.fileName,
      createdAt: Date.parse(doc.createdAt),
      appVersion: doc.app.version,
      withSecrets: doc.withSecrets,
      osVersion: this.o.osVersion(),
      profiles: previewProfiles(this.o.vault, doc, this.o.catalog),
    };
  }

  /** Saves the chosen profiles in one write; the bundle is forgotten once they are. */
  async import(importId: string, choices: readonly ImportChoice[]): Promise<{ result: BatchResult; outcomes: ImportOutcome[] }> {
    const entry = this.live(importId);
    if (!entry.doc) throw new BundleError('expired');
    const planned = planImport(this.o.vault, entry.doc, choices, this.o.catalog);
    const result = await this.o.vault.applyBatch(planned.batch);
    this.pending.delete(importId);
    return { result, outcomes: outcomes(planned, result) };
  }

  close(id: string): void {
    this.pending.delete(id);
  }

  private keep(entry: Pending): string {
    this.sweep();
    while (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
    const id = randomBytes(12).toString('hex');
    this.pending.set(id, entry);
    return id;
  }

  private live(id: string): Pending {
    this.sweep();
    const entry = this.pending.get(id);
    if (!entry) throw new BundleError('expired');
    return entry;
  }

  private sweep(): void {
    const now = this.o.clock.now();
    for (const [id, entry] of this.pending) if (now - entry.at > PENDING_TTL_MS) this.pending.delete(id);
  }
}

export function readBundleFile(path: string): Uint8Array {
  try {
    if (statSync(path).size > MAX_BUNDLE_BYTES) throw new BundleError('too_large');
    return readFileSync(path);
  } catch (err) {
    if (err instanceof BundleError) throw err;
    throw new BundleError('file');
  }
}

/** Writes through a temporary file in the same folder and a rename: never half a bundle. Owner-only. */
export function writeBundleFile(path: string, bytes: Uint8Array): void {
  try {
    writeFileAtomically(path, bytes);
  } catch {
    throw new BundleError('file');
  }
}
