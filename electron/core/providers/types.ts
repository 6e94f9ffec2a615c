// The contract between the token engine and a provider adapter.
import type { AxiosInstance } from 'axios';

import type { TokenGrant } from '#common/grant';
import type { CredentialValues, ProviderInfo } from '#common/profile-schema';

import type { Clock } from '../clock';

export type { Identity, TokenGrant } from '#common/grant';

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
