// Issue 10, finding 3, over real sockets: the token service caps its connections in total and
// per access key, never lets sockets without a key lock a POS program out, and closes idle and
// slow sockets, so nobody can pin its file handles.
import { Agent, type IncomingHttpHeaders, request } from 'node:http';
import { connect, type Socket } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { eventually } from '../../support/eventually';
import { serviceCore } from '../../support/service-core';
import { removeTempDirs } from '../../support/temp-dir';

const cleanup: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  removeTempDirs();
});
const onClose = (close: () => Promise<void>) => cleanup.push(close);

interface Held {
  socket: Socket;
  /** ms after opening that the server closed it, once it has. */
  closedAfter?: number;
}

/** Opens `count` connections that send nothing (or what `feed` sends), in order. */
async function hold(port: number, count: number, feed?: (socket: Socket) => void): Promise<Held[]> {
  const held: Held[] = [];
  for (let i = 0; i < count; i++) {
    const socket = connect({ host: '127.0.0.1', port });
    const entry: Held = { socket };
    const opened = Date.now();
    socket.on('error', () => undefined);
    socket.on('close', () => (entry.closedAfter = Date.now() - opened));
    await new Promise<void>((resolve) => {
      socket.once('connect', () => resolve());
      socket.once('close', () => resolve());
    });
    feed?.(socket);
    held.push(entry);
  }
  cleanup.push(() => {
    for (const h of held) h.socket.destroy();
  });
  return held;
}

