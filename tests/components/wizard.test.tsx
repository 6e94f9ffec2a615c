// The wizard as a user meets it, against the fake core: what the e2e journeys check slowly
// (validation, secret-binding, field-variants, wizard-small), here in milliseconds. Queries are
// by role and visible text, as a user finds things.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { profileView } from './support/fake-tessera';
import { renderApp, type RenderedApp } from './support/render-app';

async function openWizard(app: RenderedApp): Promise<void> {
  await app.user.click(screen.getByRole('button', { name: /Add profile/ }));
  await screen.findByRole('heading', { level: 1, name: 'Add profile' });
}

async function fill(app: RenderedApp, label: string, value: string): Promise<void> {
  const input = screen.getByLabelText(label, { exact: true });
  await app.user.clear(input);
  await app.user.click(input);
  await app.user.paste(value);
}

const choose = (group: string, name: string) => within(screen.getByRole('radiogroup', { name: group })).getByRole('radio', { name });

/** The error under a field, as the field announces it (aria-describedby). */
function errorOf(label: string): string {
  const input = screen.getByLabelText(label, { exact: true });
  expect(input.getAttribute('aria-invalid')).toBe('true');
  return input.closest('[data-field]')?.querySelector('.field__error')?.textContent ?? '';
}

describe('the wizard checks each field next to it', () => {
  it('a too-long value is refused while typing, with the limit', async () => {
    const app = await renderApp();
    await openWizard(app);
    await app.user.click(choose('Provider', 'eReceipt (ETA Egypt)'));
    await fill(app, 'POS serial', 'S'.repeat(300));
    expect(errorOf('POS serial')).toContain('Too long: at most 100 characters.');
  });

  it('a plain http address is explained once the field is left, not while typing', async () => {
    const app = await renderApp();
    await openWizard(app);
    await app.user.click(choose('Provider', 'eReceipt (ETA Egypt)'));
    await app.user.click(choose('Environment', 'Custom'));
    await fill(app, 'Base URL', 'http://id.eta.gov.eg');
    expect(screen.getByLabelText('Base URL').getAttribute('aria-invalid')).not.toBe('true');
    await app.user.tab();
    expect(errorOf('Base URL')).toContain('Plain http:// is allowed only for this computer');
  });

  it('Save lists every problem, focuses the first and sends nothing', async () => {
    const app = await renderApp();
    await openWizard(app);
    await fill(app, 'Profile name', 'Kiosk');
    await app.user.click(choose('Provider', 'eReceipt (ETA Egypt)'));
    await app.user.click(choose('Environment', 'Custom'));
    await fill(app, 'Base URL', 'http://id.eta.gov.eg');
    await app.user.click(screen.getByRole('button', { name: 'Save' }));

    expect(screen.getByRole('alert').textContent).toBe('Some fields need fixing. They are listed at the top of the form.');
    expect(document.activeElement).toBe(screen.getByLabelText('Base URL'));
    expect(errorOf('Client ID')).toContain('Required.');
    const summary = screen.getByRole('heading', { name: 'Some fields need fixing' }).parentElement!;
    const links = within(summary)
      .getAllByRole('link')
      .map((a) => a.textContent);
    expect(links[0]).toMatch(/^Base URL: Use https:\/\//);
    expect(links).toContain('Client ID: Required.');
    // A link takes the user to its field.
    await app.user.click(within(summary).getByRole('link', { name: 'Client ID: Required.' }));
    expect(document.activeElement).toBe(screen.getByLabelText('Client ID'));

    await app.user.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(app.fake.inputs('createProfile')).toEqual([]);
    expect(app.fake.inputs('testConnection')).toEqual([]);
  });

  it('a name already in use is refused while typing, whatever its case', async () => {
    const app = await renderApp({ profiles: [profileView({ id: 'p1', name: 'Front desk' })] });
    await openWizard(app);
    await fill(app, 'Profile name', 'front desk ');
    expect(errorOf('Profile name')).toBe('✕ Another profile already has this name.');
  });

  it('a name taken meanwhile comes back from core and is shown on the field', async () => {
    const app = await renderApp();
    app.fake.answer('createProfile', () =>
      Promise.resolve({ ok: false, error: { code: 'validation', issues: [{ path: 'name', message: 'validation.nameTaken' }] } }),
    );
    await openWizard(app);
    await fill(app, 'Profile name', 'Till');
    await app.user.click(choose('Provider', 'Invoisys'));
    await app.user.click(choose('Environment', 'Sandbox (built-in)'));
    await app.user.click(screen.getByRole('button', { name: 'Use demo credentials' }));
    await app.user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(errorOf('Profile name')).toContain('Another profile already has this name.'));
    expect(document.activeElement).toBe(screen.getByLabelText('Profile name'));
    // Typing in the field takes core's objection away.
    await fill(app, 'Profile name', 'Till 2');
    expect(screen.getByLabelText('Profile name').getAttribute('aria-invalid')).not.toBe('true');
  });
});

