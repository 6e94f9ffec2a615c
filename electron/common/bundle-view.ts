// What crosses the contract about profile bundles: limits, refusals and the import preview. Types
// and constants only, so the renderer can share them (tsconfig.web includes this file).
import type { CredentialField, EnvironmentChoice } from './profile-schema';

/** A bundle's file name ends with this. */
export const BUNDLE_EXTENSION = '.tessera';
/** Larger files are refused before anything is decrypted (about 10,000 profiles with secrets). */
export const MAX_BUNDLE_BYTES = 4 * 1024 * 1024;
/** Profiles in one bundle. */
export const MAX_BUNDLE_PROFILES = 10_000;
/** A bundle's passphrase protects every secret in it offline, so it may not be short. */
export const MIN_PASSPHRASE_LENGTH = 10;
export const MAX_PASSPHRASE_LENGTH = 1024;
/** What differs from till to till and is therefore never exported: each terminal gives its own. */
export const PER_TERMINAL_FIELDS = ['posSerial', 'posOsVersion'] as const satisfies readonly CredentialField[];

/** Why a bundle was refused. Nothing is written in any of these cases. */
export type BundleRefusal =
  /** Not an age file with a passphrase, or an age file that does not hold Tessera profiles. */
  | 'not_bundle'
  /** The passphrase does not open it (age cannot tell this from a changed header). */
  | 'passphrase'
  /** Cut short or changed after it was made. */
  | 'damaged'
  /** Made by a newer Tessera, in a format version this one does not know. */
  | 'newer_version'
  /** Decrypts, but its content is not a valid bundle. */
  | 'invalid'
  /** One of its profiles breaks the rules a profile typed in the wizard must follow. */
  | 'invalid_profile'
  | 'too_large'
  /** Export: the passphrase is shorter than MIN_PASSPHRASE_LENGTH. */
  | 'passphrase_short'
  /** Export: a stored secret can no longer be opened (the keyring changed). */
  | 'secret_unreadable'
  /** The file chosen for import was read too long ago, or another import replaced it. */
  | 'expired'
  /** The file could not be read or written. */
  | 'file';

export interface BundleErrorView {
  reason: BundleRefusal;
  /** newer_version: the bundle's format version. */
  version?: number;
  /** invalid_profile, secret_unreadable: which profile. */
  profile?: string;
  /** invalid_profile: the field and the validation message key. */
  field?: string;
  message?: string;
}

export type ExportResult =
  /** Electron: written where the user chose in the native dialog. */
  | { kind: 'saved'; fileName: string; profiles: number; withSecrets: boolean }
  /** Browser host: the bytes for the page to offer as a download (base64 of the age file). */
  | { kind: 'download'; fileName: string; data: string; profiles: number; withSecrets: boolean }
  | { kind: 'cancelled' };

/** A bundle file read and kept by core until its passphrase arrives. */
export interface BundleFileView {
  fileId: string;
  fileName: string;
  size: number;
}

export interface ImportPreviewProfile {
  /** Its place in the bundle: how choices refer to it. */
  index: number;
  name: string;
  provider: string;
  environment: EnvironmentChoice;
  /** Values this terminal must give: its own POS identity, and secrets a template leaves out. */
  needs: CredentialField[];
  /** Optional secrets a template leaves out, which the importer may type (none for a bundle with secrets). */
  optional: CredentialField[];
  /** A profile here with the same name (case-insensitive). */
  clash: { id: string; name: string; provider: string; sameProvider: boolean } | null;
  /** A free name for "import under a new name". */
  suggestedName: string;
}

export interface ImportPreview {
  importId: string;
  fileName: string;
  /** When and by which Tessera the bundle was made. */
  createdAt: number;
  appVersion: string;
  withSecrets: boolean;
  /** This machine's OS version, to prefill the POS OS version. */
  osVersion: string;
  profiles: ImportPreviewProfile[];
}

export type ClashAction = 'import' | 'skip' | 'replace' | 'rename';

export interface ImportOutcome {
  index: number;
  /** The name it was saved under (or the bundle's, when skipped). */
  name: string;
  outcome: 'created' | 'replaced' | 'skipped';
  id?: string;
}
