// The leak sweep's search (issue #5 §7): reads every folder support/leaks.ts wrote and looks
// for each test's secrets in each of its artifacts, in plain form and in the forms a secret
// takes on its way out of a program: URL-, form- and JSON-escaped, base64 and base64url (at
// every byte alignment, so a secret inside a longer encoded value is found too), and for a JWT
// its signature and payload parts alone. Exceptions are granted here, not by the collector: the
// collector only marks where a secret is expected, and only the marks listed below are honoured.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

import { SECRET_FIELDS } from '#common/profile-schema';

import { leakFolderName, RAN_FILE, type RanTest } from './leak-paths';
import {
  AGE_MAGIC,
  BUNDLE_DIALOG_KINDS,
  CREDENTIAL_KINDS,
  DEV_KEY_FILE,
  type DomSnapshot,
  EXCLUDED_WHY,
  type Exemption,
  type FrameArtifact,
  type Manifest,
  SECRET_KINDS,
  type SecretKind,
  type SecretRecord,
  type ServiceArtifact,
  type TestMeta,
} from './leaks';

/** Shorter values (or encoded pieces) would match by chance; a test must use longer throw-away secrets. */
export const MIN_NEEDLE_LENGTH = 8;

export type ArtifactKind = 'data' | 'log' | 'frame' | 'service' | 'dom' | 'diagnostics' | 'bundle' | 'other';
export const ARTIFACT_KINDS: readonly ArtifactKind[] = ['data', 'log', 'frame', 'service', 'dom', 'diagnostics', 'bundle', 'other'];

export interface Needle {
  kind: SecretKind;
  form: string;
  text: string;
}

export interface Hit {
  test: TestMeta;
  folder: string;
  /** The file, and inside it which frame, answer, field or attribute. */
  artifact: string;
  artifactKind: ArtifactKind;
  secretKind: SecretKind;
  form: string;
}

export interface SweepReport {
  folders: number;
  artifacts: Record<ArtifactKind, number>;
  bytes: number;
  /** Secrets searched for (per test; the same demo value in two tests counts twice). */
  secrets: number;
  secretKinds: Record<SecretKind, number>;
  needles: number;
  excluded: { folder: string; path: string; why: string }[];
  hits: Hit[];
  /** Reasons the sweep cannot vouch for a folder (incomplete, unreadable, an unknown exclusion...). */
  problems: string[];
  /** Things worth reading that are not failures (a form that could not be closed...). */
  notes: string[];
  tests: { folder: string; test: TestMeta; secrets: number; artifacts: number; byKind: Record<ArtifactKind, number> }[];
}

/**
 * The marks the sweep honours, by the method a frame answers: the new access key in the answer
 * that created it (shown once by design) and the sandbox's public demo credentials in the
 * catalog. Each frees exactly the value at its path, for its one kind of secret.
 */
const FRAME_EXEMPTIONS: Record<string, { kind: SecretKind; path: string }> = {
  createAccessKey: { kind: 'access-key', path: 'result.value.key' },
  getCatalog: { kind: 'demo-credential', path: 'result.value.*.sandboxDemo' },
};

const TOKEN_ENDPOINT = /^\/v1\/profiles\/[^/?]+\/token(\/invalidate)?(\?.*)?$/;
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

// ---- needles ---------------------------------------------------------------------------------

/**
 * The part of base64(secret) that does not depend on what surrounds the secret, when it starts
 * `offset` bytes into a 3-byte group: drop the first group if it holds bytes before the secret,
 * and the last one if it holds bytes after it.
 */
function base64Core(value: Buffer, offset: number, alphabet: 'base64' | 'base64url'): string {
  const encoded = Buffer.concat([Buffer.alloc(offset), value]).toString(alphabet);
  const wholeGroups = Math.floor((offset + value.length) / 3);
  return encoded.slice(offset > 0 ? 4 : 0, wholeGroups * 4);
}

