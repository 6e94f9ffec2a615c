// The access-key flow in Settings → POS connections, against the fake core: a key is created,
// shown once (and never again), listed by its first characters only, and revoked after asking.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { profileView } from './support/fake-tessera';
import { openSettings, renderApp } from './support/render-app';

const newKeyForm = () => screen.getByRole('form', { name: 'New access key' });
const keyList = () => screen.getByRole('region', { name: 'Access keys' });

describe('access keys', () => {
  it('a new key is shown once with an example; Done and leaving Settings forget it', async () => {
    const app = await renderApp({ profiles: [profileView({ id: 'p1', name: 'Till 1' })] });
    await openSettings(app);
    expect(screen.getByText('Off. It starts when you create the first access key.')).toBeTruthy();
    expect(screen.getByText('No access keys yet.')).toBeTruthy();

    await app.user.type(within(newKeyForm()).getByLabelText('Key name'), 'Till software');
    await app.user.click(within(newKeyForm()).getByRole('button', { name: 'Create access key' }));
    expect(app.fake.inputs('createAccessKey')).toEqual([{ name: 'Till software', profiles: null }]);

    const shown = await screen.findByRole('region', { name: 'Access key “Till software” created' });
    const key = within(shown).getByLabelText<HTMLInputElement>('Access key').value;
    expect(key).toMatch(/^tsk_/);
    expect(within(shown).getByText(/^Copy it now: Tessera will not show it again/)).toBeTruthy();
    expect(within(shown).getByText(new RegExp(key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).tagName).toBe('CODE');

    // The list names the key by its first characters, never the key.
    const list = keyList();
    await waitFor(() => expect(within(list).getByText('Till software')).toBeTruthy());
    expect(within(list).getByText('Starts with').nextElementSibling?.textContent).toContain(key.slice(0, 8));
    expect(list.textContent).not.toContain(key);

    await app.user.click(within(shown).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('region', { name: 'Access key “Till software” created' })).toBeNull();
    expect(document.body.textContent).not.toContain(key);
  });

  it('the key is gone once Settings is left and opened again', async () => {
    const app = await renderApp();
    await openSettings(app);
    await app.user.type(within(newKeyForm()).getByLabelText('Key name'), 'Kiosk');
    await app.user.click(within(newKeyForm()).getByRole('button', { name: 'Create access key' }));
    const shown = await screen.findByRole('region', { name: 'Access key “Kiosk” created' });
    const key = within(shown).getByLabelText<HTMLInputElement>('Access key').value;

    await app.user.click(screen.getByRole('button', { name: 'Profiles' }));
    await openSettings(app);
    expect(screen.queryByRole('region', { name: 'Access key “Kiosk” created' })).toBeNull();
    expect(document.body.textContent).not.toContain(key);
  });

  it('a name already in use, refused by core, is explained next to the field and no key is shown', async () => {
    const now = Date.now();
    const app = await renderApp({
      accessKeys: [{ id: 'k1', name: 'Kiosk', hint: 'tsk_abcd', createdAt: now, lastUsedAt: null, profiles: null }],
    });
    await openSettings(app);
    await app.user.type(within(newKeyForm()).getByLabelText('Key name'), 'kiosk');
    await app.user.click(within(newKeyForm()).getByRole('button', { name: 'Create access key' }));
    const field = within(newKeyForm()).getByLabelText('Key name').closest('[data-field]')!;
    await waitFor(() => expect(field.textContent).toContain('Another access key already has this name.'));
    expect(document.activeElement).toBe(within(newKeyForm()).getByLabelText('Key name'));
    expect(screen.queryByRole('region', { name: /created$/ })).toBeNull();
    expect(app.fake.accessKeys).toHaveLength(1);
  });

  it('Revoke asks first; confirmed, the key leaves the list and the toast says so', async () => {
    const now = Date.now();
    const app = await renderApp({
      accessKeys: [{ id: 'k1', name: 'Kiosk', hint: 'tsk_abcd', createdAt: now, lastUsedAt: null, profiles: null }],
    });
    await openSettings(app);
    const list = keyList();
    await waitFor(() => expect(within(list).getByText('Kiosk')).toBeTruthy());
    await app.user.click(within(list).getByRole('button', { name: /Revoke/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke “Kiosk”?' });
    expect(within(dialog).getByText(/stop getting tokens at once/)).toBeTruthy();
    await app.user.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(screen.getByText('No access keys yet.')).toBeTruthy());
    expect(app.fake.inputs('revokeAccessKey')).toEqual([{ id: 'k1' }]);
    expect(screen.getAllByText('Access key “Kiosk” revoked.').length).toBeGreaterThan(0);
  });

  it('while locked the keys are not asked for; creating one asks for the PIN', async () => {
    const app = await renderApp({ lock: { pinSet: true, locked: true }, pin: '2468' });
    await openSettings(app);
    expect(screen.getByText(/The access keys are shown to the installer only\./)).toBeTruthy();
    expect(app.fake.inputs('listAccessKeys')).toEqual([]);
    await app.user.type(within(newKeyForm()).getByLabelText('Key name'), 'Kiosk');
    await app.user.click(within(newKeyForm()).getByRole('button', { name: 'Create access key' }));
    expect(await screen.findByRole('dialog', { name: 'Installer PIN' })).toBeTruthy();
    expect(app.fake.inputs('createAccessKey')).toEqual([]);
  });
});
