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
