// getAppInfo: what the page shows about the app, the machine and the store, secret-free.
import type { AppInfo } from '#common/contract';

import type { SandboxLocator } from '../environments';
import { guessOsVersion } from '../machine';
import { providerCatalog } from '../providers';
import type { SecretBox } from '../vault/types';
import type { Vault } from '../vault/vault';

export async function appInfo(d: {
  vault: Vault;
  box: SecretBox;
  version: string;
  host: AppInfo['host'];
  systemLocale: string;
  sandbox?: SandboxLocator;
}): Promise<AppInfo> {
  return {
    version: d.version,
    host: d.host,
    platform: process.platform,
    osVersion: guessOsVersion(),
    systemLocale: d.systemLocale,
    secretBox: await d.box.status(),
    storeProblems: d.vault.problems.map((p) =>
      p.kind === 'store-unreadable'
        ? { kind: p.kind, keptAt: p.movedTo }
        : {
            kind: p.kind,
            keptAt: p.copiedTo,
            droppedProfiles: p.droppedProfiles,
            droppedSecrets: p.droppedSecrets,
            droppedKeys: p.droppedKeys,
            droppedOther: p.droppedOther,
          },
    ),
    storeWrite: d.vault.writeStatus,
    sandboxRunning: !!d.sandbox,
    sandboxProviders: providerCatalog()
      .map((p) => p.id)
      .filter((id) => d.sandbox?.(id) !== undefined),
  };
}
