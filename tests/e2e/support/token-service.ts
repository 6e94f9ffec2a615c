// A POS program's side of the local token service, from the test process (Node's fetch sends
// no Origin, as a program would not).

export interface TokenAnswer {
  status: number;
  /** The token on 200; the error code otherwise. */
  accessToken?: string;
  tokenType?: string;
  expiresIn?: number;
  code?: string;
}

/** GET /v1/profiles/{name}/token with an access key. */
export async function requestToken(serviceUrl: string, key: string, profile: string): Promise<TokenAnswer> {
  const res = await fetch(`${serviceUrl}/v1/profiles/${encodeURIComponent(profile)}/token`, {
    headers: { Authorization: `Bearer ${key}` },
  });
  const body = (await res.json()) as {
    access_token?: string;
    token_type?: string;
    expires_in?: number;
    error?: { code?: string };
  };
  return {
    status: res.status,
    ...(body.access_token !== undefined ? { accessToken: body.access_token } : {}),
    ...(body.token_type !== undefined ? { tokenType: body.token_type } : {}),
    ...(body.expires_in !== undefined ? { expiresIn: body.expires_in } : {}),
    ...(body.error?.code !== undefined ? { code: body.error.code } : {}),
  };
}
