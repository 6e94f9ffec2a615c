// Issue 10, finding 3, against the real browser host over real sockets: a malformed request
// target or encoding gets a 400, a malformed WebSocket frame after login closes that one
// connection, and in every case the host keeps serving its other pages.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { type RunningHost, startHost, stopHost } from '../../e2e/support/host';
import { connectClient, rawExchange, statusOf } from '../../support/host-client';
import { removeTempDirs, tempDir } from '../../support/temp-dir';

let host: RunningHost;
let port: number;

// A host per test: one that a finding would kill must not take the next test's host with it.
beforeEach(async () => {
  host = await startHost(tempDir());
  port = Number(new URL(host.origin).port);
}, 60_000);

afterEach(async () => {
  await stopHost(host);
  removeTempDirs();
});

const alive = () => host.process.exitCode === null && host.process.signalCode === null;

/** A plain GET of `target` with a loopback Host, as bytes (fetch would normalize the target). */
const get = (target: string) => rawExchange(port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);

describe('the browser host under hostile requests', () => {
  it('answers 400 to GET /% (no key needed) and keeps running', async () => {
    expect(statusOf(await get('/%'))).toBe(400);
    expect(alive()).toBe(true);
    // Still serving: a normal request gets a normal answer.
    expect([200, 404]).toContain(statusOf(await get('/index.html')));
  });

  it('answers every other malformed target without falling over', async () => {
    const answers: Record<string, number> = {};
    for (const target of ['/%E0%A4%A', '/%ff%fe', '/assets/%', '/%00', '/..%2f..%2fetc%2fpasswd', 'http://[/', '/__sandbox/%/stats']) {
      answers[target] = statusOf(await get(target));
      expect(alive(), `after ${target}`).toBe(true);
    }
    expect(answers['/%E0%A4%A']).toBe(400);
    expect(answers['/%ff%fe']).toBe(400);
    expect(answers['/assets/%']).toBe(400);
    expect(answers['/%00']).toBe(404);
    expect(answers['/..%2f..%2fetc%2fpasswd']).toBe(404);
    // An absolute target that is no URL at all: refused by Node's parser or by the host.
    expect(answers['http://[/']).toBeGreaterThanOrEqual(400);
    // The sandbox controls want the host's key before anything else.
    expect(answers['/__sandbox/%/stats']).toBe(401);
  });

  it('refuses a WebSocket upgrade with a malformed target, and a reset mid-upgrade, and keeps running', async () => {
    const upgrade = (target: string) =>
      `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${host.origin}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n';
    expect(statusOf(await rawExchange(port, upgrade('http://[/ws')))).toBeGreaterThanOrEqual(400);
    expect(statusOf(await rawExchange(port, upgrade('/ws?key=%')))).toBe(403);
    // Half an upgrade, then the connection is reset.
    await rawExchange(port, upgrade('/ws?key=wrong').slice(0, 60), '127.0.0.1', 200);
    expect(alive()).toBe(true);
    const client = await connectClient(host);
    expect((await client.call('getAppInfo')).ok).toBe(true);
    client.close();
  });
});

describe('malformed WebSocket frames after login', () => {
  it('invalid UTF-8 closes that connection only (1007); other pages keep working', async () => {
    const bystander = await connectClient(host);
    const attacker = await connectClient(host);
    expect((await attacker.call('getAppInfo')).ok).toBe(true);
    attacker.ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0xfd, 0x7d]), { binary: false });
    expect(await attacker.closed).toBe(1007);
    expect(alive()).toBe(true);
    expect((await bystander.call('getAppInfo')).ok).toBe(true);
    bystander.close();
  });

  // The cap is 6 MiB, so a profile bundle (at most 4 MiB, sent as base64) fits in one message.
  it('a message over the size cap closes that connection only (1009); other pages keep working', async () => {
    const bystander = await connectClient(host);
    const attacker = await connectClient(host);
    attacker.ws.send(JSON.stringify({ id: 1, method: 'getAppInfo', input: 'x'.repeat(6 * 1024 * 1024 + 10) }));
    expect(await attacker.closed).toBe(1009);
    expect(alive()).toBe(true);
    expect((await bystander.call('listProfiles')).ok).toBe(true);
    // And a page opened afterwards connects as usual.
    const late = await connectClient(host);
    expect((await late.call('getAppInfo')).ok).toBe(true);
    late.close();
    bystander.close();
  });

  it('binary frames, non-JSON and unknown methods are answered or ignored, never fatal', async () => {
    const client = await connectClient(host);
    client.ws.send(Buffer.from([0, 1, 2, 3]), { binary: true });
    client.ws.send('not json');
    client.ws.send(JSON.stringify({ id: 'x', method: 7 }));
    expect(await client.call('noSuchMethod')).toEqual({ ok: false, error: { code: 'bad_request' } });
    expect(alive()).toBe(true);
    client.close();
  });
});
