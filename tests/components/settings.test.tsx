// Settings against the fake core: the service's port and margin held to their ranges (here and,
// for what slips through, by core), and the language, which changes the whole page at once.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { openSettings, renderApp } from './support/render-app';

const options = () => screen.getByRole('form', { name: 'Service options' });

async function type(app: Awaited<ReturnType<typeof renderApp>>, label: string, value: string) {
  const input = within(options()).getByLabelText(label, { exact: true });
  await app.user.clear(input);
  await app.user.type(input, value);
}

/** The error under a field, as linked to it. */
function errorOf(label: string): string {
  const input = within(options()).getByLabelText(label, { exact: true });
  return input.closest('[data-field]')?.querySelector('.field__error')?.textContent ?? '';
}

describe('service options', () => {
  it('a port or margin out of range is explained next to it, focused, and not sent', async () => {
    const app = await renderApp();
    await openSettings(app);
    await type(app, 'Port', '80');
    await type(app, 'Token margin (seconds)', '4000');
    await app.user.click(within(options()).getByRole('button', { name: 'Save' }));
    expect(errorOf('Port')).toContain('Choose a port from 1024 to 65535.');
    expect(errorOf('Token margin (seconds)')).toContain('Enter a number of seconds from 0 to 3600.');
    expect(document.activeElement).toBe(within(options()).getByLabelText('Port'));
    expect(app.fake.inputs('updateSettings')).toEqual([]);
  });

  it('not a whole number is refused too', async () => {
    const app = await renderApp();
    await openSettings(app);
    await type(app, 'Token margin (seconds)', '1.5');
    await app.user.click(within(options()).getByRole('button', { name: 'Save' }));
    expect(errorOf('Token margin (seconds)')).toContain('Enter a number of seconds from 0 to 3600.');
    expect(document.activeElement).toBe(within(options()).getByLabelText('Token margin (seconds)'));
  });

  it('values in range are saved and confirmed', async () => {
    const app = await renderApp();
    await openSettings(app);
    await type(app, 'Port', '8123');
    await type(app, 'Token margin (seconds)', '120');
    await app.user.click(within(options()).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(app.fake.inputs('updateSettings')).toEqual([{ servicePort: 8123, tokenMarginSeconds: 120 }]));
    expect((await screen.findAllByText('Settings saved.')).length).toBeGreaterThan(0);
    expect(app.fake.settings).toMatchObject({ servicePort: 8123, tokenMarginSeconds: 120 });
  });

  it('what core refuses anyway comes back next to the field', async () => {
    const app = await renderApp();
    app.fake.answer('updateSettings', () =>
      Promise.resolve({ ok: false, error: { code: 'validation', issues: [{ path: 'servicePort', message: 'validation.port' }] } }),
    );
    await openSettings(app);
    await type(app, 'Port', '8123');
    await app.user.click(within(options()).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(errorOf('Port')).toContain('Choose a port from 1024 to 65535.'));
  });
});

describe('the language', () => {
  it('switching it saves the choice and the page speaks it at once', async () => {
    const app = await renderApp();
    await openSettings(app);
    await app.user.selectOptions(screen.getByLabelText('Language'), 'Español');
    expect(app.fake.inputs('updateSettings')).toEqual([{ language: 'es' }]);
    expect(await screen.findByRole('heading', { level: 1, name: 'Configuración' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('es');
    expect(screen.getByLabelText<HTMLSelectElement>('Idioma').value).toBe('es');
  });

  it('a language saved earlier is the one the app starts in', async () => {
    await renderApp({ settings: { language: 'pt' } });
    expect(document.documentElement.lang).toBe('pt');
    expect(within(screen.getByRole('navigation')).getByRole('button', { name: 'Configurações' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Settings' })).toBeNull();
  });
});