export function needlesFor(secret: SecretRecord): Needle[] {
  const found = new Map<string, string>();
  const add = (text: string, form: string) => {
    if (text.length >= MIN_NEEDLE_LENGTH && !found.has(text)) found.set(text, form);
  };
  const value = secret.value;
  add(value, 'plain');
  const url = encodeURIComponent(value);
  add(url, 'URL-encoded');
  add(
    url.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    'URL-encoded',
  );
  add(new URLSearchParams({ v: value }).toString().slice(2), 'form-encoded');
  const json = JSON.stringify(value).slice(1, -1);
  add(json, 'JSON-escaped');
  add(json.replace(/\//g, '\\/'), 'JSON-escaped');
  const bytes = Buffer.from(value, 'utf8');
  for (const alphabet of ['base64', 'base64url'] as const) {
    for (const offset of [0, 1, 2]) add(base64Core(bytes, offset, alphabet), alphabet);
  }
  if (JWT.test(value)) {
    const [, payload, signature] = value.split('.') as [string, string, string];
    add(signature, 'JWT signature part');
    add(payload, 'JWT payload part');
  }
  return [...found].map(([text, form]) => ({ kind: secret.kind, form, text }));
}

// ---- scanning --------------------------------------------------------------------------------

interface Unit {
  label: string;
  text: string;
  /** Kinds this unit may hold by design. */
  allow?: readonly SecretKind[];
}

interface Finding {
  label: string;
  kind: SecretKind;
  form: string;
}

/** Searches many small texts at once: joined per exemption, then narrowed down on a hit. */
function scanUnits(units: Unit[], needles: Needle[]): Finding[] {
  const groups = new Map<string, Unit[]>();
  for (const unit of units) {
    const key = [...(unit.allow ?? [])].sort().join(',');
    groups.set(key, [...(groups.get(key) ?? []), unit]);
  }
  const findings: Finding[] = [];
  for (const group of groups.values()) {
    const allow = new Set(group[0]!.allow ?? []);
    const joined = group.map((u) => u.text).join('\n\u0000\n');
    for (const needle of needles) {
      if (allow.has(needle.kind) || !joined.includes(needle.text)) continue;
      for (const unit of group)
        if (unit.text.includes(needle.text)) findings.push({ label: unit.label, kind: needle.kind, form: needle.form });
    }
  }
  // One finding per place and kind of secret: its plainest form.
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.label}\u0000${f.kind}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Replaces what sits at `path` (with '*' over arrays) by a marker. */
function blank(value: unknown, path: string[]): unknown {
  if (path.length === 0) return '[exempt]';
  const [head, ...rest] = path as [string, ...string[]];
  if (head === '*') return Array.isArray(value) ? value.map((v) => blank(v, rest)) : value;
  if (value && typeof value === 'object' && head in value) {
    return { ...(value as Record<string, unknown>), [head]: blank((value as Record<string, unknown>)[head], rest) };
  }
  return value;
}

function frameUnits(frame: FrameArtifact, label: string, problems: string[]): Unit[] {
  const exempt: Exemption[] = frame.exempt ?? [];
  if (exempt.length === 0) return [{ label, text: frame.payload }];
  let parsed: unknown;
  try {
    parsed = JSON.parse(frame.payload);
  } catch {
    problems.push(`${label}: marked exempt but not JSON; searched whole`);
    return [{ label, text: frame.payload }];
  }
  const honoured: Exemption[] = [];
  for (const e of exempt) {
    const rule = frame.method ? FRAME_EXEMPTIONS[frame.method] : undefined;
    if (rule && rule.kind === e.kind && rule.path === e.path.join('.')) honoured.push(e);
    else
      problems.push(
        `${label}: an exemption the sweep does not grant (${e.kind} at ${e.path.join('.')} in an answer to ${frame.method ?? 'nothing'})`,
      );
  }
  for (const e of honoured) parsed = blank(parsed, e.path.map(String));
  return [
    // The frame as received, for every other kind of secret...
    { label, text: frame.payload, allow: honoured.map((e) => e.kind) },
    // ...and without the exempt values, for all kinds: the same secret anywhere else still counts.
    { label, text: JSON.stringify(parsed) },
  ];
}

function domUnits(dom: DomSnapshot, file: string): Unit[] {
  // Before the end-closed snapshot, the wizard's fields may hold what the user typed, and a
  // just-created access key shows itself; afterwards nothing may hold anything.
  const open = dom.reason !== 'end-closed';
  const newKeyRegions = open ? dom.regions.filter((r) => r.region === 'new-key') : [];
  let text = dom.text;
  let textContent = dom.textContent;
  for (const r of newKeyRegions) {
    text = text.replace(r.text, '');
    textContent = textContent.replace(r.textContent, '');
  }
  // In the wizard, only its secret fields may hold what was typed into them (not, say, a report shown there).
  const mayHold = (region: string | null, isValue: boolean, field?: string): readonly SecretKind[] | undefined =>
    !open || !isValue
      ? undefined
      : region === 'wizard' && (field === undefined || (SECRET_FIELDS as readonly string[]).includes(field))
        ? CREDENTIAL_KINDS
        : region === 'new-key'
          ? ['access-key']
          : region === 'bundle'
            ? BUNDLE_DIALOG_KINDS
            : undefined;
  return [
    { label: `${file} page text`, text },
    { label: `${file} page text (hidden included)`, text: textContent },
    { label: `${file} title and address`, text: `${dom.title}\n${dom.url}` },
    ...newKeyRegions.flatMap((r) => [
      { label: `${file} new access key panel`, text: r.text, allow: ['access-key'] as const },
      { label: `${file} new access key panel (hidden included)`, text: r.textContent, allow: ['access-key'] as const },
    ]),
    ...dom.fields.map((f) => ({
      label: `${file} field ${f.tag}[name=${f.name}]${f.region ? ` in ${f.region}` : ''}`,
      text: f.value,
      allow: mayHold(f.region, true, f.name),
    })),
    ...dom.attributes.map((a) => ({
      label: `${file} attribute ${a.tag}[${a.name}]${a.region ? ` in ${a.region}` : ''}`,
      text: a.value,
      allow: mayHold(a.region, a.name === 'value' && (a.tag === 'input' || a.tag === 'textarea')),
    })),
  ];
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** Whether an exclusion in a manifest is one the sweep accepts. */
function acceptedExclusion(path: string, why: string): boolean {
  if (why === EXCLUDED_WHY.devKey) return /^data(-\d+)?\/[^/]+$/.test(path) && path.endsWith(`/${DEV_KEY_FILE}`);
  if (why === EXCLUDED_WHY.tokenFile) return /^data(-\d+)?\//.test(path);
  return false;
}

/** Searches one test's folder. */
function sweepFolder(root: string, folder: string, report: SweepReport): void {
  const dir = join(root, folder);
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    report.problems.push(`${folder}: no manifest.json (not written by the fixtures?)`);
    return;
  }
  const manifest = readJson<Manifest>(manifestPath);
  const test = manifest.test;
  const where = `${test.file} › ${test.title}`;
  if (!manifest.complete) report.problems.push(`${where}: collection incomplete (the test's teardown did not finish)`);
  for (const note of manifest.notes) report.notes.push(`${where}: ${note}`);
  const secretsPath = join(dir, 'secrets.json');
  const secrets = existsSync(secretsPath) ? readJson<SecretRecord[]>(secretsPath) : [];
  if (!existsSync(secretsPath)) report.problems.push(`${where}: no secrets.json`);
  for (const s of secrets) {
    if (!SECRET_KINDS.includes(s.kind)) report.problems.push(`${where}: a secret of unknown kind "${String(s.kind)}"`);
    if (s.value.length < MIN_NEEDLE_LENGTH)
      report.problems.push(
        `${where}: a ${s.kind} shorter than ${MIN_NEEDLE_LENGTH} characters cannot be searched for reliably; use a longer throw-away value`,
      );
    report.secretKinds[s.kind] = (report.secretKinds[s.kind] ?? 0) + 1;
  }
  report.secrets += secrets.length;
  const needles = secrets.flatMap(needlesFor);
  report.needles += needles.length;

  const excluded = new Map(manifest.excluded.map((e) => [e.path, e.why]));
  let artifacts = 0;
  const byKind = Object.fromEntries(ARTIFACT_KINDS.map((k) => [k, 0])) as Record<ArtifactKind, number>;
  const scan = (kind: ArtifactKind, units: Unit[], count = 1) => {
    report.artifacts[kind] += count;
    byKind[kind] += count;
    artifacts += count;
    report.bytes += units.reduce((n, u) => n + u.text.length, 0);
    for (const f of scanUnits(units, needles))
      report.hits.push({ test, folder, artifact: f.label, artifactKind: kind, secretKind: f.kind, form: f.form });
  };

  for (const path of filesUnder(dir)) {
    const rel = relative(dir, path).split(sep).join('/');
    if (rel === 'manifest.json' || rel === 'secrets.json') continue;
    const why = excluded.get(rel);
    if (why !== undefined) {
      if (acceptedExclusion(rel, why)) {
        report.excluded.push({ folder, path: rel, why });
        continue;
      }
      report.problems.push(`${where}: ${rel} excluded for a reason the sweep does not accept (${why}); searched anyway`);
    }
    if (rel === 'frames.json') {
      const frames = readJson<FrameArtifact[]>(path);
      const units = frames.flatMap((f) =>
        frameUnits(
          f,
          `frames.json page ${f.page} socket ${f.socket} frame ${f.index}${f.method ? ` (answer to ${f.method})` : ' (event)'}`,
          report.problems,
        ),
      );
      scan('frame', units, frames.length);
    } else if (rel === 'service.json') {
      const answers = readJson<ServiceArtifact[]>(path);
      const units: Unit[] = [];
      answers.forEach((a, i) => {
        const label = `service.json answer ${i} (${a.method} ${a.path} → ${a.status})`;
        if (a.body === null) {
          if (a.excluded === EXCLUDED_WHY.tokenAnswer && a.status === 200 && TOKEN_ENDPOINT.test(a.path))
            report.excluded.push({ folder, path: label, why: a.excluded });
          else report.problems.push(`${where}: ${label} has no body and is not a token hand-out`);
        }
        units.push({ label, text: `${a.path}\n${a.body ?? ''}` });
      });
      scan('service', units, answers.filter((a) => a.body !== null).length);
    } else if (rel.startsWith('diagnostics/')) {
      // What "Copy diagnostics" put on the clipboard: made for support to read, so nothing in it is exempt.
      scan('diagnostics', [{ label: `${rel} (copied diagnostics)`, text: readFileSync(path, 'utf8') }]);
    } else if (rel.startsWith('bundles/')) {
      // Bytes, read one to one: a secret in clear or in any encoding outside the age payload shows.
      const bytes = readFileSync(path).toString('latin1');
      if (!bytes.startsWith(AGE_MAGIC)) report.problems.push(`${where}: ${rel} is not an age file: a bundle must be encrypted as a whole`);
      scan('bundle', [{ label: rel, text: bytes }]);
    } else if (rel.startsWith('dom/')) {
      const dom = readJson<DomSnapshot>(path);
      if (dom.error) report.problems.push(`${where}: ${rel}: the page could not be read (${dom.error})`);
      if (dom.closeError) report.notes.push(`${where}: ${rel}: not everything could be closed (${dom.closeError})`);
      scan('dom', domUnits(dom, rel));
    } else {
      const kind: ArtifactKind = /^data(-\d+)?\//.test(rel) ? 'data' : rel.startsWith('logs/') ? 'log' : 'other';
      scan(kind, [{ label: rel, text: readFileSync(path, 'utf8') }]);
    }
  }
  report.tests.push({ folder, test, secrets: secrets.length, artifacts, byKind });
}

/** Searches every test folder under `root`. */
export function sweep(root: string): SweepReport {
  const report: SweepReport = {
    folders: 0,
    artifacts: Object.fromEntries(ARTIFACT_KINDS.map((k) => [k, 0])) as Record<ArtifactKind, number>,
    bytes: 0,
    secrets: 0,
    secretKinds: Object.fromEntries(SECRET_KINDS.map((k) => [k, 0])) as Record<SecretKind, number>,
    needles: 0,
    excluded: [],
    hits: [],
    problems: [],
    notes: [],
    tests: [],
  };
  if (!existsSync(root)) return report;
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    report.folders += 1;
    sweepFolder(root, entry.name, report);
  }
  return report;
}

/** The e2e tests the reporter saw end in this run. */
export function ranTests(root: string): RanTest[] | undefined {
  const file = join(root, RAN_FILE);
  if (!existsSync(file)) return undefined;
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as RanTest);
}

