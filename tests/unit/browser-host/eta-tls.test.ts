// The Node host allows legacy TLS renegotiation for the ETA's hosts only: which URLs get it,
// and that the axios client hands exactly those requests the agent that carries the option.
import { constants } from 'node:crypto';
import { Agent } from 'node:https';

import type { AxiosAdapter, InternalAxiosRequestConfig } from 'axios';
import { describe, expect, it } from 'vitest';

import { createNodeHttpClient, legacyRenegotiationAgent, needsLegacyRenegotiation } from '../../../electron/browser-host/eta-tls';

describe('needsLegacyRenegotiation', () => {
  it.each([
    'https://id.eta.gov.eg/connect/token',
    'https://id.preprod.eta.gov.eg/connect/token',
    'https://ID.ETA.GOV.EG/connect/token',
    'https://id.eta.gov.eg./connect/token',
    'https://id.eta.gov.eg:8443/connect/token',
  ])('allows it for %s', (url) => {
    expect(needsLegacyRenegotiation(url)).toBe(true);
  });

  it.each([
    'https://eta.gov.eg/connect/token',
    'https://evil-eta.gov.eg/connect/token',
    'https://id.eta.gov.eg.example.com/connect/token',
    'https://example.com/id.eta.gov.eg',
    'https://example.com/?host=id.eta.gov.eg',
    'https://user@example.com/connect/token',
    'http://id.eta.gov.eg/connect/token',
    'http://127.0.0.1:4000/connect/token',
    'https://api.factus.com.co/oauth/token',
    'not a url',
  ])('refuses it for %s', (url) => {
    expect(needsLegacyRenegotiation(url)).toBe(false);
  });
});

describe('the Node host client', () => {
  const client = createNodeHttpClient();
  /** Sends one request through the client and returns the agent the transport was given. */
  async function agentFor(url: string): Promise<unknown> {
    let seen: InternalAxiosRequestConfig | undefined;
    const capture: AxiosAdapter = (config) => {
      seen = config;
      return Promise.resolve({ data: '', status: 200, statusText: 'OK', headers: {}, config });
    };
    await client.request({ method: 'POST', url, adapter: capture });
    return seen?.httpsAgent as unknown;
  }

  it('gives ETA requests the agent with SSL_OP_LEGACY_SERVER_CONNECT, and nothing else', async () => {
    const eta = await agentFor('https://id.eta.gov.eg/connect/token');
    expect(eta).toBeInstanceOf(Agent);
    const secureOptions = (eta as Agent & { options: { secureOptions?: number } }).options.secureOptions ?? 0;
    expect(secureOptions & constants.SSL_OP_LEGACY_SERVER_CONNECT).toBe(constants.SSL_OP_LEGACY_SERVER_CONNECT);
    // The wider option (letting the server renegotiate unsafely later) is not set.
    expect(secureOptions & constants.SSL_OP_ALLOW_UNSAFE_LEGACY_RENEGOTIATION).toBe(0);
    expect(await agentFor('https://id.preprod.eta.gov.eg/connect/token')).toBe(eta);

    for (const other of ['https://api.factus.com.co/oauth/token', 'https://eta.gov.eg.example.com/x', 'http://127.0.0.1:9/connect/token']) {
      expect(await agentFor(other)).toBeUndefined();
    }
  });

  it('still verifies certificates on the legacy agent', () => {
    const agent = legacyRenegotiationAgent() as Agent & { options: { rejectUnauthorized?: boolean } };
    expect(agent.options.rejectUnauthorized).not.toBe(false);
    expect(constants.SSL_OP_LEGACY_SERVER_CONNECT).toBeGreaterThan(0);
  });
});
