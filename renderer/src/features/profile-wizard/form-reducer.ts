// Everything the wizard remembers between renders, changed only by the actions below: a pure
// reducer (no React, no calls to core), so each transition can be tested as a function.
import { type CredentialField, isSecretField, type ProviderInfo, type SecretField } from '#common/profile-schema';

import { draftForProvider, type FieldKey, type Issues, withDemoCredentials, type WizardDraft } from '../../app/draft';
import type { FailureLike } from '../../app/explain';
import type { AppErrorView, ConnectionTestResult, DiagnosticsView } from '../../bridge/types';
import type { MessageKey } from '../../i18n/keys';

export type TestState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'ok'; result: ConnectionTestResult }
  /** A provider's refusal comes with its failure (and maybe a report); anything else with core's error code. */
  | { status: 'failed'; failure?: FailureLike; code?: AppErrorView['code']; diagnostics?: DiagnosticsView };

/** The line above the actions: "fix the errors above", or what went wrong with the call. */
export type FormErrorState = { kind: 'fixErrors' } | { kind: 'call'; fallbackKey: MessageKey; code: AppErrorView['code'] };

export interface WizardState {
  draft: WizardDraft;
  /** Fields the user has left: their errors show even if more typing could fix them. */
  touched: ReadonlySet<FieldKey>;
  /** Save or Test was pressed: every error shows, and the summary lists them. */
  submitted: boolean;
  /** Issues core returned (a name taken meanwhile); each goes once its field changes. */
  serverIssues: Issues;
  /** Stored optional secrets the user chose to remove when saving (editing only). */
  cleared: ReadonlySet<SecretField>;
  test: TestState;
  /** Save runs the test first (an edit that changes how it signs in). */
  testingFirst: boolean;
  saving: boolean;
  formError?: FormErrorState;
  /** "Demo credentials filled in" stays beside the button once used. */
  demoNotice: boolean;
  /** The test before saving failed: ask whether to save anyway. */
  confirmSaveAnyway: boolean;
  /** Bumped when a test finishes, so its result is scrolled to and focused. */
  revealResult: number;
}

export type WizardAction =
  | { type: 'edit'; key: FieldKey; draft: WizardDraft }
  | { type: 'setCredential'; field: CredentialField; value: string }
  | { type: 'touch'; key: FieldKey }
  | { type: 'chooseProvider'; info: ProviderInfo; osVersion: string }
  | { type: 'chooseEnvironment'; value: string }
  | { type: 'markCleared'; field: SecretField; clear: boolean }
  | { type: 'useDemo'; info: ProviderInfo }
  | { type: 'submitted'; problems: boolean }
  | { type: 'clearFormError' }
  | { type: 'testStarted'; first: boolean }
  | { type: 'testFinished'; test: TestState }
  | { type: 'testFirstDone' }
  | { type: 'serverIssues'; issues: Issues }
  | { type: 'callFailed'; fallbackKey: MessageKey; code: AppErrorView['code'] }
  | { type: 'saveStarted' }
  | { type: 'saveFinished' }
  | { type: 'confirmSaveAnyway'; open: boolean };

export function initialWizardState(draft: WizardDraft): WizardState {
  return {
    draft,
    touched: new Set(),
    submitted: false,
    serverIssues: {},
    cleared: new Set(),
    test: { status: 'idle' },
    testingFirst: false,
    saving: false,
    demoNotice: false,
    confirmSaveAnyway: false,
    revealResult: 0,
  };
}

const IDLE: TestState = { status: 'idle' };

function without(issues: Issues, key: FieldKey): Issues {
  if (!issues[key]) return issues;
  const { [key]: _dropped, ...rest } = issues;
  return rest;
}

/** A changed field: the last test no longer speaks for the form, nor core's issue for that field. */
function edited(state: WizardState, key: FieldKey, draft: WizardDraft): WizardState {
  return { ...state, draft, test: IDLE, formError: undefined, serverIssues: without(state.serverIssues, key) };
}

export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  switch (action.type) {
    case 'edit':
      return edited(state, action.key, action.draft);
    case 'setCredential': {
      const { field, value } = action;
      const draft = { ...state.draft, credentials: { ...state.draft.credentials, [field]: value } };
      const next = edited(state, field, draft);
      // A value typed replaces the stored one: there is nothing left to remove.
      if (value && isSecretField(field) && state.cleared.has(field)) {
        return { ...next, cleared: new Set([...state.cleared].filter((f) => f !== field)) };
      }
      return next;
    }
    case 'touch':
      return state.touched.has(action.key) ? state : { ...state, touched: new Set(state.touched).add(action.key) };
    case 'chooseProvider':
      return {
        ...state,
        draft: draftForProvider(state.draft, action.info, action.osVersion),
        serverIssues: {},
        test: IDLE,
        demoNotice: false,
        // The name was typed for any provider; every other field is new.
        touched: new Set([...state.touched].filter((k) => k === 'name')),
      };
    case 'chooseEnvironment': {
      const { value } = action;
      const draft: WizardDraft =
        value === 'sandbox' || value === 'custom'
          ? { ...state.draft, envKind: value }
          : { ...state.draft, envKind: 'preset', presetId: value.replace(/^preset:/, '') };
      const next = edited(state, 'environment', draft);
      return { ...next, serverIssues: without(next.serverIssues, 'baseUrl') };
    }
    case 'markCleared': {
      const { field, clear } = action;
      const cleared = new Set(clear ? [...state.cleared, field] : [...state.cleared].filter((f) => f !== field));
      return { ...state, cleared, test: IDLE };
    }
    case 'useDemo': {
      // Core's issues about the credentials are answered by the demo's; the others stay.
      const { name, baseUrl, environment } = state.serverIssues;
      const serverIssues: Issues = {
        ...(name ? { name } : {}),
        ...(baseUrl ? { baseUrl } : {}),
        ...(environment ? { environment } : {}),
      };
      return { ...state, draft: withDemoCredentials(state.draft, action.info), serverIssues, test: IDLE, demoNotice: true };
    }
    case 'submitted':
      return { ...state, submitted: true, ...(action.problems ? { formError: { kind: 'fixErrors' } } : {}) };
    case 'clearFormError':
      return state.formError ? { ...state, formError: undefined } : state;
    case 'testStarted':
      return { ...state, test: { status: 'running' }, testingFirst: action.first };
    case 'testFinished':
      return { ...state, test: action.test, revealResult: state.revealResult + 1 };
    case 'testFirstDone':
      return { ...state, testingFirst: false };
    case 'serverIssues':
      return { ...state, serverIssues: action.issues, submitted: true, formError: { kind: 'fixErrors' } };
    case 'callFailed':
      return { ...state, formError: { kind: 'call', fallbackKey: action.fallbackKey, code: action.code } };
    case 'saveStarted':
      return { ...state, saving: true };
    case 'saveFinished':
      return { ...state, saving: false };
    case 'confirmSaveAnyway':
      return { ...state, confirmSaveAnyway: action.open };
  }
}
