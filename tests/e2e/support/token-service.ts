// A POS program's side of the local token service, from the test process (Node's fetch sends
// no Origin, as a program would not). Every answer goes through serviceFetch, which hands it
// to the test's leak sweep: bodies of all answers but the token hand-outs themselves, and the
// handed-out tokens as secrets of the test.
import { readFileSync } from 'node:fs';

import { currentLeaks, EXCLUDED_WHY } from './leaks';

export interface TokenAnswer {
  status: number;
  /** The token on 200; the error code otherwise. */
  accessToken?: string;
  tokenType?: string;
  expiresIn?: number;
  code?: string;
}

export interface ServiceAnswer {
  status: number;
  headers: Headers;
  text: string;
}

const TOKEN_ENDPOINT = /^\/v1\/profiles\/[^/]+\/token(\/invalidate)?$/;

/** fetch() against the token service, recorded for the leak sweep. */
export async function serviceFetch(url: string, init: RequestInit = {}): Promise<ServiceAnswer> {
  const res = await fetch(url, init);
  const text = await res.text();
  const { pathname, search } = new URL(url);
  const method = init.method ?? 'GET';
  const leaks = currentLeaks();
  // A 200 from a token endpoint is the hand-out itself; its error answers are swept like any other.
  if (TOKEN_ENDPOINT.test(pathname) && res.status === 200) {
    const token = parseJson<{ access_token?: unknown }>(text)?.access_token;
    if (typeof token === 'string') leaks?.secret('access-token', token, `handed out by ${method} ${pathname}`);
    leaks?.service({ method, path: pathname + search, status: res.status, body: null, excluded: EXCLUDED_WHY.tokenAnswer });
  } else {
    leaks?.service({ method, path: pathname + search, status: res.status, body: text });
  }
  return { status: res.status, headers: res.headers, text };
}

/** GET `path` (e.g. /v1/profiles) with an access key. */
export function serviceGet(serviceUrl: string, key: string, path: string): Promise<ServiceAnswer> {
  return serviceFetch(`${serviceUrl}${path}`, { headers: { Authorization: `Bearer ${key}` } });
}

/** GET /v1/profiles/{name}/token with an access key. */
export async function requestToken(serviceUrl: string, key: string, profile: string): Promise<TokenAnswer> {
  const res = await serviceGet(serviceUrl, key, `/v1/profiles/${encodeURIComponent(profile)}/token`);
  const body =
    parseJson<{
      access_token?: string;
      token_type?: string;
      expires_in?: number;
      error?: { code?: string };
    }>(res.text) ?? {};
  return {
    status: res.status,
    ...(body.access_token !== undefined ? { accessToken: body.access_token } : {}),
    ...(body.token_type !== undefined ? { tokenType: body.token_type } : {}),
    ...(body.expires_in !== undefined ? { expiresIn: body.expires_in } : {}),
    ...(body.error?.code !== undefined ? { code: body.error.code } : {}),
  };
}

/** A token file's content, its token registered for the leak sweep. */
export function readTokenFile(path: string): string {
  const content = readFileSync(path, 'utf8');
  currentLeaks()?.secret('access-token', content.trim(), 'read from a token file');
  return content;
}

function parseJson<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
