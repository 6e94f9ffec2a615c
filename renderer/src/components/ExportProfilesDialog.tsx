// Settings › "Export profiles…": which profiles, with or without their secrets, and a passphrase
// typed twice. In the app main asks where to save (a native dialog) and writes the file; in the
// browser host the encrypted bytes come back and the page offers them as a download.
import { type FormEvent, useId, useRef, useState } from 'react';

import {
  base64ToBytes,
  bundleErrorText,
  environmentText,
  type ExportProblems,
  exportProblems,
  MIN_PASSPHRASE_LENGTH,
} from '../app/bundles';
import { store, useAppState } from '../app/store';
import { useT } from '../app/use-t';
import type { MessageKey } from '../i18n/keys';
import { localized } from '../i18n/localized';
import { BundleDialog } from './BundleDialog';
import { FieldError, FormError } from './ErrorText';
import { TextField } from './TextField';

export function ExportProfilesDialog({
  onClose,
  onDone,
}: {
  onClose: () => void;
  onDone: (done: { file: string; count: number }) => void;
}) {
  const { t, lang } = useT();
  const profiles = useAppState((s) => s.profiles);
  const catalog = useAppState((s) => s.catalog);
  const formRef = useRef<HTMLFormElement>(null);
  const profilesErrorId = useId();
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(profiles.map((p) => p.id)));
  const [withSecrets, setWithSecrets] = useState(true);
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problems, setProblems] = useState<ExportProblems>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const focusFirstProblem = (found: ExportProblems) => {
    const selector = found.profiles
      ? 'fieldset[data-field="bundleProfiles"] input'
      : found.passphrase
        ? '[data-field="passphrase"] input'
        : '[data-field="passphraseRepeat"] input';
    formRef.current?.querySelector<HTMLInputElement>(selector)?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setFormError(undefined);
    const found = exportProblems({ chosen, passphrase, repeat });
    setProblems(found);
    if (Object.keys(found).length > 0) return focusFirstProblem(found);
    setBusy(true);
    const ids = profiles.filter((p) => chosen.has(p.id)).map((p) => p.id);
    const result = await store.installerCall((api) => api.exportProfiles({ ids, withSecrets, passphrase }));
    setBusy(false);
    if (!result.ok) {
      if (result.error.bundle?.reason === 'passphrase_short') {
        const short: ExportProblems = { passphrase: 'bundles.export.short' };
        setProblems(short);
        return focusFirstProblem(short);
      }
      setFormError(bundleErrorText(result.error, t));
      return;
    }
    const done = result.value;
    if (done.kind === 'cancelled') return;
    if (done.kind === 'download') offerDownload(done.fileName, base64ToBytes(done.data));
    onDone({ file: done.fileName, count: done.profiles });
  };

  const toggle = (id: string, on: boolean) => {
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
    setProblems((p) => ({ ...p, profiles: undefined }));
  };

  const message = (key: MessageKey | undefined) => (key ? t(key, { min: MIN_PASSPHRASE_LENGTH }) : undefined);

  return (
    <BundleDialog title={t('bundles.export.title')} onClose={onClose} kind="export">
      <form ref={formRef} className="bundle-form" noValidate onSubmit={(e) => void submit(e)}>
        <fieldset className="subgroup" data-field="bundleProfiles" aria-describedby={problems.profiles ? profilesErrorId : undefined}>
          <legend>{t('bundles.export.profiles')}</legend>
          <ul className="bundle-choices">
            {profiles.map((p, i) => {
              const info = catalog.find((c) => c.id === p.provider);
              return (
                <li key={p.id}>
                  <label className="choice">
                    <input
                      type="checkbox"
                      checked={chosen.has(p.id)}
                      onChange={(e) => toggle(p.id, e.target.checked)}
                      {...(i === 0 ? { 'data-autofocus': true } : {})}
                    />
                    <span>
                      {p.name}{' '}
                      <span className="bundle-choices__meta">
                        {t('card.providerAndEnvironment', {
                          provider: info ? localized(info.label, lang) : p.provider,
                          environment: environmentText(p.environment, info, lang, t),
                        })}
                      </span>
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
          <FieldError id={profilesErrorId} message={message(problems.profiles)} />
        </fieldset>
        <fieldset className="subgroup">
          <legend>{t('bundles.export.secrets')}</legend>
          {([true, false] as const).map((value) => (
            <label key={String(value)} className="choice choice--described">
              <input type="radio" name="bundleSecrets" checked={withSecrets === value} onChange={() => setWithSecrets(value)} />
              <span>
                {t(value ? 'bundles.export.withSecrets' : 'bundles.export.template')}
                <span className="field__hint">{t(value ? 'bundles.export.withSecretsHint' : 'bundles.export.templateHint')}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <TextField
          label={t('bundles.export.passphrase')}
          name="passphrase"
          value={passphrase}
          secret
          required
          hint={t('bundles.export.passphraseHint', { min: MIN_PASSPHRASE_LENGTH })}
          error={message(problems.passphrase)}
          onChange={(value) => {
            setPassphrase(value);
            setProblems((p) => ({ ...p, passphrase: undefined, repeat: undefined }));
          }}
        />
        <TextField
          label={t('bundles.export.repeat')}
          name="passphraseRepeat"
          value={repeat}
          secret
          required
          error={message(problems.repeat)}
          onChange={(value) => {
            setRepeat(value);
            setProblems((p) => ({ ...p, repeat: undefined }));
          }}
        />
        <p className="field__hint">{t('bundles.export.never')}</p>
        <FormError message={formError} />
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            {t('bundles.cancel')}
          </button>
          <button type="submit" className="button button--primary" aria-disabled={busy || undefined}>
            {busy ? t('bundles.export.working') : t('bundles.export.submit')}
          </button>
        </div>
      </form>
    </BundleDialog>
  );
}

/** The browser host's way to hand a file over: a link to the bytes, clicked once. */
function offerDownload(fileName: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/octet-stream' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
