// Settings › "Import profiles…", in three steps: the file and its passphrase; a preview of every
// profile in it (provider, environment, what is missing, what clashes) with this terminal's POS
// identity asked once; then each imported profile's sign-in, live. In the app the file comes
// from main's open dialog; in the browser host the page uploads it. Core keeps the decrypted
// bundle until "Import" (or until this dialog closes) and never sends a secret back.
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';

import { type AppErrorView, MAX_BUNDLE_BYTES } from '#common/contract';
import type { CredentialField } from '#common/profile-schema';

import {
  bundleErrorText,
  bytesToBase64,
  environmentText,
  importChoices,
  type ImportForm,
  initialImportForm,
  isPerTerminal,
  type RowForm,
  type SortedIssues,
  sortIssues,
  terminalFields,
} from '../app/bundles';
import { explainCode } from '../app/explain';
import { store, useAppState, useProvider } from '../app/store';
import { useT } from '../app/use-t';
import type { BundleFileView, FieldIssueView, ImportOutcome, ImportPreview, ImportPreviewProfile } from '../bridge/types';
import { knownKey } from '../i18n/keys';
import { localized } from '../i18n/localized';
import { BundleDialog } from './BundleDialog';
import { FieldError, FormError } from './ErrorText';
import { StatusBadge } from './StatusBadge';
import { TextField } from './TextField';

type Step = 'file' | 'preview' | 'result';

export function ImportProfilesDialog({ onClose }: { onClose: () => void }) {
  const { t } = useT();
  const appInfo = useAppState((s) => s.appInfo);
  // The app opens files through main's dialog; the browser host lets the page upload one.
  const nativeDialog = appInfo?.host === 'electron';
  const [step, setStep] = useState<Step>('file');
  const [preview, setPreview] = useState<ImportPreview>();
  const [outcomes, setOutcomes] = useState<ImportOutcome[]>();
  // The file core holds for us: forgotten (closeImport) when this dialog closes without importing.
  const opened = useRef<string | undefined>(undefined);
  const forget = () => {
    const id = opened.current;
    opened.current = undefined;
    if (id) void store.call((api) => api.closeImport({ id }));
  };
  useEffect(() => forget, []);

  const title = step === 'result' ? t('bundles.import.resultTitle') : t('bundles.import.title');
  return (
    <BundleDialog title={title} onClose={onClose} kind="import">
      {step === 'file' && (
        <FileStep
          nativeDialog={nativeDialog}
          onOpened={(id) => {
            if (opened.current !== id) forget();
            opened.current = id;
          }}
          onPreview={(p) => {
            setPreview(p);
            setStep('preview');
          }}
          onCancel={onClose}
        />
      )}
      {step === 'preview' && preview && (
        <PreviewStep
          preview={preview}
          onBack={() => {
            forget();
            setPreview(undefined);
            setStep('file');
          }}
          onImported={(done) => {
            // Core forgot the bundle once it was saved.
            opened.current = undefined;
            setOutcomes(done);
            setStep('result');
          }}
          onCancel={onClose}
        />
      )}
      {step === 'result' && outcomes && <ResultStep outcomes={outcomes} onDone={onClose} />}
    </BundleDialog>
  );
}

// ---- 1. the file and its passphrase -----------------------------------------------------------

