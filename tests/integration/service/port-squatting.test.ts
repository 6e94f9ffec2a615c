// Issue 10, finding 4, over real sockets: another program holding the service's port when
// Tessera starts is reported and the port is taken within ~5 s of it leaving; Tessera answers
// on both loopbacks so nobody can sit on the other one; and GET /v1/hello lets a POS program
// check it is talking to Tessera before it sends its key.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { hasIpv6Loopback, NO_IPV6_REASON } from '../../support/ipv6';
import { serviceCore } from '../../support/service-core';
import { removeTempDirs } from '../../support/temp-dir';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  removeTempDirs();
});
const onClose = (close: () => Promise<void>) => cleanup.push(close);
const ipv6 = await hasIpv6Loopback();
/** The loopbacks this machine has, as the service reports them. */
const LOOPBACKS = ipv6 ? ['127.0.0.1', '::1'] : ['127.0.0.1'];

/** Another program listening on `address` (port 0: any free one); close() makes it leave. */
async function squat(address: string, port = 0, onSocket: (socket: Socket) => void = (s) => s.on('error', () => undefined)) {
  const server: Server = createServer(onSocket);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: address, port, ipv6Only: address.includes(':') }, () => resolve());
  });
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  let closed = false;
  cleanup.push(async () => {
    if (!closed) await close();
  });
  return {
    port: (server.address() as { port: number }).port,
    leave: async () => {
      closed = true;
      await close();
    },
  };
}

/** The documented proof (docs/pos-integration.md), computed here independently of the service. */
function expectedProof(key: string, nonce: string, address: string, port: number): string {
  const secret = createHash('sha256').update(key, 'utf8').digest();
  return createHmac('sha256', secret).update(`tessera-hello-v1\n${nonce}\n${address}\n${port}`, 'utf8').digest('base64url');
}

describe('a port held by another program', () => {
  it('is reported with a retry, and taken within ~5 s once the other program leaves', async () => {
    const v4 = await squat('127.0.0.1');
    const v6 = ipv6 ? await squat('::1', v4.port) : undefined;
    const t = await serviceCore({ onClose, service: { port: v4.port } });
    const profile = await t.addProfile('Till 1');
    await t.waitValid(profile.id);
    // The first key brings the service up: the attempt, and the retry it announces, happen inside.
    const before = Date.now();
    const { key } = await t.addKey('Till software');
    const after = Date.now();

    const held = t.core.service;
    expect(held).toMatchObject({ running: false, port: v4.port, error: 'port_in_use', held: LOOPBACKS });
    expect(held.retryAt).toBeGreaterThanOrEqual(before + 5_000);
    expect(held.retryAt).toBeLessThanOrEqual(after + 5_000);
    // It keeps trying: a second attempt, still held, announces the next one.
    const again = await t.waitStatus((s) => s.retryAt !== undefined && s.retryAt > held.retryAt!, 7_000);
    expect(again).toMatchObject({ running: false, error: 'port_in_use' });

    await v4.leave();
    await v6?.leave();
    const left = Date.now();
    const taken = await t.waitStatus((s) => s.running && s.error === undefined, 8_000);
    expect(Date.now() - left).toBeLessThan(6_000);
    expect(taken).toMatchObject({ running: true, port: v4.port, url: `http://127.0.0.1:${v4.port}`, listening: LOOPBACKS });
    expect(taken.retryAt).toBeUndefined();
    const events = t.events.filter((e) => e.type === 'service').map((e) => (e.type === 'service' ? (e.status.error ?? 'ok') : ''));
    expect(events.slice(0, 2)).toEqual(['port_in_use', 'port_in_use']);
    expect(events.at(-1)).toBe('ok');

    for (const host of ipv6 ? ['127.0.0.1', '[::1]'] : ['127.0.0.1']) {
      const res = await fetch(`http://${host}:${v4.port}/v1/profiles/Till%201/token`, { headers: { Authorization: `Bearer ${key}` } });
      expect(res.status, host).toBe(200);
    }
  }, 30_000);

  it('on one loopback only: Tessera answers on the other, says which one is held, and takes it once free', async (ctx) => {
    ctx.skip(!ipv6, NO_IPV6_REASON);
    const v6 = await squat('::1');
    const t = await serviceCore({ onClose, service: { port: v6.port } });
    const { key } = await t.addKey('Till software');
    expect(t.core.service).toMatchObject({ running: true, error: 'port_in_use', listening: ['127.0.0.1'], held: ['::1'] });
    expect((await fetch(`http://127.0.0.1:${v6.port}/v1/profiles`, { headers: { Authorization: `Bearer ${key}` } })).status).toBe(200);
    await v6.leave();
    const taken = await t.waitStatus((s) => s.error === undefined, 8_000);
    expect(taken.listening).toEqual(['127.0.0.1', '::1']);
    expect((await fetch(`http://[::1]:${v6.port}/v1/profiles`, { headers: { Authorization: `Bearer ${key}` } })).status).toBe(200);
  }, 20_000);

  it('on a machine without the IPv6 loopback, serves 127.0.0.1 alone without complaint', async () => {
    // ::2 is an address no interface here has: binding it fails the way ::1 does without IPv6.
    const t = await serviceCore({ onClose, service: { port: 0, addresses: ['127.0.0.1', '::2'] } });
    await t.addKey('Till software');
    const status = t.core.service;
    expect(status).toMatchObject({ running: true, listening: ['127.0.0.1'] });
    expect(status.error).toBeUndefined();
    expect(status.held).toBeUndefined();
    expect(status.retryAt).toBeUndefined();
  });
});

