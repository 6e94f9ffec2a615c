// The two seams the vault stands on: where bytes are kept (Store) and how secrets are sealed
// (SecretBox). The app backs them with electron-store and safeStorage; Node with conf and an
// AES-256-GCM development box.
import type { SecretBoxStatus } from '#common/vault-status';

/** A JSON document persisted as a whole, atomically. */
export interface Store {
  /** Where the document lives, so a corrupted one can be moved aside. */
  readonly path: string;
  /** The document as last written; `{}` for a new store. Throws when the file cannot be read. */
  read(): unknown;
  /** Replaces the document atomically: a reader sees the old or the new one, never a mix. */
  write(doc: Record<string, unknown>): void;
}

export interface SecretBox {
  status(): Promise<SecretBoxStatus>;
  /** Seals a string into a tagged, printable value (e.g. `v1:...`). */
  seal(plain: string): Promise<string>;
  /** Opens a value this box sealed; throws when it cannot (another key, another box, damage). */
  open(sealed: string): Promise<string>;
}
