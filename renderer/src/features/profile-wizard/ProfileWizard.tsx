// "Add profile" and "Edit": provider -> environment -> credentials -> Test connection -> Save,
// on one page whose sections appear as the choices are made. Every field is checked with the
// vault's own schema as it is typed or left; nothing is sent while a field is invalid.
// Secrets live only in this component's state and vanish with it once saved. On a small screen
// its actions stay in a bar at the bottom, errors are listed (with links) at the top, a test's
// result scrolls into view and takes focus, and leaving with changes asks first. Saving an edit
// that changes how it signs in tests it first, so the working token is not lost to a typo.
// This file holds what talks to core and to the page (focus, scrolling); the state is
// form-reducer.ts, the rules validation.ts, each step a component of its own.
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';

import type { ProviderInfo } from '#common/profile-schema';

import {
  draftFromProfile,
  emptyDraft,
  type FieldKey,
  type Issues,
  issuesFromViews,
  issueText,
  type Mode,
  secretNeeds,
  toProfileDraft,
  validateDraft,
  type WizardDraft,
} from '../../app/draft';
import { useLeaveGuard } from '../../app/navigation';
import { store, useAppState } from '../../app/store';
import { useT } from '../../app/use-t';
import type { AppErrorView } from '../../bridge/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { TextField } from '../../components/TextField';
import type { MessageKey } from '../../i18n/keys';
import { ActionBar } from './ActionBar';
import { ErrorSummary } from './ErrorSummary';
import { type FormErrorState, initialWizardState, wizardReducer } from './form-reducer';
import { CredentialsStep } from './steps/CredentialsStep';
import { EnvironmentStep } from './steps/EnvironmentStep';
import { FinishStep } from './steps/FinishStep';
import { ProviderStep } from './steps/ProviderStep';
import { beforeSaving, fieldsWithIssues, hasChanges, visibleIssue } from './validation';

