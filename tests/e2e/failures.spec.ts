// Failures explained in plain words, and the rule that decides what happens next: a refused
// password stops (no retries that could lock the account), a server outage is retried.
import { expect, test } from './fixtures';
import { DashboardPage } from './pages/dashboard';
import { WizardPage } from './pages/wizard';
import { addProfile, valuesOf } from './support/flows';
import { randomAccount } from './support/sandbox';
import { saveScreenshot } from './support/screens';

test('a wrong password is explained and never retried, while a server outage is', async ({ app: page, sandbox }) => {
  test.setTimeout(120_000);
  const account = randomAccount('factus');
  await sandbox.addAccount('factus', account.credentials);
  const dashboard = new DashboardPage(page);
  const wizard = new WizardPage(page);

  // The test sign-in already says what is wrong.
  await dashboard.addProfileButton.click();
  await wizard.nameInput.fill('Wrong password');
  await wizard.chooseProvider('Factus');
  await wizard.chooseEnvironment('Sandbox (built-in)');
  await wizard.fill({ ...valuesOf(account), password: 'not-the-password' });
  await wizard.testConnection();
  await expect(wizard.testResult).toHaveAttribute('data-test-result', 'failed');
  await expect(wizard.testResult).toContainText('Sign-in refused');
  await expect(wizard.testResult).toContainText('The username or password was rejected.');
  await expect(wizard.testResult).toContainText('invalid_grant');

  // Saved anyway: the card needs attention and says why, in plain words and in the provider's.
  await wizard.saveButton.click();
  const wrong = dashboard.card('Wrong password');
  await wrong.expectStatus('Needs attention');
  await expect(wrong.failure).toContainText('Sign-in refused');
  await expect(wrong.failure).toContainText('The username or password was rejected.');
  await expect(wrong.failure.locator('.failure__provider')).not.toBeEmpty();
  await expect(wrong.root).toContainText('Not retrying on its own');
  const attempts = await sandbox.tokenRequests('factus'); // the test sign-in and one real attempt
  expect(attempts).toBe(2);

  // Meanwhile a second profile meets an outage: three 503s, each asking to wait 3 s. By the
  // time it is valid again at least 9 s have passed, more than the first two backoff windows
  // (2 s, then 4 s) a retried failure would have used.
  await sandbox.failNext('invoisys', 3, { kind: 'error', status: 503, headers: { 'Retry-After': '3' } });
  const outage = randomAccount('invoisys');
  await sandbox.addAccount('invoisys', outage.credentials);
  await addProfile(page, { name: 'Outage', provider: 'invoisys', values: valuesOf(outage) });
  const retried = dashboard.card('Outage');
  await retried.expectStatus('Retrying');
  await expect(retried.failure).toContainText('Temporary problem');
  await expect(retried.failure).toContainText('The provider’s service is unavailable for now.');
  await expect(retried.root).toContainText('Next retry');
  await saveScreenshot(page, 'failures-en', { fullPage: true });
  await retried.expectStatus('Valid', 40_000);
  expect(await sandbox.tokenRequests('invoisys')).toBe(4);

  expect(await sandbox.tokenRequests('factus')).toBe(attempts);
  await wrong.expectStatus('Needs attention');
  await wrong.openHistory();
  await expect(wrong.historyItems.filter({ hasText: 'Sign-in refused; automatic attempts stopped' })).toHaveCount(1);
});

test('an unexpected response shows a short excerpt of what came back', async ({ app: page, sandbox }) => {
  const account = randomAccount('onapi');
  await sandbox.addAccount('onapi', account.credentials);
  await sandbox.failNext('onapi', 1, {
    kind: 'raw',
    status: 200,
    contentType: 'text/plain',
    body: 'Service temporarily in maintenance mode',
  });
  const wizard = new WizardPage(page);
  await new DashboardPage(page).addProfileButton.click();
  await wizard.nameInput.fill('Proxy trouble');
  await wizard.chooseProvider('OnAPI (SUNAT Peru)');
  await wizard.chooseEnvironment('Sandbox (built-in)');
  await wizard.fill(valuesOf(account));
  await wizard.testConnection();
  await expect(wizard.testResult).toHaveAttribute('data-test-result', 'failed');
  await expect(wizard.testResult).toContainText('Unexpected response');
  await expect(wizard.testResult).toContainText('The provider answered with something that is not a token response.');
  await expect(wizard.testResult.locator('pre')).toHaveText('Service temporarily in maintenance mode');
  // The next attempt works, and the profile saves and signs in.
  await wizard.testConnection();
  await expect(wizard.testResult).toHaveAttribute('data-test-result', 'ok');
});
