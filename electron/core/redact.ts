// Scrubs secret values out of any text before it can reach a log, an error or the renderer.

const MIN_SECRET_LENGTH = 4;
/** Base64 text that stands for at least three whole bytes of a secret; shorter would be chance. */
const MIN_ENCODED_LENGTH = 4;

const htmlEscaped = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/**
 * The part of base64(secret) that does not depend on what surrounds the secret, when it starts
 * `offset` bytes into a 3-byte group of a longer value (`Basic base64(id:secret)`): without the
 * first group if it mixes in bytes before the secret, and without a last group that mixes in
 * bytes after it.
 */
function base64Core(value: Buffer, offset: number, alphabet: 'base64' | 'base64url'): string {
  const encoded = Buffer.concat([Buffer.alloc(offset), value]).toString(alphabet);
  const wholeGroups = Math.floor((offset + value.length) / 3);
  return encoded.slice(offset > 0 ? 4 : 0, wholeGroups * 4);
}

/** The cores of a value in base64 and base64url, at each of the three byte alignments. */
function base64Cores(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const cores = new Set<string>();
  for (const alphabet of ['base64', 'base64url'] as const) {
    for (const offset of [0, 1, 2]) {
      const core = base64Core(bytes, offset, alphabet);
      if (core.length >= MIN_ENCODED_LENGTH) cores.add(core);
    }
  }
  return [...cores];
}

const isBase64Char = (c: string | undefined) => c !== undefined && /[A-Za-z0-9+/_-]/.test(c);

/**
 * Replaces each place a core occurs, together with the group on either side (the characters
 * that mix the secret's first or last bytes with its neighbours') and any padding, so not a
 * byte of the secret survives in the encoded text. Overlapping places become one marker.
 */
function redactEncoded(text: string, cores: ReadonlySet<string>): string {
  const spans: [number, number][] = [];
  for (const core of cores) {
    for (let at = text.indexOf(core); at >= 0; at = text.indexOf(core, at + 1)) {
      let start = at;
      while (start > at - 4 && isBase64Char(text[start - 1])) start--;
      let end = at + core.length;
      const limit = end + 4;
      while (end < limit && isBase64Char(text[end])) end++;
      while (text[end] === '=') end++;
      spans.push([start, end]);
    }
  }
  if (spans.length === 0) return text;
  spans.sort((a, b) => a[0] - b[0]);
  let out = '';
  let cursor = 0;
  let [from, to] = spans[0]!;
  for (const [start, end] of spans.slice(1)) {
    if (start <= to) {
      to = Math.max(to, end);
      continue;
    }
    out += `${text.slice(cursor, from)}[redacted]`;
    cursor = to;
    [from, to] = [start, end];
  }
  return `${out}${text.slice(cursor, from)}[redacted]${text.slice(to)}`;
}

/**
 * Replaces every occurrence of each secret with a fixed marker: as typed, in the forms a server
 * may echo it (URL-, form-, JSON- and HTML-escaped), and base64 or base64url encoded at any
 * alignment, alone or inside a longer encoded value, as typed or URL-encoded first.
 */
export function redact(text: string, secrets: Iterable<string | undefined>): string {
  let out = text;
  const values = new Set<string>();
  const cores = new Set<string>();
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
    // HTTP Basic sends base64(client_id:client_secret), each form-encoded first (RFC 6749 §2.3.1).
    for (const form of [s, encodeURIComponent(s), new URLSearchParams({ v: s }).toString().slice(2)]) {
      for (const core of base64Cores(form)) cores.add(core);
    }
  }
  // Encoded forms first: they reach into the characters around the secret.
  out = redactEncoded(out, cores);
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
