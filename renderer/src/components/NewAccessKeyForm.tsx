// "New access key": a name, optionally the profiles the key may read (all by default), and
// "Create access key". The key comes back in the answer and is handed straight to the parent,
// which shows it once; this form keeps nothing of it.
import { type FormEvent, useId, useRef, useState } from 'react';

import type { FieldIssue } from '../app/draft';
import { issueMessage, issuesByPath, KEY_NAME_WORDING } from '../app/pos-connections';
import { store, useAppState } from '../app/store';
import { useT } from '../app/use-t';
import type { NewAccessKey } from './CreatedAccessKey';
import { FieldError, FormError } from './ErrorText';
import { lockedProps, LockMark, useLocked } from './InstallerLock';
import { TextField } from './TextField';

type Scope = 'all' | 'some';

export function NewAccessKeyForm({ onCreated }: { onCreated: (created: NewAccessKey) => void }) {
  const { t } = useT();
  const profiles = useAppState((s) => s.profiles);
  const headingId = useId();
  const scopeErrorId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState('');
  const [scope, setScope] = useState<Scope>('all');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set());
  const [issues, setIssues] = useState<{ name?: FieldIssue; profiles?: FieldIssue }>({});
  const [formError, setFormError] = useState<string>();
  const [creating, setCreating] = useState(false);
  const locked = useLocked();

  const focusField = (field: 'name' | 'profiles') => {
    const selector = field === 'name' ? '[data-field="keyName"] input' : 'fieldset[data-field="keyProfiles"] input';
    formRef.current?.querySelector<HTMLInputElement>(selector)?.focus();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (creating) return;
    setFormError(undefined);
    const picked = profiles.filter((p) => chosen.has(p.id)).map((p) => p.id);
    const found: typeof issues = {};
    if (!name.trim()) found.name = { message: 'validation.required' };
    if (scope === 'some' && picked.length === 0) found.profiles = { message: 'posConnections.chooseProfile' };
    setIssues(found);
    if (found.name || found.profiles) return focusField(found.name ? 'name' : 'profiles');

    setCreating(true);
    const result = await store.installerCall((api) => api.createAccessKey({ name, profiles: scope === 'all' ? null : picked }));
    setCreating(false);
    if (result.ok) {
      setName('');
      setScope('all');
      setChosen(new Set());
      store.announce('posConnections.createdNotice', { name: result.value.accessKey.name });
      onCreated(result.value);
      return;
    }
    const returned = issuesByPath(result.error.issues, ['name', 'profiles']);
    if (result.error.code === 'validation' && (returned.name || returned.profiles)) {
      setIssues(returned);
      focusField(returned.name ? 'name' : 'profiles');
    } else setFormError(t(`appErrors.${result.error.code}`));
  };

  const toggle = (id: string, on: boolean) => {
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
    setIssues((current) => ({ ...current, profiles: undefined }));
  };

  return (
    <form ref={formRef} className="new-key-form" aria-labelledby={headingId} noValidate onSubmit={(e) => void submit(e)}>
      <h3 id={headingId}>{t('posConnections.newKey')}</h3>
      <TextField
        label={t('posConnections.keyName')}
        name="keyName"
        value={name}
        onChange={(value) => {
          setName(value);
          setIssues((current) => ({ ...current, name: undefined }));
        }}
        hint={t('posConnections.keyNameHint')}
        error={issues.name ? issueMessage(issues.name, t, KEY_NAME_WORDING) : undefined}
        required
      />
      {profiles.length > 0 && (
        <fieldset className="subgroup scope" data-field="keyProfiles" aria-describedby={issues.profiles ? scopeErrorId : undefined}>
          <legend>{t('posConnections.scope')}</legend>
          {(['all', 'some'] as const).map((value) => (
            <label key={value} className="choice">
              <input type="radio" name="keyScope" value={value} checked={scope === value} onChange={() => setScope(value)} />
              {t(value === 'all' ? 'posConnections.scopeAll' : 'posConnections.scopeSome')}
            </label>
          ))}
          {scope === 'some' && (
            <ul className="scope__profiles">
              {profiles.map((p) => (
                <li key={p.id}>
                  <label className="choice">
                    <input
                      type="checkbox"
                      checked={chosen.has(p.id)}
                      aria-invalid={issues.profiles ? true : undefined}
                      onChange={(e) => toggle(p.id, e.target.checked)}
                    />
                    {p.name}
                  </label>
                </li>
              ))}
            </ul>
          )}
          <FieldError id={scopeErrorId} message={issues.profiles ? issueMessage(issues.profiles, t) : undefined} />
        </fieldset>
      )}
      <div>
        <button type="submit" className="button button--primary" aria-disabled={creating || undefined} {...lockedProps(locked)}>
          <LockMark />
          {creating ? t('posConnections.creating') : t('posConnections.create')}
        </button>
      </div>
      <FormError message={formError} />
    </form>
  );
}
