// The leak sweep's collector (issue #5 §7). Every e2e test gets a LeakLog from an automatic
// fixture; it gathers what could carry a secret out of the app into
// test-results/leak-sweep/<test id>/, and the secret values the test used into secrets.json.
// tests/e2e/leak-sweep.spec.ts then searches each folder for its own secrets.
//
// What is collected, and where:
//   data/            the test's data folder, copied after its host stopped (SIGTERM)
//   logs/host-N.*    each host process's stdout and stderr (restarts make N > 1)
//   frames.json      every WebSocket frame a page received, with the method it answers
//   service.json     the token service's answers the test received (bodies of token hand-outs left out)
//   dom/NNN-*.json   the page's text, field values and attribute values at each screenshot and at
//                    the end (as left, then again once dialogs and forms are closed)
//   diagnostics/NNN-*.txt  each report "Copy diagnostics" put on the clipboard (the page objects
//                    read the clipboard after the click and hand it over)
//   bundles/NNN-*    every profile bundle (.tessera) a test exported, as written
//   logs/cli-N.*     each command-line run's stdout and stderr
//   secrets.json     the secrets, with their kind; manifest.json what was excluded and why
//
// Secrets are registered where tests meet them, so nobody has to remember: the sandbox control
// that adds an account, the wizard page object, the store reader (held-tokens), the service
// helpers, and at teardown every secret field the page sent to core and every access key
// core sent back.
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';

import type { Page, TestInfo } from '@playwright/test';

import { type CredentialValues, SECRET_FIELDS, type SecretField } from '#common/profile-schema';

import { providerCatalog } from '../../../electron/core/providers';
import { FrameLog } from './frames';
import { LEAK_ROOT, leakFolderName } from './leak-paths';

export type SecretKind =
  | 'password'
  | 'client-secret'
  | 'pre-shared-key'
  | 'demo-credential'
  | 'access-token'
  | 'refresh-token'
  | 'access-key'
  | 'installer-pin'
  | 'passphrase';

export const SECRET_KINDS: readonly SecretKind[] = [
  'password',
  'client-secret',
  'pre-shared-key',
  'demo-credential',
  'access-token',
  'refresh-token',
  'access-key',
  'installer-pin',
  'passphrase',
];

/** What a user types into the wizard; acceptable in the wizard's own fields while it is open. */
export const CREDENTIAL_KINDS: readonly SecretKind[] = ['password', 'client-secret', 'pre-shared-key', 'demo-credential'];

/** What a user types into a bundle dialog (a template's secrets, the passphrase), while it is open. */
export const BUNDLE_DIALOG_KINDS: readonly SecretKind[] = [...CREDENTIAL_KINDS, 'passphrase'];
/** Fields of a bundle dialog that hold the passphrase. */
const PASSPHRASE_FIELDS = new Set(['passphrase', 'passphraseRepeat']);
/** A bundle is an age file: this is how every one begins (the rest is encrypted). */
export const AGE_MAGIC = 'age-encryption.org/v1\n';

const FIELD_KIND: Record<SecretField, SecretKind> = { clientSecret: 'client-secret', password: 'password', preSharedKey: 'pre-shared-key' };

/**
 * Inputs of the installer lock's calls (unlock, setInstallerPin) and the fields the PIN is typed
 * in: every PIN the page sends, right or wrong, is a secret of the test. No region of the page
 * may show one, not even the dialog it is typed in, since each attempt clears its field.
 */
const PIN_KEYS: readonly string[] = ['pin', 'currentPin', 'newPin', 'repeatPin'];

/**
 * The built-in sandbox's demo credentials are public: they ship in the catalog that every
 * renderer receives (getCatalog) so "Use demo credentials" can fill them. They are still swept
 * (sealed at rest, never logged, never in any other answer), under their own kind.
 */
const DEMO_VALUES = new Set(providerCatalog().flatMap((p) => SECRET_FIELDS.map((f) => p.sandboxDemo[f]).filter((v): v is string => !!v)));

export interface SecretRecord {
  kind: SecretKind;
  value: string;
  /** Where the test met it (for people reading secrets.json; the sweep ignores it). */
  source: string;
}

/** A part of one received frame that may hold a secret of `kind` by design: exactly the value at `path`. */
export interface Exemption {
  kind: SecretKind;
  /** Keys into the parsed frame; '*' for every element of an array. */
  path: (string | number)[];
  why: string;
}

