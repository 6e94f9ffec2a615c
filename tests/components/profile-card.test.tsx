// A profile's card on the dashboard, against the fake core: its status and time left, its
// actions, its history and what the installer lock does to it. The e2e suite checks these
// against a live sandbox (dashboard, refresh, renewal, installer-lock); here they take a second.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { TokenView } from '#common/token-view';

import { profileView } from './support/fake-tessera';
import { renderApp } from './support/render-app';

const MIN = 60_000;

function till(token: Partial<TokenView> = {}) {
  const now = Date.now();
  return profileView({
    id: 'p1',
    name: 'Till 1',
    provider: 'invoisys',
    environment: { kind: 'preset', id: 'production' },
    fields: { username: 'till@shop.test' },
    token: {
      profileId: 'p1',
      state: 'valid',
      since: now,
      issuedAt: now - MIN,
      expiresAt: now + 59.5 * MIN,
      renewAt: now + 50 * MIN,
      failures: 0,
      usable: true,
      ...token,
    },
  });
}

const card = () => screen.getByRole('region', { name: 'Till 1' });

describe('the profile card', () => {
  it('shows the provider, the status and the time left in words', async () => {
    await renderApp({ profiles: [till()] });
    expect(within(card()).getByText('Invoisys · Production')).toBeTruthy();
    expect(within(card()).getByText('Valid')).toBeTruthy();
    const timer = within(card()).getByRole('timer');
    expect(timer.getAttribute('aria-label')).toMatch(/^Expires in 59 minutes/);
    expect(timer.textContent).toMatch(/^59\smin/);
    expect(within(card()).getByText('Next renewal')).toBeTruthy();
  });

  it('an expired token says how long ago, and a refused sign-in says it will not retry on its own', async () => {
    const now = Date.now();
    await renderApp({
      profiles: [
        till({
          state: 'needs-attention',
          usable: false,
          expiresAt: now - 3 * MIN,
          failures: 2,
          lastError: { errorClass: 'credentials', code: 'invalid_grant', status: 400, at: now - MIN },
        }),
      ],
    });
    expect(within(card()).getByText('Needs attention')).toBeTruthy();
    expect(within(card()).getByRole('timer').textContent).toMatch(/^3\smin ago$/);
    expect(within(card()).getByText(/^Not retrying on its own\./)).toBeTruthy();
    expect(within(card()).getByText('Failed attempts in a row').nextElementSibling?.textContent).toBe('2');
  });

  it('a token coming in as an event changes the status without a reload', async () => {
    const app = await renderApp({ profiles: [till()] });
    const now = Date.now();
    app.fake.emit({
      type: 'token',
      view: {
        profileId: 'p1',
        state: 'retrying',
        since: now,
        expiresAt: now + 30 * MIN,
        nextAttemptAt: now + MIN,
        failures: 1,
        usable: true,
      },
    });
    await waitFor(() => expect(within(card()).getByText('Retrying')).toBeTruthy());
    expect(within(card()).getByText('Next retry')).toBeTruthy();
  });

  it('Refresh now asks core for a new token and confirms it', async () => {
    const app = await renderApp({ profiles: [till()] });
    await app.user.click(within(card()).getByRole('button', { name: 'Refresh now' }));
    expect(app.fake.inputs('refreshToken')).toEqual([{ id: 'p1' }]);
    expect(within(card()).getByRole('button', { name: 'Refreshing…' })).toBeTruthy();
    await waitFor(() => expect(within(card()).getByText(/Renewed/)).toBeTruthy());
    expect(within(card()).getByRole('button', { name: 'Refresh now' })).toBeTruthy();
  });

  it('Remove asks first; confirmed, the card goes and the toast says so', async () => {
    const app = await renderApp({ profiles: [till()] });
    await app.user.click(within(card()).getByRole('button', { name: 'Remove' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove “Till 1”?' });
    await app.user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(app.fake.inputs('removeProfile')).toEqual([]);

    await app.user.click(within(card()).getByRole('button', { name: 'Remove' }));
    await app.user.click(within(await screen.findByRole('dialog', { name: 'Remove “Till 1”?' })).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Till 1' })).toBeNull());
    expect(app.fake.inputs('removeProfile')).toEqual([{ id: 'p1' }]);
    expect(screen.getAllByText('Profile “Till 1” removed.').length).toBeGreaterThan(0);
  });

  it('the history loads when opened, newest first, in plain words', async () => {
    const now = Date.now();
    const app = await renderApp({
      profiles: [till()],
      history: {
        p1: [
          { kind: 'signed-in', at: now - 10 * MIN, trigger: 'startup' },
          { kind: 'failed', at: now - 5 * MIN, trigger: 'schedule', errorClass: 'network', code: 'timeout' },
        ],
      },
    });
    expect(app.fake.inputs('getHistory')).toEqual([]);
    await app.user.click(within(card()).getByText('History'));
    const list = await within(card()).findByRole('region', { name: /History/ });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('.timeline__title')?.textContent)).toEqual([
      'Attempt failed: The provider did not answer in time.',
      'Signed in',
    ]);
  });

  it('an empty history says nothing has happened yet', async () => {
    const app = await renderApp({ profiles: [till()] });
    await app.user.click(within(card()).getByText('History'));
    expect(await within(card()).findByText('Nothing has happened yet.')).toBeTruthy();
  });
});

describe('the card while the installer lock is on', () => {
  const locked = { profiles: [till()], lock: { pinSet: true, locked: true }, pin: '2468' };

  it('Edit and Remove carry the padlock and say they need the PIN; Refresh now stays a cashier’s', async () => {
    const app = await renderApp(locked);
    const edit = within(card()).getByRole('button', { name: 'Edit' });
    expect(edit.getAttribute('data-locked')).toBe('true');
    expect(document.getElementById(edit.getAttribute('aria-describedby')!)?.textContent).toBe('Needs the installer PIN.');
    const refresh = within(card()).getByRole('button', { name: 'Refresh now' });
    expect(refresh.getAttribute('data-locked')).toBeNull();
    await app.user.click(refresh);
    expect(app.fake.inputs('refreshToken')).toEqual([{ id: 'p1' }]);
  });

  it('Edit asks for the PIN: a wrong one is refused, the right one opens the wizard', async () => {
    const app = await renderApp(locked);
    await app.user.click(within(card()).getByRole('button', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog', { name: 'Installer PIN' });
    await app.user.type(within(dialog).getByLabelText('PIN'), '1111');
    await app.user.click(within(dialog).getByRole('button', { name: 'Unlock' }));
    await waitFor(() => expect(within(dialog).getByText(/^Wrong PIN\./)).toBeTruthy());
    expect(screen.queryByRole('heading', { level: 1, name: 'Edit “Till 1”' })).toBeNull();

    await app.user.clear(within(dialog).getByLabelText('PIN'));
    await app.user.type(within(dialog).getByLabelText('PIN'), '2468');
    await app.user.click(within(dialog).getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Edit “Till 1”' })).toBeTruthy();
  });

  it('cancelling the PIN leaves everything as it was', async () => {
    const app = await renderApp(locked);
    await app.user.click(within(card()).getByRole('button', { name: 'Remove' }));
    const dialog = await screen.findByRole('dialog', { name: 'Installer PIN' });
    await app.user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Installer PIN' })).toBeNull());
    expect(screen.queryByRole('dialog', { name: 'Remove “Till 1”?' })).toBeNull();
    expect(card()).toBeTruthy();
  });
});
