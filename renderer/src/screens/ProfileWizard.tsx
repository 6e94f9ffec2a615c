// "Add profile" and "Edit": provider -> environment -> credentials -> Test connection -> Save,
// on one page whose sections appear as the choices are made. Every field is checked with the
// vault's own schema as it is typed or left; nothing is sent while a field is invalid.
// Secrets live only in this component's state and vanish with it once saved. On a small screen
// its actions stay in a bar at the bottom, errors are listed (with links) at the top, a test's
// result scrolls into view and takes focus, and leaving with changes asks first. Saving an edit
// that changes how it signs in tests it first, so the working token is not lost to a typo.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { fieldsOf, isSecretField, type CredentialField, type ProviderInfo, type SecretField } from '#common/profile-schema';
import type { AppErrorView, ConnectionTestResult, DiagnosticsView } from '../bridge/types';
import {
  draftForProvider,
  draftFromProfile,
  emptyDraft,
  fieldOrder,
  issueText,
  issuesFromViews,
  secretNeeds,
  toProfileDraft,
  validateDraft,
  withDemoCredentials,
  type FieldIssue,
  type FieldKey,
  type Issues,
  type Mode,
  type WizardDraft,
} from '../app/draft';
import type { FailureLike } from '../app/explain';
import { store, useAppState } from '../app/store';
import { useT } from '../app/use-t';
import { useCopyDiagnostics } from '../components/CopyDiagnostics';
import { FailureDetails } from '../components/FailureDetails';
import { IdentityView } from '../components/IdentityView';
import { LifetimeNote } from '../components/LifetimeNote';
import { RadioCards, type RadioChoice } from '../components/RadioCards';
import { TextField } from '../components/TextField';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useLeaveGuard } from '../app/navigation';
import { formatLifetime, formatMoment, isSameDay } from '../i18n/format';
import { localized } from '../i18n/localized';
import type { MessageKey } from '../i18n/keys';
import { FormError } from '../components/ErrorText';

const POS_FIELDS: readonly CredentialField[] = ['posSerial', 'posOsVersion', 'posFramework', 'preSharedKey'];

/** Errors that more typing cannot fix are shown at once; the others once the field is left. */
const SHOW_WHILE_TYPING = new Set([
  'validation.tooLong',
  'validation.controlChars',
  'validation.headerChars',
  'validation.nameChars',
  'validation.nameTaken',
  // The address changed while editing: the stored secrets will not go there (core refuses).
  'secretSafety.retypeSecret',
]);

type TestState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'ok'; result: ConnectionTestResult }
  | { status: 'failed'; failure?: FailureLike; message?: string; diagnostics?: DiagnosticsView };

/** One numbered step of the form, labelled by its heading. */
function WizardStep({ id, number, title, children }: { id: string; number: number; title: string; children: ReactNode }) {
  return (
    <section className="wizard__step" aria-labelledby={id}>
      <h2 id={id} className="wizard__step-title">
        <span className="wizard__step-number" aria-hidden="true">
          {number}
        </span>
        {title}
      </h2>
      {children}
    </section>
  );
}

/** When the tested token was issued: "today" for its expiry is judged from then. */
function issuedAt(result: ConnectionTestResult): number {
  return result.expiresAt - result.lifetimeSeconds * 1000;
}

/** Whether an edit changes how the profile signs in (core then drops the current token). */
function signInChanges(draft: WizardDraft, initial: WizardDraft): boolean {
  if (draft.envKind !== initial.envKind || draft.presetId !== initial.presetId || draft.baseUrl !== initial.baseUrl) return true;
  const keys = new Set([...Object.keys(draft.credentials), ...Object.keys(initial.credentials)]) as Set<CredentialField>;
  return [...keys].some((k) => (draft.credentials[k] ?? '') !== (initial.credentials[k] ?? ''));
}

function environmentValue(draft: WizardDraft): string {
  return draft.envKind === 'preset' ? `preset:${draft.presetId}` : draft.envKind;
}