/** One request on a connection of its own (or of `agent`), answered in full. */
function ask(
  port: number,
  opts: { method?: string; path: string; key?: string; body?: string; agent?: Agent },
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: opts.method ?? 'GET',
        path: opts.path,
        agent: opts.agent ?? false,
        headers: {
          ...(opts.key ? { Authorization: `Bearer ${opts.key}` } : {}),
          ...(opts.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        },
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('connection caps', () => {
  it('300 idle connections without a key: the service keeps at most 256, and a POS program still gets its token at once', async () => {
    const t = await serviceCore({ onClose });
    const profile = await t.addProfile('Till 1');
    await t.waitValid(profile.id);
    const { key } = await t.addKey('Till software');
    const port = t.core.service.port;

    const idle = await hold(port, 300);
    // The oldest ones made room for the newer: at most 256 stay open.
    await eventually(() => expect(idle.filter((h) => h.closedAfter !== undefined).length).toBeGreaterThanOrEqual(44));
    const closed = idle.filter((h) => h.closedAfter !== undefined);
    expect(closed.every((h) => idle.indexOf(h) < 300 - 256 + closed.length)).toBe(true);

    const started = Date.now();
    const answer = await ask(port, { path: '/v1/profiles/Till%201/token', key });
    expect(answer.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('at the cap, a new connection closes the oldest idle one without a key', async () => {
    const t = await serviceCore({ onClose, service: { port: 0, connections: { total: 10, perKey: 10 } } });
    const profile = await t.addProfile('Till 1');
    await t.waitValid(profile.id);
    const { key } = await t.addKey('Till software');
    const port = t.core.service.port;
    const idle = await hold(port, 10);
    await sleep(100);
    expect(idle.filter((h) => h.closedAfter !== undefined)).toEqual([]);
    expect((await ask(port, { path: '/v1/profiles', key })).status).toBe(200);
    // Exactly the oldest made room.
    await eventually(() =>
      expect(idle.map((h) => h.closedAfter !== undefined)).toEqual([true, false, false, false, false, false, false, false, false, false]),
    );
  });

  it('never closes a connection whose request is in progress to make room', async () => {
    const t = await serviceCore({ onClose, service: { port: 0, connections: { total: 4, perKey: 4 } } });
    const { key } = await t.addKey('Till software');
    const port = t.core.service.port;
    t.sim.configure({ latencyMs: 1_500 });
    await t.addProfile('Till 1');
    const pool = new Agent({ keepAlive: true, maxSockets: 3 });
    cleanup.push(() => pool.destroy());
    const busy = Array.from({ length: 3 }, () => ask(port, { path: '/v1/profiles/Till%201/token', key, agent: pool }));
    await sleep(300);
    const [idle] = await hold(port, 1);
    // Four of four: the newcomer takes the idle one's place, and the three waiting get their token.
    expect((await ask(port, { path: '/v1/profiles', key })).status).toBe(200);
    expect(idle!.closedAfter).toBeDefined();
    expect((await Promise.all(busy)).map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it('a key holding its share of busy connections gets 429 too_many_connections; other keys are served; an idle one of its own makes room', async () => {
    const t = await serviceCore({ onClose, service: { port: 0, connections: { total: 50, perKey: 3 } } });
    const a = await t.addKey('Till A');
    const b = await t.addKey('Till B');
    const port = t.core.service.port;
    // A new profile's first sign-in takes 1.5 s: three requests for its token wait on it.
    t.sim.configure({ latencyMs: 1_500 });
    await t.addProfile('Till 1');
    const pool = new Agent({ keepAlive: true, maxSockets: 3 });
    cleanup.push(() => pool.destroy());
    const busy = Array.from({ length: 3 }, () => ask(port, { path: '/v1/profiles/Till%201/token', key: a.key, agent: pool }));
    await sleep(300);
    const fourth = await ask(port, { path: '/v1/profiles/Till%201/token', key: a.key });
    expect(fourth.status).toBe(429);
    expect(JSON.parse(fourth.body)).toMatchObject({ error: { code: 'too_many_connections' } });
    expect(fourth.headers['retry-after']).toBe('1');
    expect(fourth.headers.connection).toBe('close');
    expect((await ask(port, { path: '/v1/profiles', key: b.key })).status).toBe(200);

    expect((await Promise.all(busy)).map((r) => r.status)).toEqual([200, 200, 200]);
    // Its three connections are idle now (kept alive by the pool): a new one takes a slot.
    expect((await ask(port, { path: '/v1/profiles', key: a.key })).status).toBe(200);
  });
});

describe('timeouts', () => {
  it('closes a socket that sends nothing, one that trickles its headers, and one that trickles its body', async () => {
    const t = await serviceCore({ onClose });
    const { key } = await t.addKey('Till software');
    await t.addProfile('Till 1');
    const port = t.core.service.port;
    const timers: NodeJS.Timeout[] = [];
    cleanup.push(() => timers.forEach(clearInterval));
    const trickle = (socket: Socket, first: string, next: () => string) => {
      socket.write(first);
      timers.push(setInterval(() => socket.writable && socket.write(next()), 500));
    };

    const [silent] = await hold(port, 1);
    const [slowHeaders] = await hold(port, 1, (s) =>
      trickle(s, `GET /v1/profiles HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`, () => 'X-Slow: 1\r\n'),
    );
    const [slowBody] = await hold(port, 1, (s) =>
      trickle(
        s,
        `POST /v1/profiles/Till%201/token/invalidate HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${key}\r\n` +
          'Content-Type: application/json\r\nContent-Length: 4000\r\n\r\n{',
        () => ' ',
      ),
    );
    const deadline = Date.now() + 13_000;
    while (Date.now() < deadline && [silent, slowHeaders, slowBody].some((h) => h!.closedAfter === undefined)) await sleep(100);
    // Headers within 5 s, the whole request within 10 s; Node checks every second.
    expect(silent!.closedAfter).toBeGreaterThanOrEqual(4_900);
    expect(silent!.closedAfter).toBeLessThan(7_500);
    expect(slowHeaders!.closedAfter).toBeLessThan(7_500);
    expect(slowBody!.closedAfter).toBeGreaterThanOrEqual(9_900);
    expect(slowBody!.closedAfter).toBeLessThan(12_500);
  }, 20_000);
});
