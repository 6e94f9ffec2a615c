// Renders the whole renderer (<App />) against a FakeTessera, as main.tsx does in the app, and
// waits until it shows its first data. Each call starts from fresh modules: the store and the
// bridge are module singletons, so one test's profiles never leak into the next.
import { render, type RenderResult, screen, waitFor } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { StrictMode } from 'react';
import { expect, vi } from 'vitest';

import type { AppStore } from '../../../renderer/src/app/store';
import { type FakeSeed, FakeTessera } from './fake-tessera';

export interface RenderedApp extends RenderResult {
  fake: FakeTessera;
  user: UserEvent;
  /** The renderer's store of this render (fresh modules each time). */
  store: AppStore;
}

export async function renderApp(seed: FakeSeed | FakeTessera = {}): Promise<RenderedApp> {
  const fake = seed instanceof FakeTessera ? seed : new FakeTessera(seed);
  window.tessera = fake.api();
  vi.resetModules();
  const [{ App }, { store }] = await Promise.all([import('../../../renderer/src/app/App'), import('../../../renderer/src/app/store')]);
  const user = userEvent.setup();
  const result = render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  await waitFor(() => expect(document.body.dataset.ready).toBe('true'));
  return { ...result, fake, user, store };
}

/** Opens a screen from the top navigation, as a user does. */
export async function openSettings(app: RenderedApp): Promise<void> {
  await app.user.click(screen.getByRole('button', { name: 'Settings' }));
  await screen.findByRole('heading', { level: 1, name: 'Settings' });
}
