// The logic behind Settings › "Export profiles…" and "Import profiles…", without React: what a
// form lacks before it is sent, the choices an import sends, where core's issues belong, how a
// refusal reads, and moving a bundle's bytes in and out of the page (browser host only; in the app
// main's native dialogs do that and the page never holds the file).
import { type AppErrorView, type FieldIssueView, MIN_PASSPHRASE_LENGTH, PER_TERMINAL_FIELDS } from '#common/contract';
import type { CredentialField, EnvironmentChoice, ProviderInfo } from '#common/profile-schema';

import type { ClashAction, ImportPreview } from '../bridge/types';
import { isKeyOf, type MessageKey } from '../i18n/keys';
import { en } from '../i18n/locales/en';
import { localized } from '../i18n/localized';
import type { Translate } from './explain';

export { MIN_PASSPHRASE_LENGTH };

export interface ExportForm {
  chosen: ReadonlySet<string>;
  passphrase: string;
  repeat: string;
}

export type ExportProblems = Partial<Record<'profiles' | 'passphrase' | 'repeat', MessageKey>>;

/** Message keys for what the export form lacks; empty when it can be sent. */
export function exportProblems(form: ExportForm): ExportProblems {
  const problems: ExportProblems = {};
  if (form.chosen.size === 0) problems.profiles = 'bundles.export.chooseProfile';
  if (form.passphrase.length < MIN_PASSPHRASE_LENGTH) problems.passphrase = 'bundles.export.short';
  else if (form.repeat !== form.passphrase) problems.repeat = 'bundles.export.mismatch';
  return problems;
}

export function isPerTerminal(field: CredentialField): boolean {
  return (PER_TERMINAL_FIELDS as readonly string[]).includes(field);
}

/** What the importer decided for one profile of the bundle. */
export interface RowForm {
  /** Only for a profile whose name exists here. */
  action?: Exclude<ClashAction, 'import'>;
  newName: string;
  /** Secrets a template leaves out, typed for this profile. */
  secrets: Partial<Record<CredentialField, string>>;
}

export interface ImportForm {
  /** This terminal's values (POS serial, OS version), for every profile that needs them. */
  terminal: Partial<Record<CredentialField, string>>;
  rows: Readonly<Record<number, RowForm>>;
}

export function initialImportForm(preview: ImportPreview): ImportForm {
  const rows: Record<number, RowForm> = {};
  for (const p of preview.profiles) rows[p.index] = { newName: p.suggestedName, secrets: {} };
  return { terminal: { posOsVersion: preview.osVersion }, rows };
}

/** Per-terminal fields any profile of the bundle needs, in catalog order. */
export function terminalFields(preview: ImportPreview): CredentialField[] {
  const fields = new Set(preview.profiles.flatMap((p) => p.needs.filter(isPerTerminal)));
  return PER_TERMINAL_FIELDS.filter((f) => fields.has(f));
}

export function importChoices(preview: ImportPreview, form: ImportForm) {
  return preview.profiles.map((p) => {
    const row = form.rows[p.index] ?? { newName: p.suggestedName, secrets: {} };
    const action: ClashAction = p.clash ? (row.action ?? 'import') : 'import';
    const values: Partial<Record<CredentialField, string>> = {};
    for (const field of [...p.needs, ...p.optional]) {
      const value = isPerTerminal(field) ? form.terminal[field] : row.secrets[field];
      if (value) values[field] = value;
    }
    return { index: p.index, action, ...(action === 'rename' ? { name: row.newName } : {}), values };
  });
}

export interface SortedIssues {
  /** `terminal.posSerial` style keys for this terminal's fields. */
  terminal: Partial<Record<CredentialField, FieldIssueView>>;
  /** By profile index: `action`, `name` or a credential field. */
  rows: Record<number, Record<string, FieldIssueView>>;
}

/** Core names issues `profiles.<index>.<path>`; per-terminal fields are shown once, above. */
export function sortIssues(issues: readonly FieldIssueView[] | undefined): SortedIssues {
  const sorted: SortedIssues = { terminal: {}, rows: {} };
  for (const issue of issues ?? []) {
    const match = /^profiles\.(\d+)\.(.+)$/.exec(issue.path);
    if (!match) continue;
    const index = Number(match[1]);
    const path = match[2]!;
    const field = path.startsWith('credentials.') ? (path.slice('credentials.'.length) as CredentialField) : undefined;
    if (field && isPerTerminal(field)) sorted.terminal[field] ??= issue;
    else (sorted.rows[index] ??= {})[field ?? path] ??= issue;
  }
  return sorted;
}

/** A refusal as the user reads it. */
export function bundleErrorText(error: AppErrorView, t: Translate): string {
  const bundle = error.bundle;
  if (error.code !== 'bundle' || !bundle) return t(`appErrors.${error.code}`);
  const field = bundle.field?.split('.').at(-1);
  return t(`bundles.errors.${bundle.reason}`, {
    version: bundle.version ?? '',
    profile: bundle.profile ?? '',
    field: field && isKeyOf(en.wizard.fields, field) ? t(`wizard.fields.${field}`) : (field ?? ''),
    min: MIN_PASSPHRASE_LENGTH,
  });
}

export function environmentText(env: EnvironmentChoice, info: ProviderInfo | undefined, lang: string, t: Translate): string {
  if (env.kind === 'sandbox') return t('wizard.sandboxEnvironment');
  if (env.kind === 'custom') {
    try {
      return `${t('wizard.customEnvironment')} (${new URL(env.baseUrl).host})`;
    } catch {
      return `${t('wizard.customEnvironment')} (${env.baseUrl})`;
    }
  }
  const preset = info?.environments.find((e) => e.id === env.id);
  return preset ? localized(preset.label, lang) : env.id;
}

/** base64 <-> bytes in the page, in slices so a 4 MiB bundle does not overflow the call stack. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function base64ToBytes(data: string): Uint8Array {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
