// The leak sweep (issue #5 §7). Runs after every e2e test has passed (project `leak-sweep`
// depends on `e2e`): each test left its data folder, host logs, the frames its pages received,
// the token service's answers and its pages' text in test-results/leak-sweep/<test>/, with the
// secrets it used. Not one of those secrets may appear in any of it, in any encoding.
//
// The second test plants secrets in a collection of its own, one per kind of artifact and form,
// and checks the sweep finds each, grants exactly the by-design exceptions and nothing else,
// and refuses to vouch for an empty or incomplete collection.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { expect, test } from '@playwright/test';

import { FrameLog } from './support/frames';
import { LEAK_ROOT, RAN_FILE, type RanTest } from './support/leak-paths';
import { coverageProblems, describeHit, ranTests, sweep, type SweepReport } from './support/leak-scan';
import { DEV_KEY_FILE, type DomSnapshot, LeakLog } from './support/leaks';

// eslint-disable-next-line no-empty-pattern
test('the end-to-end suite leaked no secret: data folders, logs, frames, service answers, page text, copied diagnostics', async ({}, testInfo) => {
  const report = sweep(LEAK_ROOT);
  const ran = ranTests(LEAK_ROOT);
  await testInfo.attach('leak-sweep.txt', { body: summary(report, ran), contentType: 'text/plain' });

  // Silence proves something only if everything was collected: every e2e test that ran left a
  // complete folder, and every kind of artifact and of secret is there.
  expect(coverageProblems(report, ran), 'the collection is not complete enough to vouch for').toEqual([]);
  expect(report.problems, 'folders the sweep cannot vouch for').toEqual([]);
  // Each test left at least its host's stdout and stderr and its page as left and as closed;
  // most saved a store (a few never save a profile) and met secrets of their own.
  const thin = report.tests.filter((t) => t.byKind.log < 2 || t.byKind.dom < 2).map((t) => `${t.test.file} › ${t.test.title}`);
  expect(thin, 'tests that left no host log or no page snapshot').toEqual([]);
  expect(report.tests.filter((t) => t.byKind.data > 0).length).toBeGreaterThanOrEqual(ran!.length * 0.75);
  expect(report.tests.filter((t) => t.secrets > 0).length).toBeGreaterThanOrEqual(ran!.length * 0.75);

  expect(report.hits.map(describeHit), 'secrets found where they must never be').toEqual([]);
});

