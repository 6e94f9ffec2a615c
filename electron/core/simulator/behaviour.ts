// The seam between the generic simulator server (sockets, faults, log, stats) and one
// provider's token-endpoint rules, so that each provider file reads like its documentation.
import type { ProviderInfo } from '#common/profile-schema';

import type { JsonObject, JsonValue, SimulatorAccount, SimulatorConfig } from './types';

/** A token-endpoint request as the provider's rules see it. */
export interface TokenRequest {
  /** The path under the base path, e.g. `/connect/token`. */
  route: string;
  /** Lower-cased names, repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** The Content-Type without parameters, lower-cased. */
  contentType: string | undefined;
  body: string;
}

/** A provider's answer, and whether the request was a login or a refresh (for the stats). */
export interface TokenReply {
  kind: 'login' | 'refresh';
  status: number;
  body: JsonObject;
  headers?: Record<string, string>;
}

/** Which account and client a refresh token was issued to. */
export interface RefreshBinding {
  /** The account's identifying credential (username or client id). */
  accountKey: string;
  clientId?: string;
  /** The scopes granted at login, which a refresh keeps. */
  scope?: string;
}

/** What the server offers a provider's rules: accounts, config, and a token mint with state. */
export interface SimulatorRuntime {
  readonly config: Readonly<SimulatorConfig>;
  readonly accounts: readonly SimulatorAccount[];
  /** Issues an access token for `subject` (a JWT or an opaque string, as the provider does). */
  issueAccessToken(subject: string, claims?: JsonObject): string;
  /** The value to send as the lifetime field: the configured lifetime or its override. */
  lifetimeValue(): JsonValue;
  issueRefreshToken(binding: RefreshBinding): string;
  /** The binding of a live refresh token, or undefined when unknown or revoked. */
  findRefreshToken(token: string): RefreshBinding | undefined;
  /** After a successful refresh: with rotation on, retires `token` and returns its successor. */
  rotateRefreshToken(token: string): string | undefined;
  /** Claims of a JWT issued here; expired ones too when `allowExpired`. Null otherwise. */
  verifyAccessToken(token: string, options: { allowExpired: boolean }): Record<string, unknown> | null;
  now(): number;
}

export interface ProviderBehaviour {
  readonly info: ProviderInfo;
  /** The documented API base below the origin: `''` or e.g. `/integrator/api/v1`. */
  readonly basePath: string;
  /** Paths under the base path that take POST token requests. */
  readonly tokenRoutes: readonly string[];
  readonly tokenFormat: 'jwt' | 'opaque';
  readonly defaults: Pick<SimulatorConfig, 'lifetimeSeconds' | 'rotateRefreshTokens'>;
  /** Field names of a successful answer, used to shape truncated bodies. */
  readonly responseFields: { accessToken: string; lifetime: string };
  handle(request: TokenRequest, runtime: SimulatorRuntime): TokenReply;
  /** Forgets per-provider state (OnAPI's blocked accounts). */
  reset(): void;
}

/** Whether `value` is a non-empty string no longer than `max`. */
export function isFieldValue(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= max;
}

/** The documented maximum length of a credential field, from the provider's catalog entry. */
export function fieldMax(info: ProviderInfo, field: keyof ProviderInfo['fields']): number {
  const max = info.fields[field]?.max;
  if (max === undefined) throw new Error(`${info.id} has no ${field} field`);
  return max;
}