describe('testing and saving', () => {
  it('Test connection shows until when the token would last; Save sends the profile and shows its card', async () => {
    const app = await renderApp();
    await openWizard(app);
    await fill(app, 'Profile name', 'Front desk');
    await app.user.click(choose('Provider', 'Invoisys'));
    await app.user.click(choose('Environment', 'Sandbox (built-in)'));
    const demo = screen.getByRole('button', { name: 'Use demo credentials' });
    await app.user.click(demo);
    // Beside the button, and said by the announcer.
    expect(within(demo.parentElement!).getByText('Demo credentials filled in.')).toBeTruthy();
    expect(screen.getAllByText('Demo credentials filled in.')).toHaveLength(2);
    expect(screen.getByLabelText<HTMLInputElement>('Username').value).toBe('sandbox@invoisys.test');

    await app.user.click(screen.getByRole('button', { name: 'Test connection' }));
    const result = await screen.findByText(/^Signed in\. The token is valid for 1 h/);
    // The result takes focus, so it is read out and seen on a small screen.
    expect(document.activeElement).toBe(result.closest('[data-test-result]'));

    await app.user.click(screen.getByRole('button', { name: 'Save' }));
    expect(app.fake.inputs('createProfile')).toEqual([
      {
        name: 'Front desk',
        provider: 'invoisys',
        environment: { kind: 'sandbox' },
        credentials: { username: 'sandbox@invoisys.test', password: 'sandbox-password' },
      },
    ]);
    expect(await screen.findByRole('heading', { level: 2, name: 'Front desk' })).toBeTruthy();
    expect(screen.queryByRole('heading', { level: 1, name: 'Add profile' })).toBeNull();
  });

  it('a failed test says so in plain words and keeps everything typed', async () => {
    const app = await renderApp();
    app.fake.answer('testConnection', () => Promise.resolve({ ok: false, error: { code: 'internal' } }));
    await openWizard(app);
    await fill(app, 'Profile name', 'Front desk');
    await app.user.click(choose('Provider', 'Invoisys'));
    await app.user.click(choose('Environment', 'Sandbox (built-in)'));
    await app.user.click(screen.getByRole('button', { name: 'Use demo credentials' }));
    await app.user.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText('The test sign-in failed')).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('Profile name').value).toBe('Front desk');
  });

  it('an edit that changes how it signs in is tested before saving; a failed test asks first', async () => {
    const app = await renderApp({
      profiles: [
        profileView({
          id: 'p1',
          name: 'Till 1',
          provider: 'invoisys',
          environment: { kind: 'preset', id: 'production' },
          fields: { username: 'a@b.test' },
        }),
      ],
    });
    app.fake.answer('testConnection', () =>
      Promise.resolve({
        ok: false,
        error: { code: 'provider', failure: { errorClass: 'credentials', code: 'invalid_grant', status: 400 } },
      }),
    );
    await app.user.click(screen.getByRole('button', { name: 'Edit' }));
    await screen.findByRole('heading', { level: 1, name: 'Edit “Till 1”' });
    // The provider is fixed once saved.
    expect(screen.getByText('The provider of a saved profile cannot be changed.')).toBeTruthy();
    expect(screen.getByLabelText('Password').closest('[data-field]')?.textContent).toContain('Stored');

    await fill(app, 'Username', 'c@d.test');
    await app.user.click(screen.getByRole('button', { name: 'Save' }));
    const dialog = await screen.findByRole('dialog', { name: 'Save anyway?' });
    expect(app.fake.inputs('testConnection')).toHaveLength(1);
    expect(app.fake.inputs('updateProfile')).toEqual([]);
    expect(screen.getByText('The test sign-in failed')).toBeTruthy();

    await app.user.click(within(dialog).getByRole('button', { name: 'Save anyway' }));
    await screen.findByRole('heading', { level: 2, name: 'Till 1' });
    expect(app.fake.inputs('updateProfile')).toEqual([
      {
        id: 'p1',
        // An empty secret while editing means "keep the stored one": it is not sent.
        profile: {
          name: 'Till 1',
          provider: 'invoisys',
          environment: { kind: 'preset', id: 'production' },
          credentials: { username: 'c@d.test' },
        },
      },
    ]);
  });

  it('renaming only saves at once, without a test sign-in', async () => {
    const app = await renderApp({
      profiles: [
        profileView({
          id: 'p1',
          name: 'Till 1',
          provider: 'invoisys',
          environment: { kind: 'preset', id: 'production' },
          fields: { username: 'a@b.test' },
        }),
      ],
    });
    await app.user.click(screen.getByRole('button', { name: 'Edit' }));
    await fill(app, 'Profile name', 'Till one');
    await app.user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('heading', { level: 2, name: 'Till one' });
    expect(app.fake.inputs('testConnection')).toEqual([]);
  });
});

