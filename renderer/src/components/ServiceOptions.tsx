// The token service's port and the token margin, checked here with core's own schemas and
// again by core (whose field issues come back next to the same fields).
import { type FormEvent, useId, useRef, useState } from 'react';

import { servicePortSchema, tokenMarginSchema } from '#common/settings';

import type { FieldIssue } from '../app/draft';
import { issueMessage, issuesByPath, parseWholeNumber } from '../app/pos-connections';
import { store, useAppState } from '../app/store';
import { useT } from '../app/use-t';
import type { Settings } from '../bridge/types';
import { FormError } from './ErrorText';
import { lockedProps, LockMark, useLocked } from './InstallerLock';
import { TextField } from './TextField';

type Field = 'servicePort' | 'tokenMarginSeconds';

export function ServiceOptions({ settings }: { settings: Settings }) {
  const { t } = useT();
  const service = useAppState((s) => s.service);
  const headingId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [port, setPort] = useState(String(settings.servicePort));
  const [margin, setMargin] = useState(String(settings.tokenMarginSeconds));
  const [issues, setIssues] = useState<Partial<Record<Field, FieldIssue>>>({});
  const [formError, setFormError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const locked = useLocked();

  const focusFirst = (found: Partial<Record<Field, FieldIssue>>) => {
    const field = found.servicePort ? 'servicePort' : 'tokenMarginSeconds';
    formRef.current?.querySelector<HTMLInputElement>(`[data-field="${field}"] input`)?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    setFormError(undefined);
    const parsedPort = parseWholeNumber(port, servicePortSchema);
    const parsedMargin = parseWholeNumber(margin, tokenMarginSchema);
    const found: Partial<Record<Field, FieldIssue>> = {};
    if (!parsedPort.ok) found.servicePort = parsedPort.issue;
    if (!parsedMargin.ok) found.tokenMarginSeconds = parsedMargin.issue;
    setIssues(found);
    if (!parsedPort.ok || !parsedMargin.ok) return focusFirst(found);

    setSaving(true);
    const result = await store.installerCall((api) =>
      api.updateSettings({ servicePort: parsedPort.value, tokenMarginSeconds: parsedMargin.value }),
    );
    setSaving(false);
    if (result.ok) {
      store.setSettings(result.value);
      setPort(String(result.value.servicePort));
      setMargin(String(result.value.tokenMarginSeconds));
      store.announce('settings.saved');
      return;
    }
    const returned = issuesByPath(result.error.issues, ['servicePort', 'tokenMarginSeconds'] as const);
    if (result.error.code === 'validation' && (returned.servicePort || returned.tokenMarginSeconds)) {
      setIssues(returned);
      focusFirst(returned);
    } else setFormError(t(`appErrors.${result.error.code}`));
  };

  // Started with a fixed port (a command-line override), the saved one waits for a plain start.
  const overridden = service?.portOverridden === true;

  return (
    <form ref={formRef} className="service-options" aria-labelledby={headingId} noValidate onSubmit={(e) => void submit(e)}>
      <h3 id={headingId}>{t('posConnections.options')}</h3>
      <TextField
        label={t('posConnections.port')}
        name="servicePort"
        inputMode="numeric"
        value={port}
        onChange={(value) => {
          setPort(value);
          setIssues((current) => ({ ...current, servicePort: undefined }));
        }}
        hint={
          overridden
            ? `${t('posConnections.portHint')} ${t('posConnections.portOverridden', { port: service.port })}`
            : t('posConnections.portHint')
        }
        error={issues.servicePort ? issueMessage(issues.servicePort, t) : undefined}
        required
      />
      <TextField
        label={t('posConnections.margin')}
        name="tokenMarginSeconds"
        inputMode="numeric"
        value={margin}
        onChange={(value) => {
          setMargin(value);
          setIssues((current) => ({ ...current, tokenMarginSeconds: undefined }));
        }}
        hint={t('posConnections.marginHint')}
        error={issues.tokenMarginSeconds ? issueMessage(issues.tokenMarginSeconds, t) : undefined}
        required
      />
      <div>
        <button type="submit" className="button" aria-disabled={saving || undefined} {...lockedProps(locked)}>
          <LockMark />
          {saving ? t('posConnections.saving') : t('posConnections.save')}
        </button>
      </div>
      <FormError message={formError} />
    </form>
  );
}