describe('GET /v1/hello', () => {
  it('proves the service holds the key, bound to the nonce and the address dialed, without asking for a key', async () => {
    const t = await serviceCore({ onClose });
    const a = await t.addKey('Till A');
    const b = await t.addKey('Till B');
    const port = t.core.service.port;
    const nonce = randomBytes(18).toString('base64url');
    const hello = async (host: string, n = nonce) => {
      const res = await fetch(`http://${host}:${port}/v1/hello?nonce=${n}`);
      return {
        status: res.status,
        body: (await res.json()) as { service?: string; nonce?: string; proofs?: string[]; error?: { code: string } },
      };
    };

    const v4 = await hello('127.0.0.1');
    expect(v4.status).toBe(200);
    expect(v4.body).toMatchObject({ service: 'tessera', nonce });
    expect(v4.body.proofs).toHaveLength(2);
    // The right key's proof is there; a wrong key's is not.
    expect(v4.body.proofs).toContain(expectedProof(a.key, nonce, '127.0.0.1', port));
    expect(v4.body.proofs).toContain(expectedProof(b.key, nonce, '127.0.0.1', port));
    expect(v4.body.proofs).not.toContain(expectedProof(`tsk_${randomBytes(32).toString('base64url')}`, nonce, '127.0.0.1', port));
    // Bound to where it was asked: the proof for the other loopback or port is not there.
    expect(v4.body.proofs).not.toContain(expectedProof(a.key, nonce, '::1', port));
    expect(v4.body.proofs).not.toContain(expectedProof(a.key, nonce, '127.0.0.1', port + 1));
    if (ipv6) {
      const v6 = await hello('[::1]');
      expect(v6.body.proofs).toContain(expectedProof(a.key, nonce, '::1', port));
    }
    // Bound to the nonce.
    const other = randomBytes(18).toString('base64url');
    expect((await hello('127.0.0.1', other)).body.proofs).not.toContain(expectedProof(a.key, nonce, '127.0.0.1', port));
    // Nothing in it is a key or a stored hash.
    const text = JSON.stringify(v4.body);
    for (const key of [a.key, b.key]) {
      expect(text).not.toContain(key);
      expect(text).not.toContain(createHash('sha256').update(key).digest('hex'));
      expect(text).not.toContain(createHash('sha256').update(key).digest('base64url'));
    }
  });

  it('refuses a missing or malformed nonce, other methods, web pages and foreign Host names', async () => {
    const t = await serviceCore({ onClose });
    await t.addKey('Till A');
    const base = `http://127.0.0.1:${t.core.service.port}/v1/hello`;
    const code = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;
    for (const query of ['', '?nonce=', '?nonce=short', `?nonce=${'x'.repeat(129)}`, '?nonce=has%20space%20in%20it%20ok']) {
      const res = await fetch(base + query);
      expect(res.status, query).toBe(400);
      expect(await code(res)).toBe('bad_request');
    }
    const nonce = 'n'.repeat(20);
    expect((await fetch(`${base}?nonce=${nonce}`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${base}?nonce=${nonce}`, { headers: { Origin: 'https://evil.example' } })).status).toBe(403);
  });

  it('a relay on the other loopback gets proofs for the address Tessera saw, which no client dialing the relay accepts', async (ctx) => {
    ctx.skip(!ipv6, NO_IPV6_REASON);
    // The relay sits on [::1] and forwards every byte to Tessera, which holds 127.0.0.1 only.
    let target = 0;
    const relay = await squat('::1', 0, (client) => {
      client.on('error', () => undefined);
      const upstream = connect({ host: '127.0.0.1', port: target });
      upstream.on('error', () => client.destroy());
      client.pipe(upstream).pipe(client);
    });
    const t = await serviceCore({ onClose, service: { port: relay.port } });
    const { key } = await t.addKey('Till A');
    target = t.core.service.port;
    expect(t.core.service.held).toEqual(['::1']);
    const nonce = randomBytes(18).toString('base64url');
    const res = await fetch(`http://[::1]:${relay.port}/v1/hello?nonce=${nonce}`);
    const body = (await res.json()) as { proofs: string[] };
    // Tessera answered (through the relay) for 127.0.0.1; a client that dialed ::1 wants ::1.
    expect(body.proofs).toContain(expectedProof(key, nonce, '127.0.0.1', relay.port));
    expect(body.proofs).not.toContain(expectedProof(key, nonce, '::1', relay.port));
  });
});
