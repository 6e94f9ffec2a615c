// What a sign-in yields. Pure data, shared with the renderer through the contract's views.

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
  /** Information that is no warning, e.g. `tags-unreadable` (no tags claim could be read). */
  notes?: string[];
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
  /**
   * Where the lifetime came from when not from the provider's lifetime field: `token` (the
   * JWT's own exp, the field being 0, missing or implausible) or `assumed` (neither could be
   * read, so a short default was taken).
   */
  lifetimeSource?: 'token' | 'assumed';
}
