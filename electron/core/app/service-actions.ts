// Settings and the token service's access keys, as the contract changes them: each change is
// announced to the page, and the service follows (a new port, its first or last key).
import type { AccessKeyView, AppEvent } from '#common/contract';
import { fieldIssuesOf } from '#common/field-issue';
import { type Settings, settingsPatchSchema } from '#common/settings';

import type { Clock } from '../clock';
import { createAccessKey } from '../service/access-keys';
import type { TokenService } from '../service/token-service';
import type { AccessKeyRecord } from '../vault/schema';
import { type Vault, VaultError } from '../vault/vault';
import type { ParsedInput } from './parsed-input';

export class ServiceActions {
  constructor(
    private readonly o: {
      vault: Vault;
      tokenService: TokenService;
      clock: Clock;
      emit: (event: AppEvent) => void;
      /** Starts, moves or stops the token service as settings and keys now say. */
      syncService: () => Promise<void>;
    },
  ) {}

  async updateSettings(patch: ParsedInput<'updateSettings'>): Promise<Settings> {
    const checked = settingsPatchSchema.safeParse(patch);
    if (!checked.success) throw new VaultError('validation', fieldIssuesOf(checked.error));
    const before = this.o.vault.settings();
    const settings = this.o.vault.updateSettings(patch);
    this.o.emit({ type: 'settings', settings });
    if (settings.servicePort !== before.servicePort) await this.o.syncService();
    return settings;
  }

  listAccessKeys(): AccessKeyView[] {
    return this.o.vault.accessKeys().map(accessKeyView);
  }

  async createAccessKey({ name, profiles }: ParsedInput<'createAccessKey'>): Promise<{ key: string; accessKey: AccessKeyView }> {
    const { key, record } = createAccessKey(this.o.vault, { name, profiles }, this.o.clock.now());
    this.o.emit({ type: 'accessKeys' });
    await this.o.syncService();
    return { key, accessKey: accessKeyView(record) };
  }

  async revokeAccessKey(id: string): Promise<null> {
    this.o.vault.removeAccessKey(id);
    this.o.tokenService.forgetKey(id);
    this.o.emit({ type: 'accessKeys' });
    await this.o.syncService();
    return null;
  }
}

function accessKeyView(record: AccessKeyRecord): AccessKeyView {
  return {
    id: record.id,
    name: record.name,
    hint: record.hint,
    createdAt: record.createdAt,
    lastUsedAt: record.lastUsedAt,
    profiles: record.profiles,
  };
}