export function ProfileWizard({ editId, onDone }: { editId?: string; onDone: (saved?: { name: string }) => void }) {
  const { t, lang } = useT();
  const catalog = useAppState((s) => s.catalog);
  const appInfo = useAppState((s) => s.appInfo);
  const profiles = useAppState((s) => s.profiles);
  const editing = useMemo(() => (editId ? profiles.find((p) => p.id === editId) : undefined), [editId, profiles]);
  const mode: Mode = editId ? 'update' : 'create';

  const [initial] = useState<WizardDraft>(() => (editing ? draftFromProfile(editing) : emptyDraft()));
  const [draft, setDraft] = useState<WizardDraft>(initial);
  const [confirmSaveAnyway, setConfirmSaveAnyway] = useState(false);
  const [testingFirst, setTestingFirst] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const done = useRef(false);
  /** Stored optional secrets the user chose to remove when saving (editing only). */
  const [cleared, setCleared] = useState<ReadonlySet<SecretField>>(() => new Set());
  const dirty = useRef(false);
  const isDirty = JSON.stringify(draft) !== JSON.stringify(initial) || cleared.size > 0;
  useEffect(() => {
    dirty.current = isDirty;
  }, [isDirty]);
  useLeaveGuard(useCallback(() => dirty.current && !done.current, []));
  const [touched, setTouched] = useState<ReadonlySet<FieldKey>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverIssues, setServerIssues] = useState<Issues>({});
  const [test, setTest] = useState<TestState>({ status: 'idle' });
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [demoNotice, setDemoNotice] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const busy = useRef(false);

  const info: ProviderInfo | undefined = catalog.find((p) => p.id === draft.provider);
  const otherNames = useMemo(() => profiles.filter((p) => p.id !== editId).map((p) => p.name), [profiles, editId]);
  const needs = useMemo(() => secretNeeds(draft, info, editing, cleared), [draft, info, editing, cleared]);
  const issues = useMemo(() => validateDraft(draft, info, mode, otherNames, needs), [draft, info, mode, otherNames, needs]);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  // A finished test is shown where the eye is: scrolled into view (above the sticky bar) and focused.
  const [revealResult, setRevealResult] = useState(0);
  useEffect(() => {
    if (!revealResult) return;
    const result = resultRef.current;
    if (!result) return;
    result.scrollIntoView({ block: 'nearest' });
    result.focus({ preventScroll: true });
  }, [revealResult]);

  // The profile was removed elsewhere while being edited.
  const missing = editId !== undefined && !editing;

  const visibleIssue = (key: FieldKey): FieldIssue | undefined => {
    const server = serverIssues[key];
    if (server) return server;
    const issue = issues[key];
    if (!issue) return undefined;
    return submitted || touched.has(key) || SHOW_WHILE_TYPING.has(issue.message) ? issue : undefined;
  };
  const errorText = (key: FieldKey): string | undefined => {
    const issue = visibleIssue(key);
    if (!issue) return undefined;
    const { key: messageKey, values } = issueText(issue);
    const text = t(messageKey, values);
    return text === messageKey ? t('validation.invalid') : text;
  };

  const update = (key: FieldKey, next: WizardDraft) => {
    setDraft(next);
    setTest({ status: 'idle' });
    setFormError(undefined);
    if (serverIssues[key]) setServerIssues(({ [key]: _dropped, ...rest }) => rest);
  };
  const touch = (key: FieldKey) => setTouched((s) => (s.has(key) ? s : new Set(s).add(key)));
  const setCredential = (field: CredentialField, value: string) => {
    // A value typed replaces the stored one: there is nothing left to remove.
    if (value && isSecretField(field) && cleared.has(field)) setCleared((s) => new Set([...s].filter((f) => f !== field)));
    update(field, { ...draft, credentials: { ...draft.credentials, [field]: value } });
  };
  const markCleared = (field: SecretField, clear: boolean) => {
    setCleared((s) => new Set(clear ? [...s, field] : [...s].filter((f) => f !== field)));
    setTest({ status: 'idle' });
  };
  const clearSecrets = () => (editId && cleared.size > 0 ? { clearSecrets: [...cleared] } : {});

  const chooseProvider = (id: string) => {
    const chosen = catalog.find((p) => p.id === id);
    if (!chosen || mode === 'update') return;
    setDraft(draftForProvider(draft, chosen, appInfo?.osVersion ?? ''));
    setServerIssues({});
    setTest({ status: 'idle' });
    setDemoNotice(false);
    setTouched((s) => new Set([...s].filter((k) => k === 'name')));
  };

  const chooseEnvironment = (value: string) => {
    const next: WizardDraft =
      value === 'sandbox' || value === 'custom'
        ? { ...draft, envKind: value }
        : { ...draft, envKind: 'preset', presetId: value.replace(/^preset:/, '') };
    update('environment', next);
    if (serverIssues.baseUrl) setServerIssues(({ baseUrl: _dropped, ...rest }) => rest);
  };

  const focusFirstInvalid = (found: Issues) => {
    for (const key of fieldOrder(info)) {
      if (found[key]) {
        const field = formRef.current?.querySelector(`[data-field="${key}"]`);
        const input = field?.querySelector<HTMLInputElement>('input:checked, input:not([type="radio"])') ?? field?.querySelector('input');
        input?.focus();
        return;
      }
    }
  };

  /** Checks every field; when something is wrong, shows it all and focuses the first. */
  const checkAll = (): boolean => {
    setSubmitted(true);
    const problems = Object.keys(issues).length > 0;
    if (problems) {
      setFormError(t('wizardFlow.fixErrorsAbove'));
      focusFirstInvalid(issues);
    }
    return !problems;
  };

  const applyError = (error: AppErrorView, fallbackKey: MessageKey) => {
    if (error.code === 'validation' && error.issues?.length) {
      const found = issuesFromViews(error.issues, info);
      setServerIssues(found);
      setSubmitted(true);
      setFormError(t('wizardFlow.fixErrorsAbove'));
      focusFirstInvalid(found);
      return;
    }
    setFormError(`${t(fallbackKey)}: ${t(`appErrors.${error.code}`)}`);
  };

  /** Runs the test sign-in and shows its result; says how it went. */
  const runTest = async (): Promise<'ok' | 'failed' | 'invalid'> => {
    if (!info) return 'invalid';
    busy.current = true;
    setTest({ status: 'running' });
    const profile = toProfileDraft(draft, info, mode);
    const result = await store.installerCall((api) => api.testConnection(editId ? { id: editId, profile, ...clearSecrets() } : { profile }));
    busy.current = false;
    setRevealResult((n) => n + 1);
    if (result.ok) {
      setTest({ status: 'ok', result: result.value });
      return 'ok';
    }
    if (result.error.code === 'provider' && result.error.failure) {
      setTest({ status: 'failed', failure: result.error.failure, diagnostics: result.error.diagnostics });
      return 'failed';
    }
    if (result.error.code === 'validation') {
      setTest({ status: 'idle' });
      applyError(result.error, 'wizard.testFailed');
      return 'invalid';
    }
    setTest({ status: 'failed', message: t(`appErrors.${result.error.code}`) });
    return 'failed';
  };

  const testConnection = async () => {
    if (busy.current) return;
    setFormError(undefined);
    if (!checkAll() || !info) return;
    await runTest();
  };

  const persist = async () => {
    if (!info) return;
    busy.current = true;
    setSaving(true);
    const profile = toProfileDraft(draft, info, mode);
    const result = await store.installerCall((api) =>
      editId ? api.updateProfile({ id: editId, profile, ...clearSecrets() }) : api.createProfile(profile),
    );
    busy.current = false;
    setSaving(false);
    if (result.ok) {
      done.current = true;
      onDone({ name: result.value.name });
      return;
    }
    applyError(result.error, 'wizard.saveFailed');
  };

  const save = async () => {
    if (busy.current) return;
    setFormError(undefined);
    if (!checkAll() || !info) return;
    // An edit that changes how the profile signs in replaces a working token: prove it first.
    if (mode === 'update' && (signInChanges(draft, initial) || cleared.size > 0) && test.status !== 'ok') {
      if (test.status === 'failed') {
        setConfirmSaveAnyway(true);
        return;
      }
      setTestingFirst(true);
      const outcome = await runTest();
      setTestingFirst(false);
      if (outcome === 'failed') setConfirmSaveAnyway(true);
      if (outcome !== 'ok') return;
    }
    await persist();
  };

  const cancel = () => onDone();

  /** Every problem the form shows, in form order, for the summary at the top. */
  const listedIssues = fieldOrder(info)
    .map((key) => ({ key, text: errorText(key) }))
    .filter((entry): entry is { key: FieldKey; text: string } => entry.text !== undefined);
  const fieldLabel = (key: FieldKey): string => t(`wizard.fields.${key}`);
  const focusField = (key: FieldKey) => {
    const field = formRef.current?.querySelector(`[data-field="${key}"]`);
    const input = field?.querySelector<HTMLInputElement>('input:checked, input:not([type="radio"])') ?? field?.querySelector('input');
    input?.focus();
  };
  const errorSummary =
    submitted && listedIssues.length > 0 ? (
      <div ref={summaryRef} className="error-summary" tabIndex={-1} aria-labelledby="error-summary-title" data-error-summary="">
        <h2 id="error-summary-title" className="error-summary__title">
          {t('wizardFlow.errorSummary')}
        </h2>
        <ul className="error-summary__list">
          {listedIssues.map(({ key, text }) => (
            <li key={key}>
              <a
                href={`#field-${key}`}
                onClick={(event) => {
                  event.preventDefault();
                  focusField(key);
                }}
              >
                {fieldLabel(key)}: {text}
              </a>
            </li>
          ))}
        </ul>
      </div>
    ) : null;

  const actionBar = (
    <div className="wizard__bar" role="group" aria-label={t('wizardFlow.actions')}>
      <FormError message={formError} />
      <div className="wizard__actions">
        {info && (
          <button
            type="button"
            className="button"
            onClick={() => void testConnection()}
            aria-disabled={test.status === 'running' || saving || undefined}
          >
            {test.status === 'running' && !testingFirst ? t('wizard.testing') : t('wizard.testConnection')}
          </button>
        )}
        <button type="submit" className="button button--primary" aria-disabled={saving || test.status === 'running' || undefined}>
          {saving ? t('wizard.saving') : testingFirst ? t('wizard.testing') : t('wizard.save')}
        </button>
        <span className="spacer" />
        <button type="button" className="button" onClick={cancel}>
          {t('wizard.cancel')}
        </button>
      </div>
    </div>
  );

  const providerChoices: RadioChoice[] = catalog.map((p) => ({ value: p.id, label: localized(p.label, lang) }));
  const environmentChoices: RadioChoice[] = info
    ? [
        ...info.environments.map((e) => ({ value: `preset:${e.id}`, label: localized(e.label, lang), description: e.baseUrl })),
        ...(appInfo?.sandboxProviders.includes(info.id)
          ? [{ value: 'sandbox', label: t('wizard.sandboxEnvironment'), description: t('wizard.sandboxDescription') }]
          : []),
        { value: 'custom', label: t('wizard.customEnvironment'), description: t('wizard.customDescription') },
      ]
    : [];

  const renderField = (field: CredentialField) => {
    if (!info) return null;
    const rule = info.fields[field]!;
    const secret = field === 'clientSecret' || field === 'password' || field === 'preSharedKey';
    const need = secret ? needs[field] : undefined;
    const hasStored = mode === 'update' && secret && !!editing?.secrets[field];
    // An optional secret can also be removed, not only kept or replaced (also when the address
    // changed: then it is removed or typed again).
    const removing = hasStored && isSecretField(field) && cleared.has(field);
    const stored = hasStored && !removing && !need;
    const lastError = editing?.token.lastError;
    const dropped = lastError?.code === 'secret_dropped' && (lastError.fields ?? []).some((f) => f === field);
    const label = t(`wizard.fields.${field}`);
    let labelAction: ReactNode;
    if (hasStored && !rule.required && isSecretField(field)) {
      labelAction = removing ? (
        <>
          <span className="badge badge--removing">{t('fieldNotes.storedSecret.willBeRemoved')}</span>
          <button type="button" className="button button--small" aria-label={t('fieldNotes.storedSecret.keepLabel', { field: label })} onClick={() => markCleared(field, false)}>
            {t('fieldNotes.storedSecret.keep')}
          </button>
        </>
      ) : (
        <button type="button" className="button button--small" aria-label={t('fieldNotes.storedSecret.removeLabel', { field: label })} onClick={() => markCleared(field, true)}>
          {t('fieldNotes.storedSecret.remove')}
        </button>
      );
    }
    let hint: string | undefined;
    if (removing) hint = t('fieldNotes.storedSecret.removedHint');
    else if (stored) hint = t('wizard.secretStoredHint');
    else if (need === 'retype') hint = t('secretSafety.retypeHint');
    else if (need === 'missing' && dropped) hint = t('secretSafety.missingHint');
    else if (field === 'username' && rule.format === 'email') hint = t('wizard.hints.usernameEmail');
    else if (field === 'scope') hint = rule.required ? t('wizard.hints.scope') : t('wizard.hints.scopeOptional');
    else if ((field === 'posFramework' || field === 'preSharedKey') && !rule.required) hint = t(`fieldNotes.hints.${field}`);
    else if (field === 'posSerial' || field === 'posOsVersion' || field === 'posFramework' || field === 'preSharedKey') {
      hint = t(`wizard.hints.${field}`);
    }
    return (
      <TextField
        key={field}
        name={field}
        label={label}
        value={draft.credentials[field] ?? ''}
        onChange={(value) => setCredential(field, value)}
        onBlur={() => touch(field)}
        hint={hint}
        error={errorText(field)}
        secret={secret}
        stored={stored}
        labelAction={labelAction}
        required={(rule.required && !stored) || need === 'retype'}
        optional={!rule.required}
        type={rule.format === 'email' ? 'email' : 'text'}
      />
    );
  };

  const fields = info ? fieldsOf(info) : [];
  const credentialFields = fields.filter((f) => !POS_FIELDS.includes(f));
  const posFields = fields.filter((f) => POS_FIELDS.includes(f));
  const title = mode === 'update' ? t('wizard.titleEdit', { name: editing?.name ?? '' }) : t('wizard.titleCreate');

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

  const until = (at: number, now: number) => (isSameDay(at, now) ? 'wizardFlow.testOkUntil' : 'wizardFlow.testOkUntilDate');

  return (
    <div
      className="screen wizard"
      onKeyDown={(event) => {
        // Escape works as Cancel (asking first when something was typed); a dialog handles its own.
        if (event.key === 'Escape' && !event.defaultPrevented && !confirmSaveAnyway) {
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
        {errorSummary}
        <div className="wizard__name">
          <TextField
            name="name"
            label={t('wizard.fields.name')}
            value={draft.name}
            onChange={(name) => update('name', { ...draft, name })}
            onBlur={() => touch('name')}
            hint={t('wizard.hints.name')}
            error={errorText('name')}
            required
          />
        </div>

        <WizardStep id="step-provider" number={1} title={t('wizard.fields.provider')}>
          <RadioCards
            legend={t('wizard.fields.provider')}
            labelledBy="step-provider"
            name="provider"
            choices={mode === 'update' ? providerChoices.filter((c) => c.value === draft.provider) : providerChoices}
            value={draft.provider}
            onChange={chooseProvider}
            disabled={mode === 'update'}
            note={mode === 'update' ? t('wizard.providerFixed') : undefined}
            error={errorText('provider')}
          />
        </WizardStep>

        {info && (
          <>
            <WizardStep id="step-environment" number={2} title={t('wizard.fields.environment')}>
              <RadioCards
                legend={t('wizard.fields.environment')}
                labelledBy="step-environment"
                name="environment"
                choices={environmentChoices}
                value={environmentValue(draft)}
                onChange={chooseEnvironment}
                error={errorText('environment')}
              />
              {draft.envKind === 'custom' && (
                <TextField
                  name="baseUrl"
                  label={t('wizard.fields.baseUrl')}
                  value={draft.baseUrl}
                  onChange={(baseUrl) => update('baseUrl', { ...draft, baseUrl })}
                  onBlur={() => touch('baseUrl')}
                  hint={t('wizard.hints.baseUrl')}
                  error={errorText('baseUrl')}
                  required
                  type="url"
                  inputMode="url"
                />
              )}
            </WizardStep>

            <WizardStep id="step-credentials" number={3} title={t('wizard.steps.credentials')}>
              {draft.envKind === 'sandbox' && (
                <div className="demo">
                  <button
                    type="button"
                    className="button"
                    onClick={() => {
                      setDraft(withDemoCredentials(draft, info));
                      setServerIssues(({ name, baseUrl, environment }) => ({ name, baseUrl, environment }));
                      setTest({ status: 'idle' });
                      setDemoNotice(true);
                      // Said by the one announcer; the words also stay next to the button.
                      store.say('wizard.demoFilled');
                    }}
                  >
                    {t('wizard.useDemo')}
                  </button>
                  {demoNotice && <span className="muted">{t('wizard.demoFilled')}</span>}
                </div>
              )}
              <div className="fields">{credentialFields.map(renderField)}</div>
              {posFields.length > 0 && (
                <fieldset className="subgroup">
                  <legend>{t('wizard.steps.posIdentity')}</legend>
                  <div className="fields">{posFields.map(renderField)}</div>
                </fieldset>
              )}
            </WizardStep>

            <WizardStep id="step-finish" number={4} title={t('wizard.steps.finish')}>
              <div
                ref={resultRef}
                className="test-result"
                tabIndex={-1}
                aria-labelledby="step-finish"
                data-test-result={test.status}
              >
                {test.status === 'running' && <p className="muted">{testingFirst ? t('wizardFlow.testingFirst') : t('wizard.testing')}</p>}
                {test.status === 'ok' && (
                  <div className="test-ok">
                    <p className="test-ok__headline">
                      <span aria-hidden="true">✓ </span>
                      {t(until(test.result.expiresAt, issuedAt(test.result)), {
                        lifetime: formatLifetime(test.result.lifetimeSeconds, lang),
                        time: formatMoment(test.result.expiresAt, lang, issuedAt(test.result)),
                      })}
                    </p>
                    {test.result.scope && <p className="muted">{t('wizard.testScope', { scope: test.result.scope })}</p>}
                    <LifetimeNote source={test.result.lifetimeSource} />
                    {test.result.identity && <IdentityView identity={test.result.identity} />}
                  </div>
                )}
                {test.status === 'failed' && (
                  <div className="test-failed">
                    <p className="test-failed__headline">{t('wizard.testFailed')}</p>
                    {test.failure ? (
                      <FailureDetails failure={test.failure} info={info} headingLevel={3} showNext={false} />
                    ) : (
                      <p>{test.message}</p>
                    )}
                    {test.diagnostics && <TestDiagnostics view={test.diagnostics} info={info} />}
                  </div>
                )}
              </div>
            </WizardStep>
          </>
        )}

        {actionBar}
      </form>
      {confirmSaveAnyway && (
        <ConfirmDialog
          title={t('wizardFlow.saveAnywayTitle')}
          confirmLabel={t('wizardFlow.saveAnywayConfirm')}
          cancelLabel={t('wizardFlow.saveAnywayCancel')}
          busy={saving}
          onConfirm={() => {
            setConfirmSaveAnyway(false);
            void persist();
          }}
          onCancel={() => setConfirmSaveAnyway(false)}
        >
          <p>{t('wizardFlow.saveAnywayBody')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

/** "Copy diagnostics" for a failed test: its report came with the failure. */
function TestDiagnostics({ view, info }: { view: DiagnosticsView; info: ProviderInfo | undefined }) {
  const { button, panel } = useCopyDiagnostics({ view }, info);
  return (
    <div className="test-failed__diagnostics">
      {button}
      {panel}
    </div>
  );
}
