// The full access and refresh tokens a host holds right now, read from its data folder the way
// the host itself reads them (the development box's key file sits beside the store). Tests
// use them to prove no frame the page receives carries a whole token.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDevSecretBox } from '../../../electron/core/vault/dev-box';

interface StoredGrant {
  accessToken?: unknown;
  refreshToken?: unknown;
}

export async function heldTokens(dataDir: string): Promise<string[]> {
  const file = join(dataDir, 'tessera.json');
  if (!existsSync(file)) return [];
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { tokens?: Record<string, string> };
  const box = createDevSecretBox(dataDir);
  const out: string[] = [];
  for (const sealed of Object.values(doc.tokens ?? {})) {
    const grant = JSON.parse(await box.open(sealed)) as StoredGrant;
    for (const value of [grant.accessToken, grant.refreshToken]) if (typeof value === 'string' && value) out.push(value);
  }
  return out;
}

/** Pieces of a token that identify it on their own: the whole, and each long JWT segment but the header. */
export function tokenFingerprints(token: string): string[] {
  const parts = token.split('.');
  const segments = parts.length === 3 ? parts.slice(1).filter((p) => p.length >= 16) : [];
  return [token, ...segments];
}
