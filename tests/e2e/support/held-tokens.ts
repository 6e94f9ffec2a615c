// The full access and refresh tokens a host holds right now, read from its data folder the way
// the host itself reads them (the development box's key file sits beside the store). Tests
// use them to prove no frame the page receives carries a whole token; each one read is also
// registered with the running test's leak sweep.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { createDevSecretBox } from '../../../electron/core/vault/dev-box';
import { currentLeaks } from './leaks';

interface StoredGrant {
  accessToken?: unknown;
  refreshToken?: unknown;
}

export interface HeldGrants {
  accessTokens: string[];
  refreshTokens: string[];
}

/** The tokens sealed in the store, by kind (registered for the leak sweep). */
export async function heldGrants(dataDir: string): Promise<HeldGrants> {
  const out: HeldGrants = { accessTokens: [], refreshTokens: [] };
  const file = join(dataDir, 'tessera.json');
  if (!existsSync(file)) return out;
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { tokens?: Record<string, string> };
  const box = createDevSecretBox(dataDir);
  for (const sealed of Object.values(doc.tokens ?? {})) {
    const grant = JSON.parse(await box.open(sealed)) as StoredGrant;
    if (typeof grant.accessToken === 'string' && grant.accessToken) out.accessTokens.push(grant.accessToken);
    if (typeof grant.refreshToken === 'string' && grant.refreshToken) out.refreshTokens.push(grant.refreshToken);
  }
  const leaks = currentLeaks();
  for (const token of out.accessTokens) leaks?.secret('access-token', token, 'read from the sealed store');
  for (const token of out.refreshTokens) leaks?.secret('refresh-token', token, 'read from the sealed store');
  return out;
}

export async function heldTokens(dataDir: string): Promise<string[]> {
  const { accessTokens, refreshTokens } = await heldGrants(dataDir);
  return [...accessTokens, ...refreshTokens];
}

/** Pieces of a token that identify it on their own: the whole, and each long JWT segment but the header. */
export function tokenFingerprints(token: string): string[] {
  const parts = token.split('.');
  const segments = parts.length === 3 ? parts.slice(1).filter((p) => p.length >= 16) : [];
  return [token, ...segments];
}
