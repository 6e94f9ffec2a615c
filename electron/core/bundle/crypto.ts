// A bundle's encryption: the age format (age-encryption.org/v1) with a passphrase, i.e. one
// scrypt recipient, so `age -d` opens a bundle too. This module only turns text into an age file
// and back, and tells the ways opening can fail apart; what is inside is format.ts's business.
import { armor, Decrypter, Encrypter, type Identity, type Stanza } from 'age-encryption';

import { MAX_BUNDLE_BYTES } from '#common/bundle-view';

import { BundleError } from './errors';

const AGE_MAGIC = 'age-encryption.org/v1\n';
const ARMOR_BEGIN = '-----BEGIN AGE ENCRYPTED FILE-----';
/** age's recommended scrypt work factor for passphrases (2^18): about a second here, per side. */
export const DEFAULT_WORK_FACTOR = 18;

export async function sealBundle(plain: string, passphrase: string, workFactor = DEFAULT_WORK_FACTOR): Promise<Uint8Array> {
  const encrypter = new Encrypter();
  encrypter.setPassphrase(passphrase);
  encrypter.setScryptWorkFactor(workFactor);
  return encrypter.encrypt(plain);
}

/** Whether these bytes start like an age file (binary or armored); checked before asking for a passphrase. */
export function looksLikeAge(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 64)).toString('latin1').trimStart();
  return head.startsWith(AGE_MAGIC) || head.startsWith(ARMOR_BEGIN);
}

/**
 * Opens a bundle's age file. Refusals: not_bundle (not age, or age for a key rather than a
 * passphrase), passphrase (wrong, or a changed header: age cannot tell them apart), damaged (cut
 * short, or changed after it was made), too_large.
 */
export async function openBundle(bytes: Uint8Array, passphrase: string): Promise<string> {
  if (bytes.length > MAX_BUNDLE_BYTES) throw new BundleError('too_large');
  if (!looksLikeAge(bytes)) throw new BundleError('not_bundle');
  let file = bytes;
  const head = Buffer.from(bytes.subarray(0, 64)).toString('latin1').trimStart();
  if (head.startsWith(ARMOR_BEGIN)) {
    try {
      file = armor.decode(Buffer.from(bytes).toString('latin1'));
    } catch {
      throw new BundleError('damaged');
    }
  }
  // Sees the header's stanzas before the passphrase is tried, to tell "wrong passphrase" from
  // "this age file was made for a key, not a passphrase".
  let passphraseStanza = false;
  const probe: Identity = {
    unwrapFileKey: (stanzas: Stanza[]) => {
      passphraseStanza = stanzas.some((s) => s.args[0] === 'scrypt');
      return null;
    },
  };
  const decrypter = new Decrypter();
  decrypter.addIdentity(probe);
  decrypter.addPassphrase(passphrase);
  try {
    return await decrypter.decrypt(file, 'text');
  } catch (err) {
    const message = err instanceof Error ? err.message : '';
    if (/no identity matched/.test(message)) throw new BundleError(passphraseStanza ? 'passphrase' : 'not_bundle');
    if (/invalid version/.test(message)) throw new BundleError('not_bundle');
    throw new BundleError('damaged');
  }
}