// eslint-disable-next-line no-empty-pattern
test('the sweep finds a secret planted in each kind of artifact and form, and grants only the by-design exceptions', async ({}, testInfo) => {
  const root = mkdtempSync(join(tmpdir(), 'tessera-leak-plant-'));
  try {
    const password = 'Pl4nted-password/with+symbols"and\\quotes';
    const clientSecret = 'planted client secret+0123456789';
    const psk = 'planted pre-shared key&abcdefghij';
    const accessKey = 'tsk_plantedAccessKey0123456789abcdef';
    const jwt = `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url('{"sub":"till-1","exp":1999999999}')}.${b64url('a signature of thirty-two bytes!')}`;
    const refresh = 'planted-refresh-token-ZYXWVUTSRQ';
    const unused = 'planted-but-never-written-secret';
    const pin = '908172635401';
    const passphrase = 'planted passphrase of the fleet';

    const dir = join(root, 'planted-test');
    const log = new LeakLog(dir, { id: 'planted', title: 'planted leaks', file: 'tests/e2e/planted.spec.ts', project: 'e2e' });
    log.secret('password', password, 'planted');
    log.secret('client-secret', clientSecret, 'planted');
    log.secret('pre-shared-key', psk, 'planted');
    log.secret('access-key', accessKey, 'planted');
    log.secret('access-token', jwt, 'planted');
    log.secret('refresh-token', refresh, 'planted');
    log.secret('client-secret', unused, 'planted');
    log.secret('installer-pin', pin, 'planted');
    log.secret('passphrase', passphrase, 'planted');

    // A data folder: the password in a plain file, the development key file (excluded by design,
    // even though it holds the PSK here), and a PSK inside a longer base64 value (offset 1).
    const data = mkdtempSync(join(tmpdir(), 'tessera-leak-plant-data-'));
    writeFileSync(join(data, 'tessera.json'), JSON.stringify({ note: `left ${password} here` }));
    writeFileSync(join(data, DEV_KEY_FILE), psk);
    mkdirSync(join(data, 'logs'));
    writeFileSync(join(data, 'logs', 'main.log'), `payload=${Buffer.from(`x${psk}yz`).toString('base64')}\n`);
    log.copyDataDir(data);
    rmSync(data, { recursive: true, force: true });

    // Host output: the client secret form-encoded in stdout; the refresh token JSON-escaped in stderr.
    log.hostOutput({
      stdout: [`posting client_secret=${new URLSearchParams({ v: clientSecret }).toString().slice(2)}`],
      stderr: [JSON.stringify({ msg: 'renewed', grant: `refresh_token=${refresh}` })],
    });

    // Frames: the access key in its creation answer (granted) but again in a later event (not);
    // the token's signature alone in an answer to getProfiles.
    const frames = new FrameLog();
    const sent = (id: number, method: string) =>
      frames.frames.push({ direction: 'sent', socket: 0, payload: JSON.stringify({ id, method, input: {} }) });
    const received = (payload: unknown) => frames.frames.push({ direction: 'received', socket: 0, payload: JSON.stringify(payload) });
    sent(1, 'createAccessKey');
    received({ id: 1, result: { ok: true, value: { key: accessKey, record: { name: 'Till' } } } });
    received({ event: 'accessKeys', payload: { keys: [{ name: 'Till', key: accessKey }] } });
    sent(2, 'getProfiles');
    received({ id: 2, result: { ok: true, value: [{ name: 'Till 1', note: jwt.split('.')[2] }] } });
    // The installer PIN echoed in a lock event, base64-encoded.
    received({ event: { type: 'lock', lock: { locked: false, note: Buffer.from(pin).toString('base64') } } });
    log.addFrames(frames);

    // Service answers: a token hand-out left out by design; a listing that carries the JWT whole.
    log.service({
      method: 'GET',
      path: '/v1/profiles/Till%201/token',
      status: 200,
      body: null,
      excluded: 'a token hand-out (GET …/token, POST …/token/invalidate, status 200): its purpose',
    });
    log.service({ method: 'GET', path: '/v1/profiles', status: 200, body: JSON.stringify({ profiles: [{ name: 'Till 1', token: jwt }] }) });

    // Page text: the password in the wizard's own field while it is open (granted), the same
    // field still holding it once everything should be closed (not), the PSK URL-encoded in an
    // attribute outside any form.
    log.addDom(dom('end', { fields: [{ region: 'wizard', tag: 'input', type: 'password', name: 'password', value: password }] }));
    log.addDom(dom('end-closed', { fields: [{ region: 'wizard', tag: 'input', type: 'password', name: 'password', value: password }] }));
    log.addDom(
      dom('screenshot', {
        attributes: [{ region: null, tag: 'a', name: 'href', value: `https://example.test/?k=${encodeURIComponent(psk)}` }],
      }),
    );
    // A report shown in the wizard (not one of its secret fields) grants nothing.
    log.addDom(
      dom('end', { fields: [{ region: 'wizard', tag: 'textarea', type: 'textarea', name: 'report', value: `Body: ${clientSecret}` }] }),
    );

    // Copied diagnostics: a refresh token inside a longer base64url value of a response body.
    log.diagnostics(
      `Tessera diagnostics\n#1 · refresh · POST /oauth/token → HTTP 400\n   Body:\n      {"echo":"${b64url(`rt=${refresh};`)}"}\n`,
      'card',
    );
    // A bundle dialog: the passphrase in its own field while open (granted), still there once closed (not).
    log.addDom(dom('end', { fields: [{ region: 'bundle', tag: 'input', type: 'password', name: 'passphrase', value: passphrase }] }));
    log.addDom(
      dom('end-closed', { fields: [{ region: 'bundle', tag: 'input', type: 'password', name: 'passphrase', value: passphrase }] }),
    );

    // A bundle whose header carries a secret outside the encrypted payload (base64), and a
    // command line that printed the passphrase URL-encoded.
    const leaky = join(mkdtempSync(join(tmpdir(), 'tessera-leak-plant-bundle-')), 'leaky.tessera');
    writeFileSync(
      leaky,
      Buffer.concat([Buffer.from(`age-encryption.org/v1\n-> scrypt ${b64url(`#${clientSecret}`)} 18\n`), Buffer.from([0, 255, 7, 1])]),
    );
    log.bundle(leaky);
    log.commandOutput({ stdout: 'Imported 5 profiles.\n', stderr: `passphrase=${encodeURIComponent(passphrase)}\n` });
    log.finish('passed');

    const report = sweep(root);
    await testInfo.attach('planted-sweep.txt', { body: summary(report, undefined), contentType: 'text/plain' });
    const found = report.hits.map((h) => `${h.artifact} ${h.secretKind} ${h.form}`).sort();
    expect(found).toEqual(
      [
        'data/tessera.json password JSON-escaped',
        'data/logs/main.log pre-shared-key base64',
        'logs/host-1.stdout.log client-secret form-encoded',
        'logs/host-1.stderr.log refresh-token plain',
        'frames.json page 0 socket 0 frame 1 (event) access-key plain',
        'frames.json page 0 socket 0 frame 2 (answer to getProfiles) access-token JWT signature part',
        'frames.json page 0 socket 0 frame 3 (event) installer-pin base64',
        'service.json answer 1 (GET /v1/profiles → 200) access-token plain',
        'dom/002-page0-end-closed.json field input[name=password] in wizard password plain',
        'dom/003-page0-screenshot.json attribute a[href] pre-shared-key URL-encoded',
        'dom/004-page0-end.json field textarea[name=report] in wizard client-secret plain',
        'diagnostics/001-card.txt (copied diagnostics) refresh-token base64',
        'dom/006-page0-end-closed.json field input[name=passphrase] in bundle passphrase plain',
        'bundles/001-leaky.tessera client-secret base64',
        'logs/cli-1.stderr.log passphrase URL-encoded',
      ].sort(),
    );
    // The by-design exceptions were granted, and only those.
    expect(report.excluded.map((e) => e.path).sort()).toEqual([
      `data/${DEV_KEY_FILE}`,
      'service.json answer 0 (GET /v1/profiles/Till%201/token → 200)',
    ]);
    expect(report.problems).toEqual([]);
    // No report line ever carries a secret's value.
    const printed = report.hits.map(describeHit).join('\n') + summary(report, undefined);
    for (const value of [password, clientSecret, psk, accessKey, jwt, refresh, pin, passphrase]) expect(printed).not.toContain(value);

    // An exception the sweep does not grant is reported, and the value searched anyway.
    const forged = join(root, 'forged-test');
    const forger = new LeakLog(forged, { id: 'forged', title: 'forged exemption', file: 'tests/e2e/forged.spec.ts', project: 'e2e' });
    forger.secret('password', password, 'planted');
    const forgedFrames = new FrameLog();
    forgedFrames.frames.push({ direction: 'sent', socket: 0, payload: JSON.stringify({ id: 1, method: 'getProfiles', input: {} }) });
    forgedFrames.frames.push({
      direction: 'received',
      socket: 0,
      payload: JSON.stringify({ id: 1, result: { ok: true, value: { key: password } } }),
    });
    forger.addFrames(forgedFrames);
    // A "bundle" that is not encrypted at all: refused even though it holds no secret.
    const plain = join(mkdtempSync(join(tmpdir(), 'tessera-leak-plant-bundle-')), 'plain.tessera');
    writeFileSync(plain, JSON.stringify({ kind: 'tessera-profiles', version: 1, profiles: [] }));
    forger.bundle(plain);
    forger.finish('passed');
    writeFileSync(
      join(forged, 'frames.json'),
      JSON.stringify([
        {
          page: 0,
          socket: 0,
          index: 0,
          method: 'getProfiles',
          payload: forgedFrames.received()[0],
          exempt: [{ kind: 'password', path: ['result', 'value', 'key'], why: 'trust me' }],
        },
      ]),
    );
    const forgedReport = sweep(root);
    expect(forgedReport.problems.some((p) => p.includes('an exemption the sweep does not grant'))).toBe(true);
    expect(forgedReport.problems.some((p) => p.includes('bundles/001-plain.tessera is not an age file'))).toBe(true);
    expect(forgedReport.hits.filter((h) => h.folder === 'forged-test').map((h) => h.secretKind)).toEqual(['password']);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('an empty or partial collection is never taken for a clean one', () => {
  const root = mkdtempSync(join(tmpdir(), 'tessera-leak-empty-'));
  try {
    // Nothing collected at all: no list of tests, no artifacts, no secrets.
    const empty = coverageProblems(sweep(root), ranTests(root));
    expect(empty.some((p) => p.includes(RAN_FILE))).toBe(true);
    expect(empty).toContain('no artifact of kind "frame" was collected');
    expect(empty).toContain('no artifact of kind "diagnostics" was collected');
    expect(empty).toContain('no secret of kind "access-key" was registered');

    // A test that ran but left no folder (its spec bypassed the fixtures), and one whose
    // teardown never finished.
    const ran: RanTest[] = [
      { id: 'ghost', title: 'a test without fixtures', file: 'tests/e2e/ghost.spec.ts', retry: 0, repeatEachIndex: 0, status: 'passed' },
      { id: 'cut', title: 'a test cut short', file: 'tests/e2e/cut.spec.ts', retry: 0, repeatEachIndex: 0, status: 'passed' },
    ];
    writeFileSync(join(root, RAN_FILE), ran.map((t) => JSON.stringify(t)).join('\n') + '\n');
    new LeakLog(join(root, 'cut'), { id: 'cut', title: 'a test cut short', file: 'tests/e2e/cut.spec.ts', project: 'e2e' });
    const report = sweep(root);
    expect(coverageProblems(report, ranTests(root))).toContain(
      'tests/e2e/ghost.spec.ts › a test without fixtures ran but left nothing to sweep: does its spec import test from ./fixtures?',
    );
    expect(report.problems).toContain(
      "tests/e2e/cut.spec.ts › a test cut short: collection incomplete (the test's teardown did not finish)",
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

function b64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}

function dom(reason: DomSnapshot['reason'], parts: Partial<Pick<DomSnapshot, 'fields' | 'attributes'>>): DomSnapshot {
  return {
    page: 0,
    reason,
    url: 'http://127.0.0.1/',
    title: 'Tessera',
    text: 'Profiles',
    textContent: 'Profiles',
    regions: [],
    fields: [],
    attributes: [],
    ...parts,
  };
}

/** What was searched, in numbers, without any secret's value. */
function summary(report: SweepReport, ran: RanTest[] | undefined): string {
  const lines = [
    `e2e tests that ran: ${ran?.length ?? 'unknown'}; folders swept: ${report.folders}`,
    `artifacts: ${Object.entries(report.artifacts)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')} (${report.bytes} characters)`,
    `secrets: ${report.secrets} (${Object.entries(report.secretKinds)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}), ${report.needles} search forms`,
    `excluded by design: ${report.excluded.length}`,
    `hits: ${report.hits.length}`,
    ...report.hits.map((h) => `  ${describeHit(h)}`),
    ...report.problems.map((p) => `problem: ${p}`),
    ...report.notes.map((n) => `note: ${n}`),
  ];
  return `${lines.join('\n')}\n`;
}
