// The wizard as a user meets it, against the fake core: what the e2e journeys check slowly
// (validation.spec, secret-binding.spec, wizard-small.spec), here in milliseconds.
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from './support/render-app';

describe('the wizard', () => {
  it('opens from the dashboard', async () => {
    const app = await renderApp();
    await app.user.click(screen.getByRole('button', { name: /Add profile/ }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Add profile' })).toBeTruthy();
    expect(within(screen.getByRole('radiogroup', { name: 'Provider' })).getAllByRole('radio')).toHaveLength(5);
  });
});
