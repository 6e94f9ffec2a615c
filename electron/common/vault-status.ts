// What the renderer may know of the vault: whether secrets can be sealed here, and whether
// changes reach the disk.

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
