// The wizard's form state and its validation. Validation is profileSchemaFor, the schema the
// vault enforces, so a field is judged here exactly as main will judge it; issues the vault
// returns anyway (a name taken meanwhile) come back with the same paths and keys.
import { fieldIssuesOf } from '#common/field-issue';
import {
  type CredentialField,
  type EnvironmentChoice,
  fieldsOf,
  isSecretField,
  profileNameSchema,
  profileSchemaFor,
  type ProviderInfo,
  type SecretField,
} from '#common/profile-schema';
import { secretDestination } from '#common/secret-destination';

import type { FieldIssueView, ProfileDraft, ProfileView } from '../bridge/types';
import { knownKey, type MessageKey } from '../i18n/keys';

export type EnvironmentKind = 'preset' | 'sandbox' | 'custom';
export type Mode = 'create' | 'update';

export interface WizardDraft {
  name: string;
  /** '' until one is chosen. */
  provider: string;
  envKind: EnvironmentKind;
  presetId: string;
  baseUrl: string;
  credentials: Partial<Record<CredentialField, string>>;
}

/** A place on the form an issue belongs to. */
export type FieldKey = 'name' | 'provider' | 'environment' | 'baseUrl' | CredentialField;

/** A field issue once it is placed on the form (the path is where it sits). */
export type FieldIssue = Omit<FieldIssueView, 'path'>;

export type Issues = Partial<Record<FieldKey, FieldIssue>>;

/** ETA's limit on the POS OS version header. */
const OS_VERSION_MAX = 50;

export function emptyDraft(): WizardDraft {
  return { name: '', provider: '', envKind: 'preset', presetId: '', baseUrl: '', credentials: {} };
}

/** The draft after choosing a provider: its first preset, its default values, the OS version. */
export function draftForProvider(draft: WizardDraft, info: ProviderInfo, osVersion: string): WizardDraft {
  const credentials: Partial<Record<CredentialField, string>> = {};
  for (const field of fieldsOf(info)) {
    const rule = info.fields[field]!;
    if (rule.defaultValue !== undefined) credentials[field] = rule.defaultValue;
  }
  if (info.fields.posOsVersion) credentials.posOsVersion = osVersion.slice(0, OS_VERSION_MAX);
  return {
    ...draft,
    provider: info.id,
    envKind: 'preset',
    presetId: info.environments[0]?.id ?? '',
    baseUrl: '',
    credentials,
  };
}

/** An existing profile as a draft: plain fields as stored, secrets empty (they never come back). */
export function draftFromProfile(profile: ProfileView): WizardDraft {
  const env = profile.environment;
  return {
    name: profile.name,
    provider: profile.provider,
    envKind: env.kind,
    presetId: env.kind === 'preset' ? env.id : '',
    baseUrl: env.kind === 'custom' ? env.baseUrl : '',
    credentials: { ...profile.fields },
  };
}

/** Fills in the sandbox's demo credentials, keeping what the demo does not name (the OS version). */
export function withDemoCredentials(draft: WizardDraft, info: ProviderInfo): WizardDraft {
  return { ...draft, credentials: { ...draft.credentials, ...info.sandboxDemo } };
}

/**
 * What is sent to core: only the provider's fields; when editing, an empty secret is left out,
 * which means "keep the stored one".
 */
export function toProfileDraft(draft: WizardDraft, info: ProviderInfo, mode: Mode): ProfileDraft {
  const credentials: ProfileDraft['credentials'] = {};
  for (const field of fieldsOf(info)) {
    const value = draft.credentials[field] ?? '';
    if (mode === 'update' && isSecretField(field) && value === '') continue;
    credentials[field] = value;
  }
  const environment: ProfileDraft['environment'] =
    draft.envKind === 'custom'
      ? { kind: 'custom', baseUrl: draft.baseUrl }
      : draft.envKind === 'sandbox'
        ? { kind: 'sandbox' }
        : { kind: 'preset', id: draft.presetId };
  return { name: draft.name, provider: info.id, environment, credentials };
}

/** Why a secret must be typed while editing: the address changed, or nothing is stored for it. */
export type SecretNeed = 'retype' | 'missing';
export type SecretNeeds = Partial<Record<SecretField, SecretNeed>>;

