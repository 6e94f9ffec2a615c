// The Node host's HTTP client: plain axios, except that requests to the ETA (`*.eta.gov.eg`)
// may connect to a server without RFC 5746 secure renegotiation. id.eta.gov.eg is reported to
// need it; OpenSSL 3 refuses such servers by default ("unsafe legacy renegotiation disabled").
// The Electron app goes through Chromium's network stack, which copes, so this is Node only.
import { constants } from 'node:crypto';
import { Agent } from 'node:https';

import axios, { type AxiosInstance } from 'axios';

/** Hosts under this domain (not the domain itself) get the legacy-server option. */
export const LEGACY_RENEGOTIATION_DOMAIN = 'eta.gov.eg';

/**
 * OpenSSL's SSL_OP_LEGACY_SERVER_CONNECT: connect to servers that do not support secure
 * renegotiation, as OpenSSL 1.1.1 did by default. Narrower than
 * SSL_OP_ALLOW_UNSAFE_LEGACY_RENEGOTIATION, which would also let the peer renegotiate unsafely.
 */
export const LEGACY_SERVER_CONNECT = constants.SSL_OP_LEGACY_SERVER_CONNECT;

/** Whether a request to `url` may use legacy renegotiation: https to a host under eta.gov.eg. */
export function needsLegacyRenegotiation(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:') return false;
  // A fully qualified name may end with a dot; the URL parser has already lower-cased it.
  const host = parsed.hostname.replace(/\.$/, '');
  return host.endsWith(`.${LEGACY_RENEGOTIATION_DOMAIN}`);
}

/** The agent for ETA hosts: certificates are verified exactly as usual; only this option is added. */
export function legacyRenegotiationAgent(): Agent {
  return new Agent({ secureOptions: LEGACY_SERVER_CONNECT });
}

/** axios for the Node host: the legacy agent for ETA hosts, Node's defaults for everything else. */
export function createNodeHttpClient(): AxiosInstance {
  const legacy = legacyRenegotiationAgent();
  const http = axios.create();
  http.interceptors.request.use((config) => {
    if (needsLegacyRenegotiation(http.getUri(config))) config.httpsAgent = legacy;
    return config;
  });
  return http;
}