export function ProfileWizard({ editId, onDone }: { editId?: string; onDone: (saved?: { name: string }) => void }) {
  const { t } = useT();
  const catalog = useAppState((s) => s.catalog);
  const appInfo = useAppState((s) => s.appInfo);
  const profiles = useAppState((s) => s.profiles);
  const editing = useMemo(() => (editId ? profiles.find((p) => p.id === editId) : undefined), [editId, profiles]);
  const mode: Mode = editId ? 'update' : 'create';

  const [initial] = useState<WizardDraft>(() => (editing ? draftFromProfile(editing) : emptyDraft()));
  const [state, dispatch] = useReducer(wizardReducer, initial, initialWizardState);
  const { draft, cleared, test, testingFirst, saving } = state;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  /** A call to core is under way: a second click does nothing (state would update too late). */
  const busy = useRef(false);
  /** Saved: leaving is no longer losing work. */
  const done = useRef(false);

  const dirty = useRef(false);
  const isDirty = hasChanges(draft, initial, cleared);
  useEffect(() => {
    dirty.current = isDirty;
  }, [isDirty]);
  useLeaveGuard(useCallback(() => dirty.current && !done.current, []));

  const info: ProviderInfo | undefined = catalog.find((p) => p.id === draft.provider);
  const otherNames = useMemo(() => profiles.filter((p) => p.id !== editId).map((p) => p.name), [profiles, editId]);
  const needs = useMemo(() => secretNeeds(draft, info, editing, cleared), [draft, info, editing, cleared]);
  const issues = useMemo(() => validateDraft(draft, info, mode, otherNames, needs), [draft, info, mode, otherNames, needs]);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  // A finished test is shown where the eye is: scrolled into view (above the sticky bar) and focused.
  useEffect(() => {
    if (!state.revealResult) return;
    const result = resultRef.current;
    if (!result) return;
    result.scrollIntoView({ block: 'nearest' });
    result.focus({ preventScroll: true });
  }, [state.revealResult]);

  // The profile was removed elsewhere while being edited.
  const missing = editId !== undefined && !editing;

  const errorText = (key: FieldKey): string | undefined => {
    const issue = visibleIssue(key, issues, state);
    if (!issue) return undefined;
    const { key: messageKey, values } = issueText(issue);
    const text = t(messageKey, values);
    return text === messageKey ? t('validation.invalid') : text;
  };
  const formErrorText = (error: FormErrorState | undefined): string | undefined => {
    if (!error) return undefined;
    return error.kind === 'fixErrors' ? t('wizardFlow.fixErrorsAbove') : `${t(error.fallbackKey)}: ${t(`appErrors.${error.code}`)}`;
  };

  const focusField = (key: FieldKey) => {
    const field = formRef.current?.querySelector(`[data-field="${key}"]`);
    const input = field?.querySelector<HTMLInputElement>('input:checked, input:not([type="radio"])') ?? field?.querySelector('input');
    input?.focus();
  };
  const focusFirstInvalid = (found: Issues) => {
    const [first] = fieldsWithIssues(info, (key) => found[key] !== undefined);
    if (first) focusField(first);
  };

  /** Checks every field; when something is wrong, shows it all and focuses the first. */
  const checkAll = (): boolean => {
    const problems = Object.keys(issues).length > 0;
    dispatch({ type: 'submitted', problems });
    if (problems) focusFirstInvalid(issues);
    return !problems;
  };

  const applyError = (error: AppErrorView, fallbackKey: MessageKey) => {
    if (error.code === 'validation' && error.issues?.length) {
      const found = issuesFromViews(error.issues, info);
      dispatch({ type: 'serverIssues', issues: found });
      focusFirstInvalid(found);
      return;
    }
    dispatch({ type: 'callFailed', fallbackKey, code: error.code });
  };

  const clearSecrets = () => (editId && cleared.size > 0 ? { clearSecrets: [...cleared] } : {});

  /** Runs the test sign-in and shows its result; says how it went. */
  const runTest = async (first: boolean): Promise<'ok' | 'failed' | 'invalid'> => {
    if (!info) return 'invalid';
    busy.current = true;
    dispatch({ type: 'testStarted', first });
    const profile = toProfileDraft(draft, info, mode);
    const result = await store.installerCall((api) =>
      api.testConnection(editId ? { id: editId, profile, ...clearSecrets() } : { profile }),
    );
    busy.current = false;
    if (result.ok) {
      dispatch({ type: 'testFinished', test: { status: 'ok', result: result.value } });
      return 'ok';
    }
    if (result.error.code === 'provider' && result.error.failure) {
      dispatch({ type: 'testFinished', test: { status: 'failed', failure: result.error.failure, diagnostics: result.error.diagnostics } });
      return 'failed';
    }
    if (result.error.code === 'validation') {
      dispatch({ type: 'testFinished', test: { status: 'idle' } });
      applyError(result.error, 'wizard.testFailed');
      return 'invalid';
    }
    dispatch({ type: 'testFinished', test: { status: 'failed', code: result.error.code } });
    return 'failed';
  };

  const testConnection = async () => {
    if (busy.current) return;
    dispatch({ type: 'clearFormError' });
    if (!checkAll() || !info) return;
    await runTest(false);
  };

  const persist = async () => {
    if (!info) return;
    busy.current = true;
    dispatch({ type: 'saveStarted' });
    const profile = toProfileDraft(draft, info, mode);
    const result = await store.installerCall((api) =>
      editId ? api.updateProfile({ id: editId, profile, ...clearSecrets() }) : api.createProfile(profile),
    );
    busy.current = false;
    dispatch({ type: 'saveFinished' });
    if (result.ok) {
      done.current = true;
      onDone({ name: result.value.name });
      return;
    }
    applyError(result.error, 'wizard.saveFailed');
  };

  const save = async () => {
    if (busy.current) return;
    dispatch({ type: 'clearFormError' });
    if (!checkAll() || !info) return;
    const first = beforeSaving(mode, draft, initial, cleared, test);
    if (first === 'confirm') {
      dispatch({ type: 'confirmSaveAnyway', open: true });
      return;
    }
    if (first === 'test') {
      const outcome = await runTest(true);
      dispatch({ type: 'testFirstDone' });
      if (outcome === 'failed') dispatch({ type: 'confirmSaveAnyway', open: true });
      if (outcome !== 'ok') return;
    }
    await persist();
  };

  const cancel = () => onDone();

  if (missing) {
    return (
      <div className="screen wizard">
        <h1 id="main-heading" tabIndex={-1} ref={headingRef}>
          {t('appErrors.not_found')}
        </h1>
        <button type="button" className="button" onClick={() => onDone()}>
          {t('wizard.cancel')}
        </button>
      </div>
    );
  }

  const title = mode === 'update' ? t('wizard.titleEdit', { name: editing?.name ?? '' }) : t('wizard.titleCreate');
  const summary = state.submitted
    ? fieldsWithIssues(info, (key) => errorText(key) !== undefined).map((key) => ({ key, text: errorText(key)! }))
    : [];

  return (
    <div
      className="screen wizard"
      onKeyDown={(event) => {
        // Escape works as Cancel (asking first when something was typed); a dialog handles its own.
        if (event.key === 'Escape' && !event.defaultPrevented && !state.confirmSaveAnyway) {
          event.preventDefault();
          cancel();
        }
      }}
    >
      <div className="screen__head">
        <h1 id="main-heading" tabIndex={-1} ref={headingRef}>
          {title}
        </h1>
      </div>
      <p className="lead">{t('wizard.intro')}</p>
      <form
        ref={formRef}
        className="wizard__form"
        noValidate
        aria-labelledby="main-heading"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <ErrorSummary entries={summary} onPick={focusField} />
        <div className="wizard__name">
          <TextField
            name="name"
            label={t('wizard.fields.name')}
            value={draft.name}
            onChange={(name) => dispatch({ type: 'edit', key: 'name', draft: { ...draft, name } })}
            onBlur={() => dispatch({ type: 'touch', key: 'name' })}
            hint={t('wizard.hints.name')}
            error={errorText('name')}
            required
          />
        </div>

        <ProviderStep
          catalog={catalog}
          mode={mode}
          value={draft.provider}
          error={errorText('provider')}
          onChoose={(id) => {
            const chosen = catalog.find((p) => p.id === id);
            if (chosen && mode === 'create') dispatch({ type: 'chooseProvider', info: chosen, osVersion: appInfo?.osVersion ?? '' });
          }}
        />

        {info && (
          <>
            <EnvironmentStep
              info={info}
              sandbox={appInfo?.sandboxProviders.includes(info.id) ?? false}
              draft={draft}
              errorText={errorText}
              onChoose={(value) => dispatch({ type: 'chooseEnvironment', value })}
              onBaseUrl={(baseUrl) => dispatch({ type: 'edit', key: 'baseUrl', draft: { ...draft, baseUrl } })}
              onLeave={() => dispatch({ type: 'touch', key: 'baseUrl' })}
            />
            <CredentialsStep
              info={info}
              mode={mode}
              editing={editing}
              draft={draft}
              needs={needs}
              cleared={cleared}
              demoNotice={state.demoNotice}
              errorText={errorText}
              onChange={(field, value) => dispatch({ type: 'setCredential', field, value })}
              onLeave={(field) => dispatch({ type: 'touch', key: field })}
              onClear={(field, clear) => dispatch({ type: 'markCleared', field, clear })}
              onUseDemo={() => {
                dispatch({ type: 'useDemo', info });
                // Said by the one announcer; the words also stay next to the button.
                store.say('wizard.demoFilled');
              }}
            />
            <FinishStep info={info} test={test} testingFirst={testingFirst} resultRef={resultRef} />
          </>
        )}

        <ActionBar
          canTest={info !== undefined}
          test={test}
          testingFirst={testingFirst}
          saving={saving}
          formError={formErrorText(state.formError)}
          onTest={() => void testConnection()}
          onCancel={cancel}
        />
      </form>
      {state.confirmSaveAnyway && (
        <ConfirmDialog
          title={t('wizardFlow.saveAnywayTitle')}
          confirmLabel={t('wizardFlow.saveAnywayConfirm')}
          cancelLabel={t('wizardFlow.saveAnywayCancel')}
          busy={saving}
          onConfirm={() => {
            dispatch({ type: 'confirmSaveAnyway', open: false });
            void persist();
          }}
          onCancel={() => dispatch({ type: 'confirmSaveAnyway', open: false })}
        >
          <p>{t('wizardFlow.saveAnywayBody')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