function environmentOf(draft: WizardDraft): EnvironmentChoice {
  if (draft.envKind === 'custom') return { kind: 'custom', baseUrl: draft.baseUrl };
  return draft.envKind === 'sandbox' ? { kind: 'sandbox' } : { kind: 'preset', id: draft.presetId };
}

/**
 * The secrets an edit cannot leave blank, mirroring the vault: every stored one once the
 * resolved address differs from the one it was saved for (core would refuse it blank), and a
 * required one with nothing stored (dropped as unreadable).
 */
export function secretNeeds(
  draft: WizardDraft,
  info: ProviderInfo | undefined,
  editing: ProfileView | undefined,
  /** Stored optional secrets the user chose to remove: nothing to type again for them. */
  cleared: ReadonlySet<SecretField> = new Set(),
): SecretNeeds {
  if (!info || !editing || editing.provider !== info.id) return {};
  const moved = secretDestination(info, editing.environment) !== secretDestination(info, environmentOf(draft));
  const needs: SecretNeeds = {};
  for (const field of fieldsOf(info)) {
    if (!isSecretField(field) || cleared.has(field)) continue;
    if (editing.secrets[field] && moved) needs[field] = 'retype';
    else if (!editing.secrets[field] && info.fields[field]?.required) needs[field] = 'missing';
  }
  return needs;
}

/** The form field an issue path points at (`credentials.posSerial` -> `posSerial`). */
export function fieldKeyOfPath(path: string, info?: ProviderInfo): FieldKey | undefined {
  const [head, sub] = path.split('.');
  if (head === 'name' || head === 'provider') return head;
  if (head === 'environment') return sub === 'baseUrl' ? 'baseUrl' : 'environment';
  if (head === 'credentials' && sub && (!info || info.fields[sub as CredentialField])) return sub as CredentialField;
  return undefined;
}

/** Field issues as the vault reports them, keyed by form field (the first issue of each wins). */
export function issuesFromViews(views: readonly FieldIssueView[], info?: ProviderInfo): Issues {
  const out: Issues = {};
  for (const view of views) {
    const key = fieldKeyOfPath(view.path, info);
    if (!key || out[key]) continue;
    out[key] = { message: view.message, ...(view.maximum !== undefined ? { maximum: view.maximum } : {}) };
  }
  return out;
}

/** Validates the draft with the vault's own schema, plus the name clash the vault checks too. */
export function validateDraft(
  draft: WizardDraft,
  info: ProviderInfo | undefined,
  mode: Mode,
  otherNames: readonly string[] = [],
  needs: SecretNeeds = {},
): Issues {
  const result = info ? profileSchemaFor(info, mode).safeParse(toProfileDraft(draft, info, mode)) : profileNameSchema.safeParse(draft.name);
  // Without a provider only the name is checked, and its schema's issues carry no path.
  const views = result.success ? [] : fieldIssuesOf(result.error).map((issue) => (info ? issue : { ...issue, path: 'name' }));
  const issues = issuesFromViews(views, info);
  if (!info) issues.provider = { message: 'validation.provider' };
  for (const [field, need] of Object.entries(needs) as [SecretField, SecretNeed][]) {
    if (!issues[field] && !draft.credentials[field]) {
      issues[field] = { message: need === 'retype' ? 'secretSafety.retypeSecret' : 'validation.required' };
    }
  }
  const wanted = draft.name.trim().toLocaleLowerCase();
  if (!issues.name && wanted && otherNames.some((n) => n.trim().toLocaleLowerCase() === wanted)) {
    issues.name = { message: 'validation.nameTaken' };
  }
  return issues;
}

/** The translation key and values of an issue. */
export function issueText(issue: FieldIssue): { key: MessageKey; values: Record<string, number> } {
  if (issue.message === 'validation.tooLong') {
    return issue.maximum !== undefined
      ? { key: 'validation.tooLong', values: { maximum: issue.maximum } }
      : { key: 'validation.tooLongPlain', values: {} };
  }
  return { key: knownKey(issue.message), values: {} };
}

/** Form fields in the order they appear, for focusing the first invalid one. */
export function fieldOrder(info: ProviderInfo | undefined): FieldKey[] {
  return ['name', 'provider', 'environment', 'baseUrl', ...(info ? fieldsOf(info) : [])];
}
