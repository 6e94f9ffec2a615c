// Issue 10, finding 1, through the wizard: a cashier edits a profile to a custom base URL (a
// server of their own) leaving the secrets blank. The secret fields say at once that they must
// be typed again, "Test connection" and "Save" are refused, and core refuses the same calls sent
// straight over the browser host's WebSocket: the server receives nothing. With the secrets
// typed again, the test signs in there and the profile saves.
import { WebSocket } from 'ws';

import { ACCESS_KEY_FRAGMENT, type ProfileView, type Result, WEB_SOCKET_PATH } from '#common/contract';

import { type CaptureServer, startCaptureServer } from '../support/capture-server';
import { expect, type Host, test } from './fixtures';
import { DashboardPage } from './pages/dashboard';
import { WizardPage } from './pages/wizard';
import { addProfile, valuesOf } from './support/flows';
import { randomAccount } from './support/sandbox';

let capture: CaptureServer;

test.beforeEach(async () => {
  capture = await startCaptureServer();
});

test.afterEach(async () => {
  await capture.close();
});

/** One contract call over the browser host's own WebSocket, as any page holding its key could send. */
async function callOverSocket(host: Host, method: string, input: unknown): Promise<Result<unknown>> {
  const url = new URL(WEB_SOCKET_PATH, host.origin);
  url.protocol = 'ws:';
  url.searchParams.set(ACCESS_KEY_FRAGMENT, host.accessKey);
  const ws = new WebSocket(url, { headers: { Origin: host.origin } });
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('close', (code) => reject(new Error(`the browser host closed the socket (${code})`)));
    });
    return await new Promise<Result<unknown>>((resolve) => {
      ws.on('message', (data: Buffer) => {
        const message = JSON.parse(data.toString('utf8')) as { id?: number; result?: Result<unknown> };
        if (message.id === 1 && message.result) resolve(message.result);
      });
      ws.send(JSON.stringify({ id: 1, method, input }));
    });
  } finally {
    ws.close();
  }
}

test('editing a profile to a custom base URL asks for its secrets again and sends nothing until they are typed', async ({
  app: page,
  sandbox,
  host,
}) => {
  const account = randomAccount('factus');
  await sandbox.addAccount('factus', account.credentials);
  await addProfile(page, { name: 'Till 1', provider: 'factus', values: valuesOf(account) });
  const dashboard = new DashboardPage(page);
  const card = dashboard.card('Till 1');
  await card.expectStatus('Valid');
  const id = await card.root.getAttribute('data-profile-id');

  const wizard = new WizardPage(page);
  await card.editButton.click();
  await wizard.expectOpen('Edit “Till 1”');
  // While the address stays, the secrets are stored and may be left blank.
  await expect(page.locator('[data-field="clientSecret"] .badge--stored')).toHaveText('Stored');

  await wizard.chooseEnvironment('Custom');
  await wizard.baseUrlInput.fill(capture.url);
  // The moment the address differs, every stored secret must be typed again, and says so.
  for (const field of ['clientSecret', 'password'] as const) {
    await expect(wizard.fieldError(field)).toHaveText(/Type the secret again: the address changed\./);
    await expect(page.locator(`[data-field="${field}"] .badge--stored`)).toHaveCount(0);
    await expect(wizard.field(field)).toHaveAttribute('aria-required', 'true');
    await expect(page.locator(`[data-field="${field}"] .field__hint`)).toHaveText(
      'Tessera sends a stored secret only to the address it was saved for.',
    );
  }
  await wizard.testConnectionButton.click();
  await expect(wizard.formError).toHaveText('Some fields need fixing. They are listed at the top of the form.');
  await expect(wizard.field('clientSecret')).toBeFocused();
  await wizard.saveButton.click();
  await expect(wizard.formError).toHaveText('Some fields need fixing. They are listed at the top of the form.');

  // The page is not what refuses: core does, whoever sends the call.
  const profile = {
    name: 'Till 1',
    provider: 'factus',
    environment: { kind: 'custom', baseUrl: capture.url },
    credentials: { clientId: account.credentials.clientId, username: account.credentials.username },
  };
  const retype = {
    code: 'validation',
    issues: [
      { path: 'credentials.clientSecret', message: 'secretSafety.retypeSecret' },
      { path: 'credentials.password', message: 'secretSafety.retypeSecret' },
    ],
  };
  expect(await callOverSocket(host, 'testConnection', { id, profile })).toEqual({ ok: false, error: retype });
  expect(await callOverSocket(host, 'updateProfile', { id, profile })).toEqual({ ok: false, error: retype });
  expect(capture.requests, 'requests that reached the new address').toEqual([]);

  // Typed again: the test signs in there, with exactly what was typed, and the profile saves.
  const secrets = { clientSecret: `s3cr3t-new-${Date.now()}`, password: `s3cr3t-pw-${Date.now()}` };
  await wizard.fill(secrets);
  await expect(wizard.fieldError('clientSecret')).toHaveCount(0);
  await wizard.testConnection();
  await expect(wizard.testResult).toHaveAttribute('data-test-result', 'ok');
  expect(capture.requests).toHaveLength(1);
  const sent = new URLSearchParams(capture.requests[0]!.body);
  expect(sent.get('client_secret')).toBe(secrets.clientSecret);
  expect(sent.get('password')).toBe(secrets.password);
  expect(capture.requests[0]!.body).not.toContain(account.credentials.clientSecret!);

  await wizard.saveButton.click();
  await expect(dashboard.heading).toHaveText('Profiles');
  await card.expectStatus('Valid');
  const saved = (await callOverSocket(host, 'listProfiles', undefined)) as Result<ProfileView[]>;
  expect(saved.ok && saved.value[0]!.environment).toEqual({ kind: 'custom', baseUrl: capture.url });
  // Every request the new address ever got carried the secrets typed for it, none stored before.
  for (const request of capture.requests) {
    expect(request.body).not.toContain(account.credentials.clientSecret!);
    expect(request.body).not.toContain(account.credentials.password!);
  }
});
