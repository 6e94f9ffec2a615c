// The public shape of the built-in provider simulators: what a test, the browser host or the
// app's "Sandbox (built-in)" environment may start, configure and inspect.
import type { CredentialValues, ProviderInfo } from '#common/profile-schema';

import { PROVIDER_IDS, type ProviderId } from '../providers';

/** Every provider has a simulator. */
export const SIMULATED_PROVIDER_IDS = PROVIDER_IDS;
export type SimulatedProviderId = ProviderId;

export function isSimulatedProviderId(id: string): id is SimulatedProviderId {
  return (SIMULATED_PROVIDER_IDS as readonly string[]).includes(id);
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface SimulatorConfig {
  /** The lifetime the token endpoint announces and enforces, in seconds. */
  lifetimeSeconds: number;
  /** When set, the JWT `exp` is `iat` plus this many seconds instead of the lifetime. */
  jwtExpSeconds?: number;
  /** Delay before each token-endpoint answer, in ms. */
  latencyMs: number;
  /** Whether a refresh answers with a new refresh token and retires the one it used. */
  rotateRefreshTokens: boolean;
  /**
   * When set, sent verbatim as the lifetime field (`expires_in` / `expiresIn`) in place of
   * `lifetimeSeconds`: a negative, huge, string or null value makes a protocol error.
   */
  lifetimeOverride?: JsonValue;

  // Switches for how the live services are reported to behave where the pages are silent
  // (issue 9, PROVIDERS.md "field evidence"). Unset, each simulator keeps its documented,
  // strict behaviour.

  /**
   * How the lifetime field states `lifetimeSeconds` (unless `lifetimeOverride` is set):
   * `seconds` as documented, `milliseconds`, `zero` (OnAPI's own example) or `missing`.
   */
  lifetimeUnit?: LifetimeUnit;
  /** Issue opaque access tokens instead of JWTs, or the other way round. */
  tokenFormat?: 'jwt' | 'opaque';
  /**
   * Every answer that would succeed becomes a 200 Tessera cannot use: `html` (a portal's
   * page) or `no-token` (the usual JSON without the access token). The login still happens.
   */
  unusableSuccess?: 'html' | 'no-token';
  /** eReceipt: requests without (or with empty) `posmodelframework` and `presharedkey` are accepted. */
  optionalPosHeaders?: boolean;
  /** eReceipt: a wrong client ID or secret gets 400 `{"error":"invalid_client"}`, as live. */
  invalidClient?: boolean;
  /** eReceipt: the claim that carries the taxpayer's tags (default `tags`); null leaves them out. */
  tagsClaim?: string | null;
  /** Invoisys: `3.0` refuses with `{"mensagem": ..., "token": null}` (401 for credentials). */
  tokenApi?: '2.0' | '3.0';
}

export const LIFETIME_UNITS = ['seconds', 'milliseconds', 'zero', 'missing'] as const;
export type LifetimeUnit = (typeof LIFETIME_UNITS)[number];

/** Config keys that only some providers understand; configuring one elsewhere is an error. */
export const PROVIDER_SWITCHES = {
  optionalPosHeaders: ['ereceipt'],
  invalidClient: ['ereceipt'],
  tagsClaim: ['ereceipt'],
  tokenApi: ['invoisys'],
} as const satisfies Partial<Record<keyof SimulatorConfig, readonly SimulatedProviderId[]>>;

/** A partial config; a key set to `undefined` goes back to the provider's default. */
export type SimulatorConfigPatch = { [K in keyof SimulatorConfig]?: SimulatorConfig[K] | undefined };

/**
 * Something that goes wrong on the way to the token endpoint, as proxies and overloaded
 * servers do. A fault answers one token-endpoint request in place of the provider.
 */
export type Fault =
  /** A JSON error; the body defaults to `{"message": <HTTP reason phrase>}`. */
  | { kind: 'error'; status: number; body?: JsonObject; headers?: Record<string, string> }
  /** An HTML error page, the way a reverse proxy answers. */
  | { kind: 'html'; status: number }
  /** Never answers; the socket stays open until the client gives up or the simulator closes. */
  | { kind: 'hang' }
  /** Sends 200 headers at once, then a byte of whitespace every 100 ms, never finishing. */
  | { kind: 'trickle' }
  /** Destroys the connection without an answer. */
  | { kind: 'reset' }
  /** A 200 whose JSON body is cut off half way. */
  | { kind: 'truncated' }
  /** Exactly this status, content type and body. */
  | { kind: 'raw'; status: number; body: string; contentType: string };

/** What the simulator knows about an account beyond its credentials; every field has a default. */
export interface AccountExtras {
  /** eReceipt: the taxpayer registration number (`taxpayer_rin` claim). */
  taxpayerRin?: string;
  /** eReceipt: the taxpayer name (`taxpayer_name` claim). */
  taxpayerName?: string;
  /** eReceipt: the taxpayer's tags (`tags` claim unless config.tagsClaim says otherwise); default `["B2C", "B2B"]`. */
  tags?: string[];
  /**
   * Scopes the account may request. eReceipt default `["InvoicingAPI"]`; Multinexo default
   * `["openid", "profile", "email", "voucher"]`; Factus default none.
   */
  scopes?: string[];
  /** Multinexo and Factus: grant types the client may use; default every one the provider has. */
  grantTypes?: string[];
  /** Multinexo: who signed in; defaults `Sandbox`, `Cashier` and a uid derived from the username. */
  firstName?: string;
  lastName?: string;
  uid?: string;
}

/**
 * Credentials the simulator accepts. Fields the provider does not use are ignored; eReceipt
 * accepts any POS OS version unless `credentials.posOsVersion` is set.
 */
export interface SimulatorAccount {
  credentials: CredentialValues;
  extras?: AccountExtras;
}

export interface SimulatorStats {
  /** Requests that reached a token endpoint with the right method, faults included. */
  tokenRequests: number;
  /** Successful logins. */
  logins: number;
  /** Successful refreshes. */
  refreshes: number;
  /** Login requests the provider refused (bad credentials, blocked account, malformed request). */
  failedLogins: number;
  /** Refresh requests the provider refused. */
  failedRefreshes: number;
  /** Access tokens issued. */
  issued: number;
}

export interface SimulatorLogEntry {
  /** When the request arrived, epoch ms. */
  at: number;
  method: string;
  /** The request target as received, query string included. */
  path: string;
  /** Lower-cased names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** A form or JSON object as parsed, the raw text when it is neither, null when empty. */
  body: Record<string, unknown> | string | null;
  /** The status answered, or null while unanswered (a hang) or when the socket was reset. */
  status: number | null;
}

export interface Simulator {
  readonly providerId: SimulatedProviderId;
  readonly info: ProviderInfo;
  /** The value a profile stores as its base URL; the adapter appends the documented path. */
  readonly baseUrl: string;
  readonly port: number;
  /** Every request received, oldest first (token endpoint, protected endpoint, strays). */
  readonly log: readonly SimulatorLogEntry[];
  /** The current configuration (a copy). */
  readonly config: Readonly<SimulatorConfig>;
  configure(patch: SimulatorConfigPatch): void;
  /** Queues `count` copies of `fault` for the next token-endpoint requests, after any queued. */
  failNext(count: number, fault: Fault): void;
  /** Invalidates every refresh token issued so far. */
  revokeRefreshTokens(): void;
  /** Replaces the accounts the provider accepts. */
  setAccounts(accounts: readonly SimulatorAccount[]): void;
  addAccount(credentials: CredentialValues, extras?: AccountExtras): void;
  stats(): SimulatorStats;
  clearLog(): void;
  /** Whether `token` was issued here and has not expired (what `GET /__sim/protected` checks). */
  isValidAccessToken(token: string): boolean;
  /** Back to the state just after start: default config and accounts, no faults, tokens, log or blocks. */
  reset(): void;
  /** Stops listening and drops every open connection, hanging ones included. */
  close(): Promise<void>;
}

export interface StartSimulatorOptions {
  /** 0 (the default) picks a free port. The simulator listens on 127.0.0.1 only. */
  port?: number;
  config?: SimulatorConfigPatch;
  /** Replaces the default account (the provider's `sandboxDemo` credentials). */
  accounts?: readonly SimulatorAccount[];
}

export interface Sandbox {
  readonly simulators: Readonly<Record<SimulatedProviderId, Simulator>>;
  /** The base URL of a provider's built-in sandbox, or undefined for a provider it lacks. */
  baseUrlFor(providerId: string): string | undefined;
  close(): Promise<void>;
}

export interface StartSandboxOptions {
  /** Fixed ports per provider; the others pick a free one. */
  ports?: Partial<Record<SimulatedProviderId, number>>;
}
