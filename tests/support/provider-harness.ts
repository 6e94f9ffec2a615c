// Helpers for driving a provider adapter over real HTTP against a simulator: a request context
// whose wire traffic a test may tamper with or capture, and assertions on ProviderErrors.
import axios, { type AxiosInstance, type InternalAxiosRequestConfig } from 'axios';
import { afterEach, beforeEach, expect } from 'vitest';

import { systemClock } from '../../electron/core/clock';
import { ProviderError } from '../../electron/core/errors';
import type { RequestContext, TokenGrant } from '../../electron/core/providers/types';
import { type SimulatedProviderId, type Simulator, startSimulator, type StartSimulatorOptions } from '../../electron/core/simulator';

/** Rewrites an outgoing request before it is sent, to make the wire say what an adapter never would. */
export type Tamper = (config: InternalAxiosRequestConfig) => InternalAxiosRequestConfig;

export interface CapturedResponse {
  status: number;
  body: string;
}

export interface TestContext extends RequestContext {
  /** Every response received through this context, raw, oldest first. */
  responses: CapturedResponse[];
}

export function requestContext(options: { timeoutMs?: number; tamper?: Tamper } = {}): TestContext {
  const http: AxiosInstance = axios.create();
  const responses: CapturedResponse[] = [];
  if (options.tamper) http.interceptors.request.use(options.tamper);
  http.interceptors.response.use((res) => {
    responses.push({ status: res.status, body: typeof res.data === 'string' ? res.data : JSON.stringify(res.data) });
    return res;
  });
  return { http, clock: systemClock, timeoutMs: options.timeoutMs ?? 2000, responses };
}

/** Rewrites a form-encoded request body. */
export function tamperForm(edit: (params: URLSearchParams) => void): Tamper {
  return (config) => {
    const params = new URLSearchParams(String(config.data));
    edit(params);
    config.data = params.toString();
    return config;
  };
}

/** Replaces the request body with `body` (a string is sent verbatim, anything else as JSON). */
export function tamperBody(body: unknown): Tamper {
  return (config) => {
    config.data = typeof body === 'string' ? body : JSON.stringify(body);
    return config;
  };
}

/** Sets a request header, or removes it when `value` is undefined. */
export function tamperHeader(name: string, value: string | undefined): Tamper {
  return (config) => {
    if (value === undefined) config.headers.delete(name);
    else config.headers.set(name, value);
    return config;
  };
}

export function chain(...tampers: Tamper[]): Tamper {
  return (config) => tampers.reduce((c, t) => t(c), config);
}

/** Starts a fresh simulator before each test and closes it after; read it with `sim()`. */
export function useSimulator(providerId: SimulatedProviderId, options?: StartSimulatorOptions): () => Simulator {
  let current: Simulator | undefined;
  beforeEach(async () => {
    current = await startSimulator(providerId, options);
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('simulator not started');
    return current;
  };
}

/** Awaits a call that must fail with a ProviderError, and returns that error. */
export async function providerError(call: Promise<unknown>): Promise<ProviderError> {
  let outcome: unknown;
  try {
    await call;
  } catch (err) {
    outcome = err;
  }
  expect(outcome, 'the call should have failed').toBeInstanceOf(ProviderError);
  return outcome as ProviderError;
}

/** No secret value appears anywhere a ProviderError could be shown, logged or serialized. */
export function expectSecretFree(err: ProviderError, secrets: readonly (string | undefined)[]): void {
  const surfaces = [
    err.message,
    err.excerpt ?? '',
    err.providerMessage ?? '',
    String(err.stack),
    JSON.stringify(err),
    JSON.stringify(err.toView()),
  ];
  for (const secret of secrets) {
    if (!secret) continue;
    for (const surface of surfaces) expect(surface).not.toContain(secret);
  }
}

/** Runs a sign-in and records the wall-clock window in which it was sent. */
export async function timed<T>(call: () => Promise<T>): Promise<{ value: T; before: number; after: number }> {
  const before = Date.now();
  const value = await call();
  return { value, before, after: Date.now() };
}

/**
 * The grant expires `lifetimeSeconds` after it was sent. A JWT's `exp` is whole seconds from a
 * floored `iat`, so it may fall up to a second earlier; the adapter then follows the JWT.
 */
export function expectExpiry(
  grant: TokenGrant,
  window: { before: number; after: number },
  lifetimeSeconds: number,
  format: 'jwt' | 'opaque',
): void {
  const slack = format === 'jwt' ? 1000 : 0;
  expect(grant.issuedAt).toBeGreaterThanOrEqual(window.before);
  expect(grant.issuedAt).toBeLessThanOrEqual(window.after);
  expect(grant.expiresAt).toBeGreaterThanOrEqual(window.before + lifetimeSeconds * 1000 - slack);
  expect(grant.expiresAt).toBeLessThanOrEqual(window.after + lifetimeSeconds * 1000);
}

/** What the provider's API (the simulator's protected endpoint) says to a request with this token. */
export async function protectedStatus(sim: Simulator, accessToken?: string): Promise<number> {
  const res = await axios.get(`${sim.baseUrl}/__sim/protected`, {
    headers: accessToken ? { Authorization: `Bearer ${accessToken}` } : {},
    validateStatus: () => true,
  });
  return res.status;
}

/** The body of the latest response captured by a test context, parsed as JSON. */
export function lastResponseJson(ctx: TestContext): Record<string, unknown> {
  const last = ctx.responses.at(-1);
  if (!last) throw new Error('no response captured');
  return JSON.parse(last.body) as Record<string, unknown>;
}
