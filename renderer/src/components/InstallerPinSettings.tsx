// Settings → Installer PIN: what the lock does, setting a first PIN, changing or removing it
// (with the current PIN, which core checks under its backoff), and "Lock now". Saving goes
// through the PIN dialog first when locked. The typed PINs live in these fields only and are
// cleared after every attempt.
import { type FormEvent, useId, useRef, useState } from 'react';

import { store, useAppState } from '../app/store';
import { useT } from '../app/use-t';
import { formatDuration } from '../i18n/format';
import { knownKey } from '../i18n/keys';
import { FormError } from './ErrorText';
import { lockedProps, LockMark, useLocked } from './InstallerLock';
import { TextField } from './TextField';

type Field = 'currentPin' | 'newPin' | 'repeatPin';
const PIN = /^[0-9]{4,12}$/;

export function InstallerPinSettings() {
  const { t, lang } = useT();
  const lock = useAppState((s) => s.lock);
  const locked = useLocked();
  const headingId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<Record<Field, string>>({ currentPin: '', newPin: '', repeatPin: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const pinSet = lock?.pinSet === true;

  const focus = (field: Field) => formRef.current?.querySelector<HTMLInputElement>(`[data-field="${field}"] input`)?.focus();
  const change = (field: Field) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const save = async (remove: boolean) => {
    if (busy) return;
    setFormError(undefined);
    const found: Partial<Record<Field, string>> = {};
    if (pinSet && !PIN.test(values.currentPin)) found.currentPin = t('installerLock.pinFormat');
    if (!remove) {
      if (!PIN.test(values.newPin)) found.newPin = t('installerLock.pinFormat');
      else if (values.repeatPin !== values.newPin) found.repeatPin = t('installerLock.pinsDiffer');
    }
    setErrors(found);
    const first = (['currentPin', 'newPin', 'repeatPin'] as const).find((f) => found[f]);
    if (first) return focus(first);

    setBusy(true);
    const input = { ...(pinSet ? { currentPin: values.currentPin } : {}), newPin: remove ? null : values.newPin };
    const result = await store.installerCall((api) => api.setInstallerPin(input));
    setBusy(false);
    setValues({ currentPin: '', newPin: '', repeatPin: '' });
    if (result.ok) {
      store.setLock(result.value);
      store.announce(remove ? 'installerLock.pinRemoved' : pinSet ? 'installerLock.pinChanged' : 'installerLock.pinSaved');
      return;
    }
    const { code, retryInMs, issues } = result.error;
    if (code === 'wrong_pin' || code === 'pin_backoff') {
      const wait = t('installerLock.waitFor', { duration: formatDuration(Math.ceil((retryInMs ?? 0) / 1000) * 1000, lang) });
      setErrors({ currentPin: code === 'wrong_pin' ? `${t('installerLock.wrongPin')} ${wait}` : wait });
      focus('currentPin');
    } else if (code === 'validation' && issues?.length) {
      const field = (issues[0]!.path === 'currentPin' ? 'currentPin' : 'newPin') satisfies Field;
      setErrors({ [field]: t(knownKey(issues[0]!.message)) });
      focus(field);
    } else setFormError(t(`appErrors.${code}`));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(false);
  };

  return (
    <section className="panel installer-pin" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('installerLock.title')}</h2>
      <p className="lead">{t('installerLock.settingsIntro', { duration: formatDuration(lock?.unlockMs ?? 300_000, lang) })}</p>
      <p className="installer-pin__state" data-pin-state={pinSet ? 'set' : 'none'}>
        {pinSet ? t('installerLock.pinIsSet') : t('installerLock.noPin')}
      </p>
      <form ref={formRef} className="installer-pin__form" noValidate onSubmit={submit} data-pin-entry="">
        {pinSet && (
          <TextField
            label={t('installerLock.currentPin')}
            name="currentPin"
            value={values.currentPin}
            onChange={change('currentPin')}
            secret
            inputMode="numeric"
            error={errors.currentPin}
          />
        )}
        <TextField
          label={t('installerLock.newPin')}
          name="newPin"
          value={values.newPin}
          onChange={change('newPin')}
          secret
          inputMode="numeric"
          hint={t('installerLock.pinHint')}
          error={errors.newPin}
        />
        <TextField
          label={t('installerLock.repeatPin')}
          name="repeatPin"
          value={values.repeatPin}
          onChange={change('repeatPin')}
          secret
          inputMode="numeric"
          error={errors.repeatPin}
        />
        <div className="toolbar">
          <button type="submit" className="button button--primary" aria-disabled={busy || undefined} {...lockedProps(locked)}>
            <LockMark />
            {busy ? t('installerLock.saving') : pinSet ? t('installerLock.changePin') : t('installerLock.setPin')}
          </button>
          {pinSet && (
            <button
              type="button"
              className="button button--quiet-danger"
              onClick={() => void save(true)}
              aria-disabled={busy || undefined}
              {...lockedProps(locked)}
            >
              <LockMark />
              {t('installerLock.removePin')}
            </button>
          )}
        </div>
        <FormError message={formError} />
      </form>
    </section>
  );
}