export interface FrameArtifact {
  /** Which page of the test (0 for the first), which of its sockets, and the frame's place on it. */
  page: number;
  socket: number;
  index: number;
  method?: string;
  payload: string;
  exempt?: Exemption[];
}

export interface ServiceArtifact {
  method: string;
  path: string;
  status: number;
  /** null when left out: a token hand-out, the service's intended answer. */
  body: string | null;
  excluded?: string;
}

export type DomReason = 'screenshot' | 'end' | 'end-closed';
/** Parts of the screen that show a secret on purpose while they are open. */
export type DomRegion = 'wizard' | 'new-key' | 'bundle';

export interface DomSnapshot {
  page: number;
  reason: DomReason;
  /** The screenshot's file name, for reason 'screenshot'. */
  screenshot?: string;
  /** Set when the page could not be read (the sweep reports it). */
  error?: string;
  /** What could not be closed before an 'end-closed' snapshot. */
  closeError?: string;
  url: string;
  title: string;
  /** document.body.innerText: what is rendered. */
  text: string;
  /** document.documentElement.textContent: hidden text too (closed details, display: none). */
  textContent: string;
  regions: { region: DomRegion; text: string; textContent: string }[];
  fields: { region: DomRegion | null; tag: string; type: string; name: string; value: string }[];
  attributes: { region: DomRegion | null; tag: string; name: string; value: string }[];
}

export interface TestMeta {
  id: string;
  title: string;
  file: string;
  project: string;
}

export interface Manifest {
  test: TestMeta;
  /** Written true only once every artifact is on disk. */
  complete: boolean;
  status?: string;
  /** Files (relative to the folder) the sweep must skip, and why; it accepts only the reasons below. */
  excluded: { path: string; why: string }[];
  notes: string[];
}

export const DEV_KEY_FILE = 'dev-secret.key';
export const EXCLUDED_WHY = {
  devKey: 'the development key file: it is a key by design (the browser host seals secrets with it), not a leak',
  tokenFile: 'a token file the test configured for the profile: handing a token out there is its purpose',
  tokenAnswer: 'a token hand-out (GET …/token, POST …/token/invalidate, status 200): its purpose',
} as const;

let current: LeakLog | undefined;

/** The running test's log (each worker runs one test at a time); undefined outside e2e tests. */
export function currentLeaks(): LeakLog | undefined {
  return current;
}

export function setCurrentLeaks(log: LeakLog | undefined): void {
  current = log;
}

interface WatchedPage {
  page: Page | undefined;
  frames: FrameLog;
  n: number;
}

export class LeakLog {
  private readonly secrets = new Map<string, SecretRecord>();
  private readonly tokenFiles = new Set<string>();
  private readonly services: ServiceArtifact[] = [];
  private readonly pages: WatchedPage[] = [];
  private readonly dataDirs: string[] = [];
  private readonly notes: string[] = [];
  private domCount = 0;
  private diagnosticsCount = 0;
  private hostRuns = 0;
  private bundleCount = 0;
  private commandRuns = 0;

