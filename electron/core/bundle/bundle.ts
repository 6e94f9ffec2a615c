// Making and reading bundles against a vault: which profiles go out (and which of their values),
// what an import would do here (the preview: per profile what is missing and what clashes), and
// turning the importer's choices into one vault batch, so an import is one store write that
// goes through the same validation and sealing as a profile saved in the wizard.
import {
  BUNDLE_EXTENSION,
  type ClashAction,
  type ImportOutcome,
  type ImportPreviewProfile,
  MAX_PASSPHRASE_LENGTH,
  MIN_PASSPHRASE_LENGTH,
  PER_TERMINAL_FIELDS,
} from '#common/bundle-view';
import {
  type CredentialField,
  type CredentialValues,
  fieldsOf,
  isSecretField,
  profileSchemaFor,
  type ProviderInfo,
  SECRET_FIELDS,
} from '#common/profile-schema';

import { type BatchItem, type BatchResult, type Vault, VaultError } from '../vault/vault';
import { openBundle, sealBundle } from './crypto';
import { BundleError } from './errors';
import {
  BUNDLE_KIND,
  BUNDLE_VERSION,
  type BundleDocument,
  type BundleProfile,
  decodeDocument,
  encodeDocument,
  SHARED_PLAIN_FIELDS,
} from './format';

export interface ExportOptions {
  /** Profile ids, in any order; the bundle keeps the vault's order. */
  ids: readonly string[];
  withSecrets: boolean;
  appVersion: string;
  now: number;
}

/** The bundle's document for these profiles. Opens their secrets when asked to carry them. */
export async function buildDocument(vault: Vault, opts: ExportOptions): Promise<BundleDocument> {
  const wanted = new Set(opts.ids);
  for (const id of wanted) if (!vault.profile(id)) throw new VaultError('not_found');
  const records = vault.profiles().filter((p) => wanted.has(p.id));
  const profiles: BundleProfile[] = [];
  for (const record of records) {
    const fields: BundleProfile['fields'] = {};
    for (const f of SHARED_PLAIN_FIELDS) if (record.fields[f]) fields[f] = record.fields[f];
    const profile: BundleProfile = { name: record.name, provider: record.provider, environment: record.environment, fields };
    if (opts.withSecrets) {
      let opened: CredentialValues;
      try {
        opened = await vault.credentials(record.id);
      } catch (err) {
        if (err instanceof VaultError && err.code === 'secret_unreadable')
          throw new BundleError('secret_unreadable', { profile: record.name });
        throw err;
      }
      const secrets: NonNullable<BundleProfile['secrets']> = {};
      for (const f of SECRET_FIELDS) if (opened[f]) secrets[f] = opened[f];
      profile.secrets = secrets;
    }
    profiles.push(profile);
  }
  return {
    kind: BUNDLE_KIND,
    version: BUNDLE_VERSION,
    createdAt: new Date(opts.now).toISOString(),
    app: { name: 'Tessera', version: opts.appVersion },
    withSecrets: opts.withSecrets,
    profiles,
  };
}

export function checkExportPassphrase(passphrase: string): void {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH || passphrase.length > MAX_PASSPHRASE_LENGTH) throw new BundleError('passphrase_short');
}

/** Builds, checks and encrypts a bundle: the bytes of a `.tessera` file. */
export async function exportBundle(
  vault: Vault,
  opts: ExportOptions & { passphrase: string; workFactor?: number },
): Promise<{ bytes: Uint8Array; profiles: number }> {
  checkExportPassphrase(opts.passphrase);
  const doc = await buildDocument(vault, opts);
  if (doc.profiles.length === 0) throw new VaultError('not_found');
  return { bytes: await sealBundle(encodeDocument(doc), opts.passphrase, opts.workFactor), profiles: doc.profiles.length };
}

/** `tessera-profiles-2026-03-01.tessera` */
export function suggestedFileName(now: number): string {
  return `tessera-profiles-${new Date(now).toISOString().slice(0, 10)}${BUNDLE_EXTENSION}`;
}