describe('optional secrets', () => {
  const cairo = () =>
    profileView({
      id: 'p1',
      name: 'Cairo till',
      provider: 'ereceipt',
      environment: { kind: 'preset', id: 'production' },
      fields: { clientId: 'c', posSerial: 'S1', posOsVersion: 'Linux' },
      secrets: { clientSecret: true, password: false, preSharedKey: true },
    });

  it('a stored optional key can be removed (and kept again); the save says so and tests first', async () => {
    const app = await renderApp({ profiles: [cairo()] });
    await app.user.click(screen.getByRole('button', { name: 'Edit' }));
    await screen.findByRole('heading', { level: 1, name: 'Edit “Cairo till”' });
    const keyField = () => screen.getByLabelText('Pre-shared key').closest('[data-field]') as HTMLElement;
    const secretField = screen.getByLabelText('Client secret').closest('[data-field]') as HTMLElement;
    // A required secret is kept or replaced, never removed.
    expect(within(secretField).queryByRole('button', { name: /^Remove/ })).toBeNull();
    expect(keyField().textContent).toContain('Stored');

    await app.user.click(within(keyField()).getByRole('button', { name: 'Remove the stored value: Pre-shared key' }));
    expect(keyField().textContent).toContain('Will be removed');
    expect(keyField().textContent).toContain('deleted when you save');
    await app.user.click(within(keyField()).getByRole('button', { name: 'Keep the stored value: Pre-shared key' }));
    expect(keyField().textContent).toContain('Stored');
    expect(keyField().textContent).not.toContain('Will be removed');

    await app.user.click(within(keyField()).getByRole('button', { name: 'Remove the stored value: Pre-shared key' }));
    await app.user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('heading', { level: 2, name: 'Cairo till' });
    expect(app.fake.inputs('testConnection')).toEqual([
      { id: 'p1', profile: expect.objectContaining({ name: 'Cairo till' }) as unknown, clearSecrets: ['preSharedKey'] },
    ]);
    expect(app.fake.inputs('updateProfile')).toEqual([
      { id: 'p1', profile: expect.objectContaining({ name: 'Cairo till' }) as unknown, clearSecrets: ['preSharedKey'] },
    ]);
    // Opened again, the key is no longer stored; the client secret still is.
    await app.user.click(screen.getByRole('button', { name: 'Edit' }));
    await screen.findByRole('heading', { level: 1, name: 'Edit “Cairo till”' });
    expect(keyField().textContent).not.toContain('Stored');
    expect(screen.getByLabelText('Client secret').closest('[data-field]')?.textContent).toContain('Stored');
  });

  it('an optional key left empty is marked optional and not sent', async () => {
    const app = await renderApp();
    await openWizard(app);
    await fill(app, 'Profile name', 'Giza till');
    await app.user.click(choose('Provider', 'eReceipt (ETA Egypt)'));
    const keyField = screen.getByLabelText('Pre-shared key').closest('[data-field]') as HTMLElement;
    expect(keyField.textContent).toContain('optional');
    expect(keyField.textContent).toContain('Left empty, it is not sent.');
    await fill(app, 'Client ID', 'client');
    await fill(app, 'Client secret', 'secret');
    await fill(app, 'POS serial', 'S1');
    await app.user.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('heading', { level: 2, name: 'Giza till' });
    const [sent] = app.fake.inputs('createProfile') as { credentials: Record<string, string> }[];
    expect(sent?.credentials.preSharedKey ?? '').toBe('');
    expect(sent?.credentials.clientSecret).toBe('secret');
  });
});

describe('leaving the wizard', () => {
  it('with nothing typed, Cancel goes straight back', async () => {
    const app = await renderApp();
    await openWizard(app);
    await app.user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByRole('heading', { level: 1, name: 'Add profile' })).toBeNull();
  });

  it('with changes, Cancel, Escape and the top navigation ask first; Keep editing keeps them', async () => {
    const app = await renderApp();
    await openWizard(app);
    await fill(app, 'Profile name', 'Half done');

    await app.user.click(screen.getByRole('button', { name: 'Cancel' }));
    let dialog = await screen.findByRole('dialog', { name: 'Discard your changes?' });
    await app.user.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    expect(screen.getByLabelText<HTMLInputElement>('Profile name').value).toBe('Half done');

    await app.user.click(screen.getByRole('button', { name: 'Settings' }));
    dialog = await screen.findByRole('dialog', { name: 'Discard your changes?' });
    await app.user.click(within(dialog).getByRole('button', { name: 'Keep editing' }));

    await app.user.click(screen.getByLabelText('Profile name'));
    await app.user.keyboard('{Escape}');
    dialog = await screen.findByRole('dialog', { name: 'Discard your changes?' });
    await app.user.click(within(dialog).getByRole('button', { name: 'Discard changes' }));
    expect(screen.queryByRole('heading', { level: 1, name: 'Add profile' })).toBeNull();
    expect(app.fake.inputs('createProfile')).toEqual([]);
  });
});
