// Starts and stops one browser host (`electron/browser-host/cli.ts`): the real core, the development
// SecretBox and the built-in sandbox, on a data folder of the test's own. The first stdout
// line is the URL with its access key; with a service port, a `Token service: <url>` line
// follows each time the token service starts listening (once an access key exists).
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = resolve(import.meta.dirname, '../../..');
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
const SERVICE_LINE = /^Token service: (http:\/\/\S+)$/;

export interface HostOptions {
  /** --service-port: the token service's port instead of the saved one (0 picks a free one). */
  servicePort?: number;
  /** --unlock-seconds: the installer lock's unlock window, shorter than 5 minutes. */
  unlockSeconds?: number;
  /** Extra Node options before the script (e.g. another --import), for tests that inject faults. */
  nodeArgs?: string[];
}

export interface RunningHost {
  /** The page to open, access key in the fragment. */
  url: string;
  /** http://127.0.0.1:<port> */
  origin: string;
  accessKey: string;
  process: ChildProcess;
  /** What the host wrote to stderr (its log, last 500 chunks), for failure messages. */
  log: string[];
  /** Everything it wrote, for the leak sweep: stdout line by line, stderr as it came. */
  output: { stdout: string[]; stderr: string[] };
  /** Settles once the process has exited and its stdout and stderr are drained. */
  closed: Promise<void>;
  /** The token service's URL as last announced; waits for the first announcement. */
  serviceUrl(timeoutMs?: number): Promise<string>;
}

export async function startHost(dataDir: string, options: HostOptions = {}): Promise<RunningHost> {
  const args = [
    ...(options.nodeArgs ?? []),
    '--import',
    'tsx',
    'electron/browser-host/cli.ts',
    '--port',
    '0',
    '--data-dir',
    dataDir,
    '--test-controls',
    '--no-build',
  ];
  if (options.servicePort !== undefined) args.push('--service-port', String(options.servicePort));
  if (options.unlockSeconds !== undefined) args.push('--unlock-seconds', String(options.unlockSeconds));
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'test' } });
  let serviceUrl: string | undefined;
  const serviceWaiters = new Set<(url: string) => void>();
  const log: string[] = [];
  const output = { stdout: [] as string[], stderr: [] as string[] };
  const closed = new Promise<void>((resolveClosed) => child.once('close', () => resolveClosed()));
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    output.stderr.push(chunk);
    log.push(chunk);
    if (log.length > 500) log.splice(0, log.length - 500);
  });

  const url = await new Promise<string>((resolvePromise, reject) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => fail(new Error(`The browser host did not start within ${START_TIMEOUT_MS} ms.`)), START_TIMEOUT_MS);
    function fail(err: Error) {
      clearTimeout(timer);
      lines.close();
      child.kill('SIGKILL');
      reject(new Error(`${err.message}\n--- host log ---\n${log.join('')}`));
    }
    lines.on('line', (line) => output.stdout.push(line));
    lines.once('line', (line) => {
      clearTimeout(timer);
      // Keep draining stdout so the host never blocks on a full pipe; note the service's URL.
      lines.on('line', (next) => {
        const match = SERVICE_LINE.exec(next.trim());
        if (!match) return;
        serviceUrl = match[1]!;
        for (const waiter of serviceWaiters) waiter(serviceUrl);
        serviceWaiters.clear();
      });
      resolvePromise(line.trim());
    });
    child.once('exit', (code, signal) =>
      fail(new Error(`The browser host exited (code ${code}, signal ${signal}) before printing its URL.`)),
    );
    child.once('error', (err) => fail(err));
  });

  const parsed = new URL(url);
  const accessKey = new URLSearchParams(parsed.hash.slice(1)).get('key') ?? '';
  const waitForServiceUrl = (timeoutMs = 10_000) =>
    serviceUrl !== undefined
      ? Promise.resolve(serviceUrl)
      : new Promise<string>((resolvePromise, reject) => {
          const waiter = (found: string) => {
            clearTimeout(timer);
            resolvePromise(found);
          };
          const timer = setTimeout(() => {
            serviceWaiters.delete(waiter);
            reject(
              new Error(
                `The host announced no token service within ${timeoutMs} ms (was it started with a service port, and does a key exist?).`,
              ),
            );
          }, timeoutMs);
          serviceWaiters.add(waiter);
        });
  return { url, origin: parsed.origin, accessKey, process: child, log, output, closed, serviceUrl: waitForServiceUrl };
}

/** SIGTERM, as the host expects; SIGKILL if it does not stop in time. */
export async function stopHost(host: RunningHost): Promise<void> {
  const child = host.process;
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolvePromise) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolvePromise();
    });
    child.kill('SIGTERM');
  });
}