/** Decrypts and validates a bundle (every profile against its provider's rules). */
export async function readBundle(
  bytes: Uint8Array,
  passphrase: string,
  catalog: (id: string) => ProviderInfo | undefined,
): Promise<BundleDocument> {
  const doc = decodeDocument(await openBundle(bytes, passphrase));
  doc.profiles.forEach((p) => checkProfile(p, catalog));
  return doc;
}

/** Fields this profile needs from the importer: its terminal's identity, and secrets a template lacks. */
export function needsOf(profile: BundleProfile, info: ProviderInfo): CredentialField[] {
  return fieldsOf(info).filter((f) => {
    if ((PER_TERMINAL_FIELDS as readonly string[]).includes(f)) return true;
    return isSecretField(f) && info.fields[f]?.required === true && !profile.secrets?.[f];
  });
}

/**
 * Optional secrets a template leaves out (eReceipt's pre-shared key): the importer may type them,
 * since a till whose provider asks for one cannot sign in without it. A bundle with secrets
 * already says whether the profile had one.
 */
export function optionalSecretsOf(profile: BundleProfile, info: ProviderInfo): CredentialField[] {
  if (profile.secrets) return [];
  return fieldsOf(info).filter((f) => isSecretField(f) && info.fields[f]?.required !== true);
}

function draftOf(profile: BundleProfile, name: string, values: CredentialValues) {
  return {
    name,
    provider: profile.provider,
    environment: profile.environment,
    credentials: { ...profile.fields, ...profile.secrets, ...values },
  };
}

/**
 * A profile the wizard would refuse is refused here too: unknown provider or environment, a
 * bad name, a value out of its field's rules. Only what the importer still has to give may be
 * missing.
 */
function checkProfile(profile: BundleProfile, catalog: (id: string) => ProviderInfo | undefined): void {
  const info = catalog(profile.provider);
  if (!info) throw new BundleError('invalid_profile', { profile: profile.name, field: 'provider', message: 'validation.provider' });
  const needs = new Set<string>(needsOf(profile, info));
  const result = profileSchemaFor(info, 'create').safeParse(draftOf(profile, profile.name, {}));
  if (result.success) return;
  for (const issue of result.error.issues) {
    const [group, field] = issue.path.map(String);
    if (group === 'credentials' && field && needs.has(field) && issue.message === 'validation.required') continue;
    throw new BundleError('invalid_profile', {
      profile: profile.name.slice(0, 200),
      field: issue.path.join('.'),
      message: issue.message.startsWith('validation.') ? issue.message : 'validation.invalid',
    });
  }
}

/** What importing each profile here means: what it needs, and which profile it clashes with. */
export function previewProfiles(
  vault: Vault,
  doc: BundleDocument,
  catalog: (id: string) => ProviderInfo | undefined,
): ImportPreviewProfile[] {
  const here = new Map(vault.profiles().map((p) => [p.name.toLocaleLowerCase(), p]));
  const taken = new Set(here.keys());
  for (const p of doc.profiles) taken.add(p.name.trim().toLocaleLowerCase());
  return doc.profiles.map((profile, index) => {
    const info = catalog(profile.provider)!;
    const existing = here.get(profile.name.trim().toLocaleLowerCase());
    const suggestedName = freeName(profile.name.trim(), taken);
    taken.add(suggestedName.toLocaleLowerCase());
    return {
      index,
      name: profile.name.trim(),
      provider: profile.provider,
      environment: profile.environment,
      needs: needsOf(profile, info),
      optional: optionalSecretsOf(profile, info),
      clash: existing
        ? { id: existing.id, name: existing.name, provider: existing.provider, sameProvider: existing.provider === profile.provider }
        : null,
      suggestedName,
    };
  });
}

/** `Till 1 (2)`, `Till 1 (3)`…: the first that is free, within the 60-character limit. */
export function freeName(name: string, taken: ReadonlySet<string>): string {
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = `${name.slice(0, 60 - suffix.length).trimEnd()}${suffix}`;
    if (!taken.has(candidate.toLocaleLowerCase())) return candidate;
  }
}

export interface ImportChoice {
  index: number;
  /** `import` when nothing clashes; skip, replace or rename when something does. */
  action: ClashAction;
  /** For rename: the new name (default: the preview's suggestion). */
  name?: string;
  /** What the importer gives: per-terminal values and a template's secrets. */
  values: CredentialValues;
}

