// Secrets sealed together with their destination (issue 10, finding 1): values sealed before
// the binding existed are sealed again with it at startup, and from then on an edit of the
// clear store file cannot send them anywhere else.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { memoryLogger } from '../../../electron/core/logger';
import { findProvider } from '../../../electron/core/providers';
import { createConfStore } from '../../../electron/core/vault/conf-store';
import { createDevSecretBox } from '../../../electron/core/vault/dev-box';
import { Vault } from '../../../electron/core/vault/vault';
import { fakeClock } from '../../support/fake-clock';
import { removeTempDirs, tempDir } from '../../support/temp-dir';

const SECRET = 'legacy-password-3310';

function open(dir: string) {
  return Vault.open({
    store: createConfStore(dir),
    box: createDevSecretBox(dir),
    catalog: (id) => findProvider(id)?.info,
    clock: fakeClock(),
    logger: memoryLogger(),
  });
}

afterEach(() => removeTempDirs());

describe('secrets carry their destination inside the seal', () => {
  it('a value sealed by an earlier version is sealed again with the profile’s destination, then cannot be moved', async () => {
    const dir = tempDir();
    const first = open(dir);
    const record = await first.create({
      name: 'Till',
      provider: 'invoisys',
      environment: { kind: 'preset', id: 'sandbox' },
      credentials: { username: 'till@shop.test', password: 'x' },
    });
    first.flush();
    // What an earlier version wrote: the bare secret sealed, no destination recorded.
    const box = createDevSecretBox(dir);
    const file = join(dir, 'tessera.json');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as {
      profiles: Record<string, unknown>[];
      secrets: Record<string, Record<string, string>>;
    };
    doc.secrets[record.id]!.password = await box.seal(SECRET);
    delete doc.profiles[0]!.secretsBoundTo;
    writeFileSync(file, JSON.stringify(doc));

    const second = open(dir);
    expect(second.problems).toEqual([]);
    await second.checkSecrets();
    expect(await second.credentials(record.id)).toMatchObject({ password: SECRET });
    const resealed = (JSON.parse(readFileSync(file, 'utf8')) as typeof doc).secrets[record.id]!.password!;
    expect(await box.open(resealed)).toBe(`\u0000to\u0000invoisys https://sandbox-api.invoisys.com.br\u0000${SECRET}`);

    // Someone edits the clear file: another address, and the clear binding to match it.
    const edited = JSON.parse(readFileSync(file, 'utf8')) as typeof doc;
    edited.profiles[0]!.environment = { kind: 'custom', baseUrl: 'https://collector.example' };
    edited.profiles[0]!.secretsBoundTo = 'invoisys https://collector.example';
    writeFileSync(file, JSON.stringify(edited));
    const third = open(dir);
    await expect(third.credentials(record.id)).rejects.toMatchObject({ code: 'secrets_unbound' });
  });
});
