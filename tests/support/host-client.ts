// Talking to a spawned browser host (tests/e2e/support/host.ts) from Vitest: its contract over
// a WebSocket, as the page would (same origin, the per-run key), and raw HTTP requests that a
// browser or fetch would refuse to send.
import { connect } from 'node:net';

import WebSocket from 'ws';

import type { AppEvent, Result, WireMessage } from '#common/contract';

import type { RunningHost } from '../e2e/support/host';

export interface HostClient {
  ws: WebSocket;
  call<T = unknown>(method: string, input?: unknown): Promise<Result<T>>;
  events: AppEvent[];
  /** Resolves with the close code once the host closes this connection. */
  closed: Promise<number>;
  close(): void;
}

/** A logged-in page's connection: /ws?key=… with the host's own Origin. */
export async function connectClient(host: Pick<RunningHost, 'origin' | 'accessKey'>): Promise<HostClient> {
  const url = `${host.origin.replace('http:', 'ws:')}/ws?key=${encodeURIComponent(host.accessKey)}`;
  const ws = new WebSocket(url, { headers: { Origin: host.origin } });
  const pending = new Map<number, { resolve: (r: Result<unknown>) => void; reject: (err: Error) => void }>();
  const events: AppEvent[] = [];
  let next = 1;
  const closed = new Promise<number>((resolve) =>
    ws.on('close', (code) => {
      // A call that can no longer be answered fails now rather than at the test's timeout.
      for (const call of pending.values()) call.reject(new Error(`connection closed (${code}) before the answer`));
      pending.clear();
      resolve(code);
    }),
  );
  // A test that sends garbage expects errors here; they must not fail the test process.
  ws.on('error', () => undefined);
  ws.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString('utf8')) as WireMessage;
    if ('event' in message) events.push(message.event);
    else {
      pending.get(message.id)?.resolve(message.result);
      pending.delete(message.id);
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.once('error', reject);
  });
  return {
    ws,
    events,
    closed,
    close: () => ws.close(),
    call: <T>(method: string, input?: unknown) =>
      new Promise<Result<T>>((resolve, reject) => {
        if (ws.readyState !== WebSocket.OPEN) return reject(new Error('connection closed'));
        const id = next++;
        pending.set(id, { resolve: resolve as (r: Result<unknown>) => void, reject });
        ws.send(JSON.stringify({ id, method, ...(input !== undefined ? { input } : {}) }));
      }),
  };
}

/** Sends bytes as they are on a fresh TCP connection; resolves with what came back before it closed. */
export function rawExchange(port: number, bytes: string | Buffer, host = '127.0.0.1', timeoutMs = 5_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let answer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(answer);
    }, timeoutMs);
    socket.on('connect', () => socket.write(bytes));
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(answer);
    });
    socket.on('error', (err) => {
      clearTimeout(timer);
      if (answer) resolve(answer);
      else reject(err);
    });
  });
}

/** The status code of a raw HTTP answer ("HTTP/1.1 400 Bad Request" -> 400), or 0. */
export function statusOf(answer: string): number {
  return Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0);
}
