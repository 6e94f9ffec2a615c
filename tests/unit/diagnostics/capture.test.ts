// The recorder behind "Copy diagnostics", with a scripted HTTP client: what is kept of an
// exchange (and what never is), how bodies Tessera could not read are still scrubbed, and where
// the report says the adapter sends its requests. The simulators' side is in
// tests/integration/diagnostics.test.ts.
import type { AxiosInstance, AxiosRequestConfig } from 'axios';
import { describe, expect, it } from 'vitest';

import type { ExchangeView } from '#common/diagnostics-view';

import { systemClock } from '../../../electron/core/clock';
import { MAX_BODY_CHARS, observedAdapter, tokenUrls } from '../../../electron/core/diagnostics/capture';
import { ProviderError } from '../../../electron/core/errors';
import { findProvider } from '../../../electron/core/providers';
import type { ProviderAdapter } from '../../../electron/core/providers/types';

const factus = findProvider('factus')!;
const credentials = {
  clientId: 'till-9',
  clientSecret: 'secret-of-till-nine',
  username: 'till9@factus.test',
  password: 'password-of-till-nine',
};

/** An HTTP client that answers every request with `answer`, and remembers what it was sent. */
function scripted(answer: { status: number; body: string; headers?: Record<string, string> }) {
  const sent: AxiosRequestConfig[] = [];
  const http = {
    request: (config: AxiosRequestConfig) => {
      sent.push(config);
      return Promise.resolve({ status: answer.status, data: answer.body, headers: answer.headers ?? {}, config });
    },
  } as unknown as AxiosInstance;
  return { http, sent };
}

async function exchangeOf(
  adapter: ProviderAdapter,
  answer: Parameters<typeof scripted>[0],
): Promise<{ exchange: ExchangeView; sent: AxiosRequestConfig[]; error?: unknown }> {
  const { http, sent } = scripted(answer);
  const seen: ExchangeView[] = [];
  const observed = observedAdapter(adapter, systemClock, (e) => seen.push(e));
  let error: unknown;
  await observed
    .login({ http, clock: systemClock, timeoutMs: 1000 }, { baseUrl: 'https://api-sandbox.factus.com.co/', credentials })
    .catch((err: unknown) => (error = err));
  expect(seen).toHaveLength(1);
  return { exchange: seen[0]!, sent, error };
}

describe('an exchange as recorded', () => {
  it('keeps four response headers and the address, and never what was sent', async () => {
    const { exchange, sent } = await exchangeOf(factus, {
      status: 400,
      body: '{"error":"invalid_client","error_description":"Client authentication failed."}',
      headers: {
        'content-type': 'application/json',
        'www-authenticate': `Basic realm="api", error="${credentials.clientSecret}"`,
        'retry-after': '30',
        date: 'Tue, 01 Dec 2026 10:00:00 GMT',
        'set-cookie': 'session=abcdefghijkl',
        'x-request-id': 'req-1234',
      },
    });
    expect(sent[0]!.data).toContain('client_secret=');
    expect(exchange).toMatchObject({
      phase: 'login',
      method: 'POST',
      status: 400,
      headers: {
        'content-type': 'application/json',
        'www-authenticate': 'Basic realm="api", error="[redacted]"',
        'retry-after': '30',
        date: 'Tue, 01 Dec 2026 10:00:00 GMT',
      },
      failure: { errorClass: 'credentials', code: 'invalid_client' },
    });
    expect(Object.keys(exchange.headers).sort()).toEqual(['content-type', 'date', 'retry-after', 'www-authenticate']);
    expect(exchange.url).toBe('https://api-sandbox.factus.com.co/oauth/token');
    const kept = JSON.stringify(exchange);
    for (const sentValue of [credentials.password, credentials.clientSecret, credentials.username, 'session=', 'req-1234', 'client_secret'])
      expect(kept).not.toContain(sentValue);
  });

  it('masks the tokens of an answer Tessera could not read, under whatever name, and its token-shaped runs', async () => {
    const body = JSON.stringify({
      data: { jwt: 'short-tok-42', sessionKey: 'abcd-1234' },
      accessToken: 'Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1',
      note: 'hello world',
    });
    const { exchange, error } = await exchangeOf(factus, { status: 200, body, headers: { 'content-type': 'application/json' } });
    expect(error).toBeInstanceOf(ProviderError);
    expect(exchange.failure).toMatchObject({ errorClass: 'protocol', code: 'missing_field' });
    expect(exchange.body).toBe('{"data":{"jwt":"[redacted]","sessionKey":"[redacted]"},"accessToken":"[redacted]","note":"hello world"}');
  });

  it('keeps a successful answer readable, without its tokens', async () => {
    const body = JSON.stringify({ token_type: 'Bearer', expires_in: 3600, access_token: 'at-0123456789', refresh_token: 'rt-0123456789' });
    const { exchange } = await exchangeOf(factus, { status: 200, body });
    expect(exchange.failure).toBeUndefined();
    expect(exchange.body).toBe('{"token_type":"Bearer","expires_in":3600,"access_token":"[redacted]","refresh_token":"[redacted]"}');
  });

  it('shortens a long body after redacting it, and replaces control characters', async () => {
    const body = `<html>\u0000\u001b[31m${'Gateway error. '.repeat(400)}${credentials.password}</html>`;
    const { exchange } = await exchangeOf(factus, { status: 502, body });
    expect(exchange.body).toHaveLength(MAX_BODY_CHARS);
    expect(exchange.bodyLength).toBe(body.length - credentials.password.length + '[redacted]'.length);
    expect(exchange.body!.startsWith('<html>\uFFFD\uFFFD[31m')).toBe(true);
  });
});

describe('where the report says requests go', () => {
  it('asks the adapter itself, sending nothing', async () => {
    expect(await tokenUrls(factus, 'https://api.factus.com.co/', systemClock)).toEqual({
      tokenUrl: 'https://api.factus.com.co/oauth/token',
      refreshUrl: 'https://api.factus.com.co/oauth/token',
    });
    expect(await tokenUrls(findProvider('onapi')!, 'https://e-hom-onapi.factura-core.com/integrator/api/v1', systemClock)).toEqual({
      tokenUrl: 'https://e-hom-onapi.factura-core.com/integrator/api/v1/integrator/authenticate',
      refreshUrl: 'https://e-hom-onapi.factura-core.com/integrator/api/v1/integrator/refresh-token',
    });
    expect(await tokenUrls(findProvider('ereceipt')!, 'https://id.eta.gov.eg', systemClock)).toEqual({
      tokenUrl: 'https://id.eta.gov.eg/connect/token',
    });
  });
});