function FileStep({
  nativeDialog,
  onOpened,
  onPreview,
  onCancel,
}: {
  nativeDialog: boolean;
  onOpened: (fileId: string) => void;
  onPreview: (p: ImportPreview) => void;
  onCancel: () => void;
}) {
  const { t } = useT();
  const fileId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [file, setFile] = useState<File>();
  const [chosen, setChosen] = useState<BundleFileView>();
  const [passphrase, setPassphrase] = useState('');
  const [fileError, setFileError] = useState<string>();
  const [passphraseError, setPassphraseError] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const fileProblem = (error: AppErrorView) => {
    const reason = error.bundle?.reason;
    if (reason === 'passphrase') {
      setPassphraseError(bundleErrorText(error, t));
      formRef.current?.querySelector<HTMLInputElement>('[data-field="passphrase"] input')?.focus();
    } else if (reason === 'not_bundle' || reason === 'too_large' || reason === 'expired' || reason === 'file') {
      setChosen(undefined);
      setFileError(bundleErrorText(error, t));
    } else setFormError(bundleErrorText(error, t));
  };

  const chooseNative = async () => {
    setFileError(undefined);
    const result = await store.installerCall((api) => api.openBundleFile({ kind: 'dialog' }));
    if (!result.ok) return fileProblem(result.error);
    if (result.value) {
      setChosen(result.value);
      onOpened(result.value.fileId);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setFormError(undefined);
    const noFile = nativeDialog ? !chosen : !file && !chosen;
    setFileError(noFile ? t('bundles.import.needFile') : undefined);
    setPassphraseError(passphrase ? undefined : t('bundles.import.needPassphrase'));
    if (noFile || !passphrase) return;
    setBusy(true);
    try {
      let current = chosen;
      if (!current && file) {
        if (file.size > MAX_BUNDLE_BYTES) return setFileError(t('bundles.errors.too_large'));
        const data = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
        const uploaded = await store.installerCall((api) => api.openBundleFile({ kind: 'upload', fileName: file.name, data }));
        if (!uploaded.ok) return fileProblem(uploaded.error);
        if (!uploaded.value) return;
        current = uploaded.value;
        setChosen(current);
        onOpened(current.fileId);
      }
      if (!current) return;
      const previewed = await store.installerCall((api) => api.previewImport({ fileId: current.fileId, passphrase }));
      if (!previewed.ok) return fileProblem(previewed.error);
      onPreview(previewed.value);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={formRef} className="bundle-form" noValidate onSubmit={(e) => void submit(e)}>
      <div className={`field${fileError ? ' field--invalid' : ''}`} data-field="bundleFile">
        {nativeDialog ? (
          <>
            <span className="field__label">{t('bundles.import.file')}</span>
            <div className="bundle-file">
              <button type="button" className="button" onClick={() => void chooseNative()} data-autofocus>
                {t('bundles.import.chooseFile')}
              </button>
              <span>{chosen ? t('bundles.import.chosen', { file: chosen.fileName }) : t('bundles.import.noFile')}</span>
            </div>
          </>
        ) : (
          <>
            <label htmlFor={fileId} className="field__label">
              {t('bundles.import.file')}
            </label>
            <input
              id={fileId}
              type="file"
              accept=".tessera"
              data-autofocus
              aria-invalid={fileError ? true : undefined}
              aria-describedby={`${fileId}-hint${fileError ? ` ${fileId}-error` : ''}`}
              onChange={(e) => {
                setFile(e.target.files?.[0]);
                // Another file: the one core holds is not it.
                setChosen(undefined);
                setFileError(undefined);
              }}
            />
          </>
        )}
        <FieldError id={`${fileId}-error`} message={fileError} />
        <p id={`${fileId}-hint`} className="field__hint">
          {t('bundles.import.fileHint')}
        </p>
      </div>
      <TextField
        label={t('bundles.import.passphrase')}
        name="passphrase"
        value={passphrase}
        secret
        required
        hint={t('bundles.import.passphraseHint')}
        error={passphraseError}
        onChange={(value) => {
          setPassphrase(value);
          setPassphraseError(undefined);
        }}
      />
      <FormError message={formError} />
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onCancel}>
          {t('bundles.cancel')}
        </button>
        <button type="submit" className="button button--primary" aria-disabled={busy || undefined}>
          {busy ? t('bundles.import.opening') : t('bundles.import.open')}
        </button>
      </div>
    </form>
  );
}

// ---- 2. the preview ----------------------------------------------------------------------------

function PreviewStep({
  preview,
  onBack,
  onImported,
  onCancel,
}: {
  preview: ImportPreview;
  onBack: () => void;
  onImported: (o: ImportOutcome[]) => void;
  onCancel: () => void;
}) {
  const { t, lang } = useT();
  const formRef = useRef<HTMLFormElement>(null);
  const [form, setForm] = useState<ImportForm>(() => initialImportForm(preview));
  const [issues, setIssues] = useState<SortedIssues>({ terminal: {}, rows: {} });
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const terminal = terminalFields(preview);
  const issueText = (issue: FieldIssueView | undefined) =>
    issue ? t(knownKey(issue.message), { maximum: issue.maximum ?? '' }) : undefined;

  const setRow = (index: number, patch: Partial<RowForm>) => {
    setForm((f) => ({ ...f, rows: { ...f.rows, [index]: { ...f.rows[index]!, ...patch } } }));
    setIssues((current) => ({ ...current, rows: { ...current.rows, [index]: {} } }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setFormError(undefined);
    setBusy(true);
    const result = await store.installerCall((api) =>
      api.importProfiles({ importId: preview.importId, choices: importChoices(preview, form) }),
    );
    setBusy(false);
    if (result.ok) return onImported(result.value);
    if (result.error.code === 'validation') {
      setIssues(sortIssues(result.error.issues));
      setFormError(t('bundles.import.fixErrors'));
      // The first marked field, for keyboard and screen-reader users.
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    } else setFormError(bundleErrorText(result.error, t));
  };

  const needing = (field: CredentialField) => preview.profiles.filter((p) => p.needs.includes(field)).map((p) => p.name);

  return (
    <form ref={formRef} className="bundle-form" noValidate onSubmit={(e) => void submit(e)}>
      <p className="lead" data-bundle-summary>
        {t('bundles.import.summary', {
          file: preview.fileName,
          date: new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(preview.createdAt),
          version: preview.appVersion,
        })}{' '}
        {t(preview.withSecrets ? 'bundles.import.withSecrets' : 'bundles.import.template')}
      </p>
      {terminal.length > 0 && (
        <fieldset className="subgroup" data-bundle-terminal>
          <legend>{t('bundles.import.terminal')}</legend>
          <p className="field__hint bundle-terminal__hint">
            {t('bundles.import.terminalHint', { profiles: needing(terminal[0]!).join(', ') })}
          </p>
          {terminal.map((field) => (
            <TextField
              key={field}
              label={t(`wizard.fields.${field}`)}
              name={`terminal-${field}`}
              value={form.terminal[field] ?? ''}
              required
              error={issueText(issues.terminal[field])}
              onChange={(value) => {
                setForm((f) => ({ ...f, terminal: { ...f.terminal, [field]: value } }));
                setIssues((current) => ({ ...current, terminal: { ...current.terminal, [field]: undefined } }));
              }}
            />
          ))}
        </fieldset>
      )}
      <h3>{t('bundles.import.profiles')}</h3>
      <ul className="bundle-rows">
        {preview.profiles.map((p) => (
          <PreviewRow
            key={p.index}
            profile={p}
            row={form.rows[p.index]!}
            issues={issues.rows[p.index] ?? {}}
            onChange={(patch) => setRow(p.index, patch)}
            issueText={issueText}
          />
        ))}
      </ul>
      <FormError message={formError} />
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onBack}>
          {t('bundles.import.back')}
        </button>
        <span className="spacer" />
        <button type="button" className="button" onClick={onCancel}>
          {t('bundles.cancel')}
        </button>
        <button type="submit" className="button button--primary" aria-disabled={busy || undefined} data-autofocus>
          {busy ? t('bundles.import.importing') : t('bundles.import.submit')}
        </button>
      </div>
    </form>
  );
}

function PreviewRow({
  profile,
  row,
  issues,
  onChange,
  issueText,
}: {
  profile: ImportPreviewProfile;
  row: RowForm;
  issues: Record<string, FieldIssueView>;
  onChange: (patch: Partial<RowForm>) => void;
  issueText: (issue: FieldIssueView | undefined) => string | undefined;
}) {
  const { t, lang } = useT();
  const info = useProvider(profile.provider);
  const clashErrorId = useId();
  const providerName = info ? localized(info.label, lang) : profile.provider;
  const required = profile.needs.filter((f) => !isPerTerminal(f));
  const secrets = [...required, ...profile.optional];
  // A template replacing a profile of the same provider may keep that profile's secrets.
  const keepStored = profile.clash?.sameProvider === true && row.action === 'replace';
  const showSecrets = secrets.length > 0 && row.action !== 'skip';
  const hintFor = (field: CredentialField) => {
    if (keepStored) return t('bundles.import.keepStored');
    // The wizard's hint for an optional header says when the provider asks for it.
    return field === 'preSharedKey' && !required.includes(field) ? t('fieldNotes.hints.preSharedKey') : undefined;
  };
  const clashInfo = useProvider(profile.clash?.provider ?? '');
  const clashProvider = clashInfo ? localized(clashInfo.label, lang) : (profile.clash?.provider ?? '');
  return (
    <li className="bundle-row" aria-label={profile.name} data-bundle-profile={profile.name}>
      <div className="bundle-row__head">
        <strong>{profile.name}</strong>
        <span className="bundle-row__meta">
          {t('card.providerAndEnvironment', { provider: providerName, environment: environmentText(profile.environment, info, lang, t) })}
        </span>
      </div>
      <p className="bundle-row__needs" data-needs>
        {profile.needs.length > 0
          ? t('bundles.import.missing', { fields: profile.needs.map((f) => t(`wizard.fields.${f}`)).join(', ') })
          : t('bundles.import.nothingMissing')}
      </p>
      {profile.clash && (
        <fieldset className="bundle-row__clash" aria-describedby={issues.action ? clashErrorId : undefined}>
          <legend>{t('bundles.import.clash', { name: profile.clash.name, provider: clashProvider })}</legend>
          {(['skip', 'replace', 'rename'] as const).map((action) => (
            <label key={action} className="choice">
              <input
                type="radio"
                name={`clash-${profile.index}`}
                checked={row.action === action}
                aria-invalid={issues.action ? true : undefined}
                onChange={() => onChange({ action })}
              />
              {t(`bundles.import.actions.${action}`)}
            </label>
          ))}
          <FieldError id={clashErrorId} message={issueText(issues.action)} />
          {row.action === 'rename' && (
            <TextField
              label={t('bundles.import.newName')}
              name={`newName-${profile.index}`}
              value={row.newName}
              required
              error={issueText(issues.name)}
              onChange={(newName) => onChange({ newName })}
            />
          )}
        </fieldset>
      )}
      {showSecrets && (
        <div className="fields">
          {secrets.map((field) => (
            <TextField
              key={field}
              label={t(`wizard.fields.${field}`)}
              name={field}
              value={row.secrets[field] ?? ''}
              secret
              required={!keepStored && required.includes(field)}
              optional={!required.includes(field)}
              hint={hintFor(field)}
              error={issueText(issues[field])}
              onChange={(value) => onChange({ secrets: { ...row.secrets, [field]: value } })}
            />
          ))}
        </div>
      )}
    </li>
  );
}

// ---- 3. what happened --------------------------------------------------------------------------

function ResultStep({ outcomes, onDone }: { outcomes: ImportOutcome[]; onDone: () => void }) {
  const { t } = useT();
  return (
    <div className="bundle-form">
      <p className="lead">{t('bundles.import.resultIntro')}</p>
      <ul className="bundle-rows">
        {outcomes.map((o) => (
          <ImportedRow key={o.index} outcome={o} />
        ))}
      </ul>
      <div className="dialog__actions">
        <button type="button" className="button button--primary" onClick={onDone} data-autofocus>
          {t('bundles.import.done')}
        </button>
      </div>
    </div>
  );
}

function ImportedRow({ outcome }: { outcome: ImportOutcome }) {
  const { t, lang } = useT();
  const token = useAppState((s) => (outcome.id ? s.tokens[outcome.id] : undefined));
  const health = useAppState((s) => (outcome.id ? s.model.healths[outcome.id] : undefined)) ?? 'pending';
  const profile = useAppState((s) => s.profiles.find((p) => p.id === outcome.id));
  const info = useProvider(profile?.provider ?? '');
  const failure = token?.lastError;
  return (
    <li className="bundle-row bundle-row--result" aria-label={outcome.name} data-imported={outcome.outcome}>
      <div className="bundle-row__head">
        <strong>{outcome.name}</strong>
        <span className="bundle-row__meta">{t(`bundles.import.${outcome.outcome}`)}</span>
      </div>
      {outcome.outcome !== 'skipped' &&
        (token ? (
          <StatusBadge token={token} health={health} />
        ) : (
          <StatusBadge token={{ profileId: outcome.id ?? '', state: 'acquiring', since: 0, failures: 0 }} health="pending" />
        ))}
      {failure && token?.state !== 'valid' && <p className="field__hint">{explainCode(failure.code, failure.status, info, lang, t)}</p>}
    </li>
  );
}
