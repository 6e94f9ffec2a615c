// What the token engine keeps between runs and reads about each profile, as the engine needs
// it: the vault satisfies it; engine tests may pass an in-memory one.
import type { CredentialValues, EnvironmentChoice } from '#common/profile-schema';
import type { HistoryEvent, TimedFailure } from '#common/token-view';

import type { TokenGrant } from '../providers/types';

/** A profile as the engine sees it: whom to sign in to, where, and whether it waits for the user. */
export interface TokenProfile {
  readonly id: string;
  readonly provider: string;
  readonly environment: EnvironmentChoice;
  /** Set when attempts stopped until the user acts (wrong password, repeated unusable answers). */
  readonly attention?: TimedFailure | null;
}

export interface TokenStore {
  profiles(): readonly TokenProfile[];
  profile(id: string): TokenProfile | undefined;
  /** The sign-in values; rejects with a VaultError when a secret cannot be had (the user must act). */
  credentials(id: string): Promise<CredentialValues>;
  setAttention(id: string, failure: TimedFailure | null): void;

  /** The last token, sealed at rest; undefined when there is none or it can no longer be opened. */
  loadToken(id: string): Promise<TokenGrant | undefined>;
  saveToken(id: string, grant: TokenGrant): Promise<void>;

  /** The profile's timeline, oldest first. */
  history(id: string): readonly HistoryEvent[];
  appendHistory(id: string, event: HistoryEvent): void;
  /** Replaces one entry (a coalesced hand-out); may be written lazily. */
  replaceHistory(id: string, index: number, event: HistoryEvent): void;

  /** Writes what is pending; called when the engine stops. */
  flush(): void;
}
