// The wizard's rules as functions of its state, no React: which errors show when, whether an
// edit must be tested before it is saved, whether leaving loses work. Whether a field is valid
// at all is validateDraft's (app/draft.ts), the vault's own schema.
import type { CredentialField, ProviderInfo, SecretField } from '#common/profile-schema';

import { type FieldIssue, type FieldKey, fieldOrder, type Issues, type Mode, type WizardDraft } from '../../app/draft';
import type { TestState, WizardState } from './form-reducer';

/** Errors that more typing cannot fix are shown at once; the others once the field is left. */
export const SHOW_WHILE_TYPING: ReadonlySet<string> = new Set([
  'validation.tooLong',
  'validation.controlChars',
  'validation.headerChars',
  'validation.nameChars',
  'validation.nameTaken',
  // The address changed while editing: the stored secrets will not go there (core refuses).
  'secretSafety.retypeSecret',
]);

/** The issue a field shows now: core's first, then the form's once it is due. */
export function visibleIssue(
  key: FieldKey,
  issues: Issues,
  state: Pick<WizardState, 'serverIssues' | 'touched' | 'submitted'>,
): FieldIssue | undefined {
  const server = state.serverIssues[key];
  if (server) return server;
  const issue = issues[key];
  if (!issue) return undefined;
  return state.submitted || state.touched.has(key) || SHOW_WHILE_TYPING.has(issue.message) ? issue : undefined;
}

/** The fields showing an issue, in the order they appear on the form (for the summary and focus). */
export function fieldsWithIssues(info: ProviderInfo | undefined, shown: (key: FieldKey) => boolean): FieldKey[] {
  return fieldOrder(info).filter(shown);
}

/** Whether an edit changes how the profile signs in (core then drops the current token). */
export function signInChanges(draft: WizardDraft, initial: WizardDraft): boolean {
  if (draft.envKind !== initial.envKind || draft.presetId !== initial.presetId || draft.baseUrl !== initial.baseUrl) return true;
  const keys = new Set([...Object.keys(draft.credentials), ...Object.keys(initial.credentials)]) as Set<CredentialField>;
  return [...keys].some((k) => (draft.credentials[k] ?? '') !== (initial.credentials[k] ?? ''));
}

/**
 * What Save does first. An edit that changes how the profile signs in replaces a working
 * token, so it is proven first ('test'); after a failed test the user is asked ('confirm').
 */
export function beforeSaving(
  mode: Mode,
  draft: WizardDraft,
  initial: WizardDraft,
  cleared: ReadonlySet<SecretField>,
  test: TestState,
): 'save' | 'test' | 'confirm' {
  if (mode !== 'update' || test.status === 'ok') return 'save';
  if (!signInChanges(draft, initial) && cleared.size === 0) return 'save';
  return test.status === 'failed' ? 'confirm' : 'test';
}

/** Something would be lost by leaving now. */
export function hasChanges(draft: WizardDraft, initial: WizardDraft, cleared: ReadonlySet<SecretField>): boolean {
  return JSON.stringify(draft) !== JSON.stringify(initial) || cleared.size > 0;
}

/** The radio value of the draft's environment. */
export function environmentValue(draft: WizardDraft): string {
  return draft.envKind === 'preset' ? `preset:${draft.presetId}` : draft.envKind;
}