  constructor(
    readonly dir: string,
    readonly meta: TestMeta,
  ) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    this.writeManifest(false);
  }

  static forTest(testInfo: TestInfo): LeakLog {
    const dir = join(LEAK_ROOT, leakFolderName(testInfo.testId, testInfo.retry, testInfo.repeatEachIndex));
    return new LeakLog(dir, {
      id: testInfo.testId,
      title: testInfo.titlePath.slice(1).join(' › '),
      file: relative(join(LEAK_ROOT, '../..'), testInfo.file),
      project: testInfo.project.name,
    });
  }

  // ---- secrets ---------------------------------------------------------------------------

  secret(kind: SecretKind, value: string | undefined, source: string): void {
    if (!value || this.secrets.has(value)) return;
    const demo = CREDENTIAL_KINDS.includes(kind) && DEMO_VALUES.has(value);
    this.secrets.set(value, { kind: demo ? 'demo-credential' : kind, value, source });
  }

  /** The secret fields of a set of credentials (the plain ones are not secrets). */
  credentials(values: CredentialValues, source: string): void {
    for (const field of SECRET_FIELDS) this.secret(FIELD_KIND[field], values[field], source);
  }

  /** A path the test chose as a profile's token file. */
  tokenFile(path: string): void {
    this.tokenFiles.add(path);
  }

  registered(): SecretRecord[] {
    return [...this.secrets.values()];
  }

  // ---- pages -----------------------------------------------------------------------------

  /** Starts recording a page's frames (once) and a DOM snapshot before each of its screenshots. */
  watchPage(page: Page): FrameLog {
    const known = this.pages.find((p) => p.page === page);
    if (known) return known.frames;
    const watched: WatchedPage = { page, frames: new FrameLog(), n: this.pages.length };
    watched.frames.attach(page);
    this.pages.push(watched);
    const screenshot = page.screenshot.bind(page);
    page.screenshot = async (options?: Parameters<Page['screenshot']>[0]) => {
      await this.snapshot(watched, 'screenshot', options?.path);
      return screenshot(options);
    };
    return watched.frames;
  }

  /** Frames recorded without a browser (the sweep's own tests). */
  addFrames(frames: FrameLog): void {
    this.pages.push({ page: undefined, frames, n: this.pages.length });
  }

  /** At the end of the test: each open page as left, then again with dialogs and forms closed. */
  async closePages(): Promise<void> {
    for (const watched of this.pages) {
      const page = watched.page;
      if (!page || page.isClosed()) continue;
      await this.snapshot(watched, 'end');
      const closeError = await closeOpenUi(page);
      await this.snapshot(watched, 'end-closed', undefined, closeError);
    }
  }

  private async snapshot(watched: WatchedPage, reason: DomReason, screenshot?: string, closeError?: string): Promise<void> {
    const page = watched.page!;
    let dom: DomSnapshot;
    try {
      dom = { page: watched.n, reason, ...(await page.evaluate(readDom)) };
    } catch (err) {
      dom = { ...EMPTY_DOM, page: watched.n, reason, error: err instanceof Error ? err.message : String(err) };
    }
    if (screenshot) dom.screenshot = screenshot.split(/[\\/]/).pop()!;
    if (closeError) dom.closeError = closeError;
    this.addDom(dom);
  }

  addDom(dom: DomSnapshot): void {
    // Secrets typed into the wizard and never sent (Cancel) are still secrets of this test.
    for (const f of dom.fields) {
      if ((f.region === 'wizard' || f.region === 'bundle') && (SECRET_FIELDS as readonly string[]).includes(f.name)) {
        this.secret(FIELD_KIND[f.name as SecretField], f.value, `seen in the ${f.region}`);
      }
      if (PIN_KEYS.includes(f.name)) this.secret('installer-pin', f.value, 'seen in a PIN field');
      if (f.region === 'bundle' && PASSPHRASE_FIELDS.has(f.name)) this.secret('passphrase', f.value, 'seen in a bundle dialog');
    }
    const name = `${String(++this.domCount).padStart(3, '0')}-page${dom.page}-${dom.reason}.json`;
    mkdirSync(join(this.dir, 'dom'), { recursive: true });
    writeFileSync(join(this.dir, 'dom', name), JSON.stringify(dom));
  }

  /** A diagnostics report as copied to the clipboard; `source` says from where (card, wizard). */
  diagnostics(text: string, source: string): void {
    const name = `${String(++this.diagnosticsCount).padStart(3, '0')}-${source.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.txt`;
    mkdirSync(join(this.dir, 'diagnostics'), { recursive: true });
    writeFileSync(join(this.dir, 'diagnostics', name), text);
  }

  // ---- the host, its data and the service ------------------------------------------------

  hostOutput(output: { stdout: string[]; stderr: string[] }): void {
    const n = ++this.hostRuns;
    mkdirSync(join(this.dir, 'logs'), { recursive: true });
    writeFileSync(join(this.dir, 'logs', `host-${n}.stdout.log`), output.stdout.map((line) => `${line}\n`).join(''));
    writeFileSync(join(this.dir, 'logs', `host-${n}.stderr.log`), output.stderr.join(''));
  }

  /** Copies a data folder (its host stopped) into data/, every file as it is. */
  copyDataDir(dir: string): void {
    if (!existsSync(dir)) return;
    const target = this.dataDirs.length === 0 ? 'data' : `data-${this.dataDirs.length + 1}`;
    cpSync(dir, join(this.dir, target), { recursive: true });
    this.dataDirs.push(dir);
  }

  /** A profile bundle the test exported (a download, a file the command line wrote), copied as it is. */
  bundle(path: string): void {
    const n = String(++this.bundleCount).padStart(3, '0');
    mkdirSync(join(this.dir, 'bundles'), { recursive: true });
    cpSync(path, join(this.dir, 'bundles', `${n}-${path.split(/[\\/]/).pop()}`));
  }

  /** What a command-line run printed. */
  commandOutput(output: { stdout: string; stderr: string }): void {
    const n = ++this.commandRuns;
    mkdirSync(join(this.dir, 'logs'), { recursive: true });
    writeFileSync(join(this.dir, 'logs', `cli-${n}.stdout.log`), output.stdout);
    writeFileSync(join(this.dir, 'logs', `cli-${n}.stderr.log`), output.stderr);
  }

  service(entry: ServiceArtifact): void {
    this.services.push(entry);
  }

  note(text: string): void {
    this.notes.push(text);
  }

  // ---- the end ---------------------------------------------------------------------------

  /** Reads the frames, marks the intended exceptions, and writes everything that is left. */
  finish(status?: string): void {
    const frames: FrameArtifact[] = [];
    for (const watched of this.pages) {
      for (const f of watched.frames.frames) if (f.direction === 'sent') this.fromSent(f.payload);
      watched.frames.receivedWithMethods().forEach((f, index) => {
        const exempt = this.exemptionsOf(f.method, f.payload);
        frames.push({
          page: watched.n,
          socket: f.socket,
          index,
          ...(f.method ? { method: f.method } : {}),
          payload: f.payload,
          ...(exempt.length ? { exempt } : {}),
        });
      });
    }
    writeFileSync(join(this.dir, 'frames.json'), JSON.stringify(frames));
    writeFileSync(join(this.dir, 'service.json'), JSON.stringify(this.services));
    writeFileSync(join(this.dir, 'secrets.json'), JSON.stringify(this.registered(), null, 1));
    this.writeManifest(true, status);
  }

  /** What the page sent core: secrets it typed, token files it chose. */
  private fromSent(payload: string): void {
    const message = parse(payload) as { method?: unknown; input?: { path?: unknown } } | undefined;
    if (!message) return;
    const method = typeof message.method === 'string' ? message.method : 'a message';
    if (method === 'setFileSink' && typeof message.input?.path === 'string') this.tokenFile(message.input.path);
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(walk);
      if (!value || typeof value !== 'object') return;
      for (const [key, inner] of Object.entries(value)) {
        if ((SECRET_FIELDS as readonly string[]).includes(key) && typeof inner === 'string')
          this.secret(FIELD_KIND[key as SecretField], inner, `sent with ${method}`);
        else if (PIN_KEYS.includes(key) && typeof inner === 'string') this.secret('installer-pin', inner, `sent with ${method}`);
        else if (key === 'passphrase' && typeof inner === 'string') this.secret('passphrase', inner, `sent with ${method}`);
        else walk(inner);
      }
    };
    walk(message.input);
  }

  /** The two answers that carry a secret on purpose; anything else in them still counts. */
  private exemptionsOf(method: string | undefined, payload: string): Exemption[] {
    if (method === 'createAccessKey') {
      const key = (parse(payload) as { result?: { ok?: boolean; value?: { key?: unknown } } } | undefined)?.result?.value?.key;
      if (typeof key !== 'string') return [];
      this.secret('access-key', key, 'createAccessKey answer');
      return [{ kind: 'access-key', path: ['result', 'value', 'key'], why: 'the new access key, shown to the user once by design' }];
    }
    if (method === 'getCatalog') {
      return [
        {
          kind: 'demo-credential',
          path: ['result', 'value', '*', 'sandboxDemo'],
          why: 'the sandbox’s public demo credentials, part of the catalog by design',
        },
      ];
    }
    return [];
  }

  private excluded(): Manifest['excluded'] {
    const out: Manifest['excluded'] = [];
    this.dataDirs.forEach((dataDir, i) => {
      const target = i === 0 ? 'data' : `data-${i + 1}`;
      if (existsSync(join(this.dir, target, DEV_KEY_FILE))) out.push({ path: `${target}/${DEV_KEY_FILE}`, why: EXCLUDED_WHY.devKey });
      for (const file of this.tokenFiles) {
        const rel = relative(dataDir, file);
        if (rel && !rel.startsWith('..') && !isAbsolute(rel))
          out.push({ path: `${target}/${rel.split(sep).join('/')}`, why: EXCLUDED_WHY.tokenFile });
      }
    });
    return out;
  }

  private writeManifest(complete: boolean, status?: string): void {
    const manifest: Manifest = {
      test: this.meta,
      complete,
      ...(status ? { status } : {}),
      excluded: complete ? this.excluded() : [],
      notes: this.notes,
    };
    writeFileSync(join(this.dir, 'manifest.json'), JSON.stringify(manifest, null, 1));
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const EMPTY_DOM: Omit<DomSnapshot, 'page' | 'reason'> = {
  url: '',
  title: '',
  text: '',
  textContent: '',
  regions: [],
  fields: [],
  attributes: [],
};

/**
 * Runs in the page: its rendered text, all its text, every field's value and every attribute's
 * value, each marked with the open region (wizard, new access key) it belongs to. A typed
 * secret lives in an input's value (and React mirrors it into the value attribute), not in
 * the text, which is why both are read.
 */
function readDom(): Omit<DomSnapshot, 'page' | 'reason'> {
  interface El {
    tagName: string;
    attributes: ArrayLike<{ name: string; value: string }>;
    closest(selector: string): El | null;
    querySelectorAll(selector: string): ArrayLike<El>;
    innerText: string;
    textContent: string | null;
    value?: unknown;
    type?: unknown;
    name?: unknown;
    id: string;
  }
  const doc = (globalThis as unknown as { document: { title: string; URL: string; documentElement: El; body: El | null } }).document;
  const root = doc.documentElement;
  const regionOf = (el: El): DomRegion | null =>
    el.closest('.screen.wizard')
      ? 'wizard'
      : el.closest('[data-new-key]')
        ? 'new-key'
        : el.closest('[data-bundle-dialog]')
          ? 'bundle'
          : null;
  const elements = [root, ...Array.from(root.querySelectorAll('*'))];
  return {
    url: doc.URL.replace(/#.*$/, ''),
    title: doc.title,
    text: doc.body?.innerText ?? '',
    textContent: root.textContent ?? '',
    regions: Array.from(root.querySelectorAll('.screen.wizard, [data-new-key], [data-bundle-dialog]')).map((el) => ({
      region: regionOf(el)!,
      text: el.innerText,
      textContent: el.textContent ?? '',
    })),
    fields: Array.from(root.querySelectorAll('input, textarea, select'))
      .map((el) => ({
        region: regionOf(el),
        tag: el.tagName.toLowerCase(),
        type: typeof el.type === 'string' ? el.type : '',
        name: typeof el.name === 'string' && el.name ? el.name : el.id,
        value: typeof el.value === 'string' ? el.value : '',
      }))
      .filter((f) => f.value !== ''),
    attributes: elements.flatMap((el) =>
      Array.from(el.attributes)
        .filter((a) => a.value !== '')
        .map((a) => ({ region: regionOf(el), tag: el.tagName.toLowerCase(), name: a.name, value: a.value })),
    ),
  };
}

/**
 * Closes what a test may leave open, the way a user would: a confirmation dialog (Escape), the
 * wizard (its Cancel button, then "Discard changes" when it asks) and a just-created access key (Done). Returns what failed, if
 * anything; the snapshot after it then shows the open form and the sweep grants it nothing.
 */
async function closeOpenUi(page: Page): Promise<string | undefined> {
  const problems: string[] = [];
  const steps: { what: string; open: string; close: () => Promise<void> }[] = [
    { what: 'dialog', open: 'dialog[open]', close: () => page.keyboard.press('Escape') },
    {
      what: 'wizard',
      open: '.screen.wizard',
      close: async () => {
        await page.locator('.screen.wizard .wizard__actions > button:last-child, .screen.wizard > button').last().click({ timeout: 5_000 });
        // With something typed, leaving asks first ("Discard your changes?"): discard, as a user leaving would.
        const ask = page.locator('dialog[open]');
        if (await ask.isVisible()) await ask.locator('.dialog__actions .button--danger').click({ timeout: 5_000 });
      },
    },
    {
      what: 'new access key',
      open: '[data-new-key]',
      close: () => page.locator('[data-new-key] > div:last-child > button').click({ timeout: 5_000 }),
    },
  ];
  for (const step of steps) {
    try {
      if ((await page.locator(step.open).count()) === 0) continue;
      await step.close();
      await page.locator(step.open).first().waitFor({ state: 'detached', timeout: 5_000 });
    } catch (err) {
      problems.push(`${step.what}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    }
  }
  return problems.length ? problems.join('; ') : undefined;
}
