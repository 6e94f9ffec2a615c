// The contract between the token engine and a provider adapter.
import type { AxiosInstance } from 'axios';
import type { Clock } from '../clock';
import type { CredentialValues, ProviderInfo } from '../profile-schema';

/** Who a token was issued to, as far as the token or the response says. Never secret. */
export interface Identity {
  /** Multinexo: first and last name. */
  displayName?: string;
  /** Multinexo: the user id. */
  uid?: string;
  /** eReceipt: taxpayer claims decoded from the JWT (name, registration number...). */
  taxpayer?: Record<string, string>;
  /** eReceipt: the taxpayer's tags (B2C, B2B). */
  tags?: string[];
  /** Conditions the user should know about, e.g. `b2c-missing`. */
  warnings?: string[];
}

export interface TokenGrant {
  accessToken: string;
  tokenType: string;
  refreshToken?: string;
  /** When the request that produced this token was sent (epoch ms). */
  issuedAt: number;
  /** When the token stops being valid (epoch ms): the earlier of expires_in and the JWT `exp`. */
  expiresAt: number;
  scope?: string;
  identity?: Identity;
}

export interface RequestContext {
  http: AxiosInstance;
  clock: Clock;
  timeoutMs: number;
}

export interface SignInTarget {
  baseUrl: string;
  credentials: CredentialValues;
}

export interface ProviderAdapter {
  readonly info: ProviderInfo;
  /** A full login with the stored credentials. */
  login(ctx: RequestContext, target: SignInTarget): Promise<TokenGrant>;
  /** Renews with a refresh token; only for providers whose catalog says `refresh-token`. */
  refresh?(ctx: RequestContext, target: SignInTarget, current: TokenGrant): Promise<TokenGrant>;
}