export interface PlannedImport {
  batch: { items: BatchItem[]; remove: string[] };
  /** Per bundle profile, in order: what happens to it (ids filled in by `outcomes`). */
  plan: { index: number; name: string; action: 'create' | 'replace' | 'skip'; replaces?: string }[];
}

/**
 * The vault batch for these choices. Every bundle profile needs a choice; a clash needs skip,
 * replace or rename. Issues name the profile by its index: `profiles.<i>.<path>`.
 */
export function planImport(
  vault: Vault,
  doc: BundleDocument,
  choices: readonly ImportChoice[],
  catalog: (id: string) => ProviderInfo | undefined,
): PlannedImport {
  const byIndex = new Map(choices.map((c) => [c.index, c]));
  const preview = previewProfiles(vault, doc, catalog);
  const items: BatchItem[] = [];
  const remove: string[] = [];
  const plan: PlannedImport['plan'] = [];
  const issues: { path: string; message: string }[] = [];
  const undecided: BatchItem[] = [];
  for (const p of preview) {
    const key = `profiles.${p.index}`;
    const choice = byIndex.get(p.index);
    const profile = doc.profiles[p.index]!;
    if (!choice) {
      issues.push({ path: `${key}.action`, message: 'bundles.validation.choose' });
      continue;
    }
    if (choice.action === 'skip') {
      plan.push({ index: p.index, name: p.name, action: 'skip' });
      continue;
    }
    // Only what the importer is asked for is taken from it; the bundle's own values stay.
    const values: CredentialValues = {};
    for (const f of [...p.needs, ...p.optional]) {
      const v = choice.values[f];
      if (v !== undefined && v !== '') values[f] = v;
    }
    const name = choice.action === 'rename' ? (choice.name ?? p.suggestedName) : p.name;
    const input = draftOf(profile, name, values);
    if (p.clash && choice.action === 'import') {
      issues.push({ path: `${key}.action`, message: 'bundles.validation.clash' });
      // Its other values are still checked, so every problem is reported at once.
      undecided.push({ key, kind: 'create', input, anyName: true });
      continue;
    }
    if (choice.action === 'replace' && p.clash) {
      if (p.clash.sameProvider) {
        // Replaced in place: its id, token file and access keys stay; a template's secrets left
        // empty keep the stored ones, as when editing.
        items.push({ key, kind: 'update', id: p.clash.id, input });
      } else {
        remove.push(p.clash.id);
        items.push({ key, kind: 'create', input });
      }
      plan.push({ index: p.index, name, action: 'replace', replaces: p.clash.id });
    } else {
      items.push({ key, kind: 'create', input });
      plan.push({ index: p.index, name, action: 'create' });
    }
  }
  if (issues.length > 0) {
    // Refused anyway: report the values that would be refused next in the same answer.
    throw new VaultError('validation', [...issues, ...vault.checkBatch({ items: [...items, ...undecided], remove })]);
  }
  return { batch: { items, remove }, plan };
}

/** Pairs the plan with what the vault did: the id each profile got. */
export function outcomes(planned: PlannedImport, result: BatchResult): ImportOutcome[] {
  const saved = new Map([...result.created, ...result.updated.map((u) => u.record)].map((r) => [r.name.toLocaleLowerCase(), r.id]));
  const idOf = (name: string) => saved.get(name.trim().toLocaleLowerCase());
  return planned.plan.map((p) => {
    if (p.action === 'skip') return { index: p.index, name: p.name, outcome: 'skipped' as const };
    const id = idOf(p.name);
    return {
      index: p.index,
      name: p.name.trim(),
      outcome: p.action === 'replace' ? ('replaced' as const) : ('created' as const),
      ...(id ? { id } : {}),
    };
  });
}

/** Imports every profile of a bundle: the whole job for callers that already chose (CLI, bench). */
export async function importDocument(
  vault: Vault,
  doc: BundleDocument,
  choices: readonly ImportChoice[],
  catalog: (id: string) => ProviderInfo | undefined,
) {
  const planned = planImport(vault, doc, choices, catalog);
  const result = await vault.applyBatch(planned.batch);
  return { result, outcomes: outcomes(planned, result) };
}
