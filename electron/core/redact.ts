// Scrubs secret values out of any text before it can reach a log, an error or the renderer.

const MIN_SECRET_LENGTH = 4;

const htmlEscaped = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/**
 * Replaces every occurrence of each secret with a fixed marker: as typed, and in the forms a
 * server may echo it (URL-, form-, JSON- and HTML-escaped).
 */
export function redact(text: string, secrets: Iterable<string | undefined>): string {
  let out = text;
  const values = new Set<string>();
  for (const s of secrets) {
    if (!s || s.length < MIN_SECRET_LENGTH) continue;
    values.add(s);
    values.add(encodeURIComponent(s));
    values.add(new URLSearchParams({ v: s }).toString().slice(2));
    values.add(encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()));
    const json = JSON.stringify(s).slice(1, -1);
    values.add(json);
    // PHP's json_encode escapes slashes by default.
    values.add(json.replace(/\//g, '\\/'));
    values.add(htmlEscaped(s));
  }
  // Longest first so a secret containing another is removed whole.
  for (const v of [...values].sort((a, b) => b.length - a.length)) {
    out = out.split(v).join('[redacted]');
  }
  return out;
}

/** A short preview of a token that is safe to show: its first and last four characters. */
export function maskToken(token: string): string {
  if (token.length <= 12) return '••••';
  return `${token.slice(0, 4)}…${token.slice(-4)}`;
}

/**
 * Runs of 24 or more token characters (base64url, JWT dots, slashes): what an access or refresh
 * token looks like. A successful answer Tessera cannot read may carry a token just issued, which
 * no list of secrets knows yet; its excerpt masks these. Words people write are shorter.
 */
export function maskTokenShaped(text: string): string {
  return text.replace(/[A-Za-z0-9._~+/-]{24,}/g, '[redacted]');
}

/** A short, single-line, secret-free excerpt of an unexpected response body. */
export function excerpt(body: string, secrets: Iterable<string | undefined>, max = 160): string {
  const flat = redact(body, secrets)
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
