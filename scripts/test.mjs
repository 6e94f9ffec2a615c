// `npm test`: the unit and integration suites (vitest), then the end-to-end and Electron
// suites (Playwright), then one summary line: `N passed, N failed[, N skipped]`. Skipped tests
// are listed with their reasons first, so a skip is never silent. It sets itself up first: a
// modern Node, and a Chromium for the end-to-end tests (found, or Debian's package installed
// when running as root); without one it stops before any test, with one line saying what to install.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

import { ensureChromium } from './chromium.mjs';
import { rerunUnderModernNode } from './ensure-node.mjs';

await rerunUnderModernNode();

const chromium = ensureChromium();
if (!chromium.ok) {
  process.stderr.write(`${chromium.message}\n`);
  process.exit(1);
}
// playwright.config.ts launches exactly this one.
process.env.CHROMIUM_PATH = chromium.path;
process.stderr.write(`Chromium for the end-to-end tests: ${chromium.path} (${chromium.installed ? 'just installed' : chromium.source})\n`);

const RESULTS = 'test-results';
mkdirSync(RESULTS, { recursive: true });
const VITEST_JSON = `${RESULTS}/vitest.json`;
const PLAYWRIGHT_JSON = `${RESULTS}/playwright.json`;
for (const f of [VITEST_JSON, PLAYWRIGHT_JSON]) rmSync(f, { force: true });

function run(label, command, args) {
  process.stderr.write(`\n== ${label}: ${command} ${args.join(' ')}\n`);
  return spawnSync(command, args, { stdio: 'inherit', env: process.env }).status ?? 1;
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const skips = [];
// Failures are listed again just above the summary line, so the end of a long log (all a CI
// page may keep) still names them.
const failures = [];
const firstLine = (text) =>
  String(text ?? '')
    .split('\n')
    .find((l) => l.trim()) ?? '';

const vitestStatus = run('unit and integration tests', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${VITEST_JSON}`,
]);
if (existsSync(VITEST_JSON)) {
  const report = JSON.parse(readFileSync(VITEST_JSON, 'utf8'));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
  for (const file of report.testResults) {
    for (const t of file.assertionResults) {
      if (t.status === 'pending' || t.status === 'skipped' || t.status === 'todo') skips.push(`${t.fullName}`);
      if (t.status === 'failed')
        failures.push(`${file.name.replace(`${process.cwd()}/`, '')} › ${t.fullName} — ${firstLine(t.failureMessages?.[0])}`);
    }
  }
  // A suite that failed to load reports no tests but a failed file.
  for (const file of report.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0)) {
    totals.failed += 1;
    failures.push(`${file.name.replace(`${process.cwd()}/`, '')} did not load — ${firstLine(file.message)}`);
  }
} else if (vitestStatus !== 0) {
  totals.failed += 1;
  process.stderr.write('vitest did not produce a report: counted as one failure.\n');
}

const playwrightStatus = run('end-to-end and Electron tests', 'npx', ['playwright', 'test']);
if (existsSync(PLAYWRIGHT_JSON)) {
  const report = JSON.parse(readFileSync(PLAYWRIGHT_JSON, 'utf8'));
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats ?? {};
  totals.passed += expected + flaky;
  totals.failed += unexpected;
  totals.skipped += skipped;
  const walk = (suite, path) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status === 'skipped') {
          const reason = test.annotations?.find((a) => a.type === 'skip')?.description ?? unannotatedSkip(test.projectName);
          skips.push(`${[...path, spec.title].join(' › ')} — ${reason}`);
        }
        if (test.status === 'unexpected') {
          const error = test.results?.at(-1)?.error?.message;
          failures.push(`${test.projectName ?? ''} › ${[...path, spec.title].join(' › ')} — ${firstLine(error)}`);
        }
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...path, child.title]);
  };
  // Every skip in our specs carries its reason; Playwright adds none when it does not run a
  // project because a project it depends on failed (the leak sweep waits for all of e2e).
  const unannotatedSkip = (project) =>
    `not run: a project that ${project ?? 'this project'} depends on had a failure (see "dependencies" in playwright.config.ts)`;
  for (const suite of report.suites ?? []) walk(suite, [suite.title]);
  for (const error of report.errors ?? []) {
    totals.failed += 1;
    failures.push(`Playwright — ${firstLine(error.message)}`);
  }
} else if (playwrightStatus !== 0) {
  totals.failed += 1;
  process.stderr.write('Playwright did not produce a report: counted as one failure.\n');
}

if (skips.length) {
  process.stdout.write(`\nSkipped (${skips.length}):\n${skips.map((s) => `  - ${s}`).join('\n')}\n`);
}
if (failures.length) {
  process.stdout.write(`\nFailed (${failures.length}):\n${failures.map((f) => `  - ${f.slice(0, 400)}`).join('\n')}\n`);
}
const line = `${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`;
process.stdout.write(`\n${line}\n`);
process.exit(totals.failed > 0 ? 1 : 0);
