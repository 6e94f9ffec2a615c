// Lists, for the leak sweep, every e2e test that ran (one JSON line each, as it ends). The list
// comes from Playwright's runner, not from the fixtures that collect, so a test that escaped
// collection (a spec importing `test` from @playwright/test instead of ../fixtures, a fixture
// that stopped being automatic) shows up as missing instead of passing unseen.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

import { LEAK_ROOT, RAN_FILE, type RanTest } from './leak-paths';

export default class LeakSweepReporter implements Reporter {
  onTestEnd(test: TestCase, result: TestResult): void {
    if (test.parent.project()?.name !== 'e2e' || result.status === 'skipped') return;
    const entry: RanTest = {
      id: test.id,
      title: test.titlePath().slice(3).join(' › '),
      file: test.location.file,
      retry: result.retry,
      repeatEachIndex: test.repeatEachIndex,
      status: result.status,
    };
    // Written at once: the sweep's project starts only after every e2e test has ended.
    mkdirSync(LEAK_ROOT, { recursive: true });
    appendFileSync(join(LEAK_ROOT, RAN_FILE), `${JSON.stringify(entry)}\n`);
  }

  printsToStdio(): boolean {
    return false;
  }
}
