// The two seams the vault stands on: where bytes are kept (Store) and how secrets are sealed
// (SecretBox). The app backs them with electron-store and safeStorage; Node with conf and an
// AES-256-GCM development box.

/** A JSON document persisted as a whole, atomically. */
export interface Store {
  /** Where the document lives, so a corrupted one can be moved aside. */
  readonly path: string;
  /** The document as last written; `{}` for a new store. Throws when the file cannot be read. */
  read(): unknown;
  /** Replaces the document atomically: a reader sees the old or the new one, never a mix. */
  write(doc: Record<string, unknown>): void;
}

export interface SecretBoxStatus {
  /** False means secrets cannot be sealed here; Tessera then refuses to store them. */
  available: boolean;
  /** e.g. `keychain`, `dpapi`, `gnome_libsecret`, `basic_text`, `aes-256-gcm-keyfile`. */
  backend: string;
  /**
   * `weak-keyring`: Linux without a keyring (basic_text): secrets are obfuscated, not protected.
   * `development-only`: the Node box used by the browser host and tests.
   */
  warning?: 'weak-keyring' | 'development-only';
}

export interface SecretBox {
  status(): Promise<SecretBoxStatus>;
  /** Seals a string into a tagged, printable value (e.g. `v1:...`). */
  seal(plain: string): Promise<string>;
  /** Opens a value this box sealed; throws when it cannot (another key, another box, damage). */
  open(sealed: string): Promise<string>;
}

export type StoreWriteReason = 'no_space' | 'no_permission' | 'too_many_files' | 'failed';

/** Whether changes reach the disk; while they do not, why, since when and when the next try is. */
export type StoreWriteStatus =
  | { ok: true }
  | {
      ok: false;
      reason: StoreWriteReason;
      /** When writing first failed (epoch ms). */
      since: number;
      /** When the next attempt is due (epoch ms). */
      retryAt: number;
    };
