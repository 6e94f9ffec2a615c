// Step 4: the test sign-in's outcome: until when the token would last, its scope and identity,
// or why it failed (with the report to copy when one came with the failure).
import type { Ref } from 'react';

import type { ProviderInfo } from '#common/profile-schema';

import { useT } from '../../../app/use-t';
import type { ConnectionTestResult, DiagnosticsView } from '../../../bridge/types';
import { useCopyDiagnostics } from '../../../components/CopyDiagnostics';
import { FailureDetails } from '../../../components/FailureDetails';
import { IdentityView } from '../../../components/IdentityView';
import { LifetimeNote } from '../../../components/LifetimeNote';
import { formatLifetime, formatMoment, isSameDay } from '../../../i18n/format';
import type { TestState } from '../form-reducer';
import { WizardStep } from './WizardStep';

/** When the tested token was issued: "today" for its expiry is judged from then. */
function issuedAt(result: ConnectionTestResult): number {
  return result.expiresAt - result.lifetimeSeconds * 1000;
}

export function FinishStep({
  info,
  test,
  testingFirst,
  resultRef,
}: {
  info: ProviderInfo;
  test: TestState;
  testingFirst: boolean;
  resultRef: Ref<HTMLDivElement>;
}) {
  const { t, lang } = useT();
  const until = (at: number, now: number) => (isSameDay(at, now) ? 'wizardFlow.testOkUntil' : 'wizardFlow.testOkUntilDate');
  return (
    <WizardStep id="step-finish" number={4} title={t('wizard.steps.finish')}>
      <div ref={resultRef} className="test-result" tabIndex={-1} aria-labelledby="step-finish" data-test-result={test.status}>
        {test.status === 'running' && <p className="muted">{testingFirst ? t('wizardFlow.testingFirst') : t('wizard.testing')}</p>}
        {test.status === 'ok' && (
          <div className="test-ok">
            <p className="test-ok__headline">
              <span aria-hidden="true">✓ </span>
              {t(until(test.result.expiresAt, issuedAt(test.result)), {
                lifetime: formatLifetime(test.result.lifetimeSeconds, lang),
                time: formatMoment(test.result.expiresAt, lang, issuedAt(test.result)),
              })}
            </p>
            {test.result.scope && <p className="muted">{t('wizard.testScope', { scope: test.result.scope })}</p>}
            <LifetimeNote source={test.result.lifetimeSource} />
            {test.result.identity && <IdentityView identity={test.result.identity} />}
          </div>
        )}
        {test.status === 'failed' && (
          <div className="test-failed">
            <p className="test-failed__headline">{t('wizard.testFailed')}</p>
            {test.failure ? (
              <FailureDetails failure={test.failure} info={info} headingLevel={3} showNext={false} />
            ) : (
              <p>{test.code ? t(`appErrors.${test.code}`) : undefined}</p>
            )}
            {test.diagnostics && <TestDiagnostics view={test.diagnostics} info={info} />}
          </div>
        )}
      </div>
    </WizardStep>
  );
}

/** "Copy diagnostics" for a failed test: its report came with the failure. */
function TestDiagnostics({ view, info }: { view: DiagnosticsView; info: ProviderInfo | undefined }) {
  const { button, panel } = useCopyDiagnostics({ view }, info);
  return (
    <div className="test-failed__diagnostics">
      {button}
      {panel}
    </div>
  );
}