/**
 * Why the sweep's silence would prove nothing: a test that ran without a folder, no artifact of
 * some kind, no secret of some kind. (An empty collection must fail, not pass.)
 */
export function coverageProblems(report: SweepReport, ran: RanTest[] | undefined): string[] {
  const problems: string[] = [];
  if (ran === undefined) problems.push(`no ${RAN_FILE}: is tests/e2e/support/leak-reporter.ts still a reporter in playwright.config.ts?`);
  else {
    if (ran.length === 0) problems.push('no e2e test ran');
    const folders = new Set(report.tests.map((t) => t.folder));
    for (const t of ran) {
      if (!folders.has(leakFolderName(t.id, t.retry, t.repeatEachIndex))) {
        problems.push(`${t.file} › ${t.title} ran but left nothing to sweep: does its spec import test from ./fixtures?`);
      }
    }
  }
  if (report.tests.length < (ran?.length ?? 1)) problems.push(`${report.tests.length} secret sets for ${ran?.length ?? 0} e2e tests`);
  for (const kind of ARTIFACT_KINDS) {
    if (kind !== 'other' && report.artifacts[kind] === 0) problems.push(`no artifact of kind "${kind}" was collected`);
  }
  for (const kind of SECRET_KINDS) if (report.secretKinds[kind] === 0) problems.push(`no secret of kind "${kind}" was registered`);
  return problems;
}

/** A hit, said without the secret's value. */
export function describeHit(hit: Hit): string {
  return `${hit.test.file} › ${hit.test.title}: ${hit.folder}/${hit.artifact} holds ${/^[aeiou]/.test(hit.secretKind) ? 'an' : 'a'} ${hit.secretKind} (${hit.form})`;
}
