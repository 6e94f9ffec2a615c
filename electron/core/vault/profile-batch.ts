// Many profile changes in one store write (a bundle import): every item is checked first, names
// against the profiles that remain and against each other, and nothing changes unless all
// pass. Each item then goes through the vault's own create and update steps, in two phases:
// prepare (validate, seal: may fail, changes nothing) and commit (in memory), then one write.
import type { FieldIssueView } from '#common/field-issue';
import type { CredentialValues } from '#common/profile-schema';

import type { Logger } from '../logger';
import type { ProfileRecord } from './schema';

/** A profile input that passed validation: the record's parts. */
export interface ValidInput {
  name: string;
  provider: string;
  environment: ProfileRecord['environment'];
  credentials: CredentialValues;
}

/** A new profile, its secrets sealed, not yet in the document. */
export interface PreparedCreate {
  record: ProfileRecord;
  sealed: Record<string, string>;
}

/** An edited profile, not yet in the document. */
export interface PreparedUpdate {
  record: ProfileRecord;
  /** The profile's sealed secrets after the update (kept, typed, minus the cleared ones). */
  secrets: Record<string, string>;
  signInChanged: boolean;
}

/**
 * One change of a batch; `key` prefixes its issues (e.g. `profiles.3`). `anyName`: checked
 * without its name (its name is known to clash and is reported apart).
 */
export type BatchItem = ({ kind: 'create' } | { kind: 'update'; id: string }) & { key: string; input: unknown; anyName?: boolean };

export interface ProfileBatch {
  items: BatchItem[];
  /** Profiles removed in the same write (their names are free for the items). */
  remove: string[];
}

export interface BatchResult {
  created: ProfileRecord[];
  updated: { record: ProfileRecord; signInChanged: boolean }[];
  removed: string[];
}

/** What a batch needs of the vault: its checks, its two-phase steps and one write. */
export interface BatchSteps {
  profiles(): readonly ProfileRecord[];
  /** The record, or a VaultError('not_found'). */
  require(id: string): ProfileRecord;
  /** Validates an input as create/update would, with the names taken given by `takenBy`. */
  validate(input: unknown, kind: 'create' | 'update', self: string, takenBy: (name: string) => string | undefined): ValidInput;
  /** The provider an input names, to refuse a change of provider. */
  providerOf(input: unknown): string | undefined;
  /** Turns a thrown refusal into the item's issues; rethrows anything else. */
  issuesOf(err: unknown): FieldIssueView[];
  /** Throws the vault's validation error with every issue of the batch. */
  refuse(issues: FieldIssueView[]): never;
  prepareCreate(valid: ValidInput): Promise<PreparedCreate>;
  prepareUpdate(existing: ProfileRecord, valid: ValidInput): Promise<PreparedUpdate>;
  commitCreate(prepared: PreparedCreate): void;
  commitUpdate(prepared: PreparedUpdate): void;
  detach(id: string): void;
  write(): void;
  logger: Logger;
}

interface Checked {
  item: BatchItem;
  valid: ValidInput;
  existing?: ProfileRecord;
}

export function checkBatch(steps: BatchSteps, batch: ProfileBatch): { checked: Checked[]; issues: FieldIssueView[] } {
  const removed = new Set(batch.remove);
  for (const id of removed) steps.require(id);
  const taken = new Map<string, string>();
  for (const p of steps.profiles()) if (!removed.has(p.id)) taken.set(p.name.toLocaleLowerCase(), p.id);
  const issues: FieldIssueView[] = [];
  const checked: Checked[] = [];
  batch.items.forEach((item, n) => {
    try {
      const existing = item.kind === 'update' ? steps.require(item.id) : undefined;
      if (existing && steps.providerOf(item.input) !== existing.provider) {
        issues.push({ path: `${item.key}.provider`, message: 'validation.providerFixed' });
        return;
      }
      const self = existing?.id ?? `new:${n}`;
      const valid = steps.validate(item.input, item.kind, self, (name) =>
        item.anyName ? undefined : taken.get(name.trim().toLocaleLowerCase()),
      );
      if (!item.anyName) taken.set(valid.name.toLocaleLowerCase(), self);
      checked.push({ item, valid, existing });
    } catch (err) {
      issues.push(...steps.issuesOf(err).map((i) => ({ ...i, path: i.path ? `${item.key}.${i.path}` : item.key })));
    }
  });
  return { checked, issues };
}

export async function applyBatch(steps: BatchSteps, batch: ProfileBatch): Promise<BatchResult> {
  const { checked, issues } = checkBatch(steps, batch);
  if (issues.length > 0) steps.refuse(issues);
  const removed = new Set(batch.remove);

  // Sealing may fail (no keyring): still nothing has changed.
  const prepared: ({ kind: 'create'; created: PreparedCreate } | { kind: 'update'; updated: PreparedUpdate })[] = [];
  for (const { valid, existing } of checked) {
    prepared.push(
      existing
        ? { kind: 'update', updated: await steps.prepareUpdate(existing, valid) }
        : { kind: 'create', created: await steps.prepareCreate(valid) },
    );
  }
  for (const id of removed) steps.detach(id);
  const result: BatchResult = { created: [], updated: [], removed: [...removed] };
  for (const p of prepared) {
    if (p.kind === 'create') {
      steps.commitCreate(p.created);
      result.created.push(p.created.record);
    } else {
      steps.commitUpdate(p.updated);
      result.updated.push({ record: p.updated.record, signInChanged: p.updated.signInChanged });
    }
  }
  steps.write();
  steps.logger.info('profiles imported', {
    created: result.created.length,
    updated: result.updated.length,
    removed: result.removed.length,
  });
  return result;
}
