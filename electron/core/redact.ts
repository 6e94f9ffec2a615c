// Scrubs secret values out of any text before it can reach a log, an error or the renderer.

const MIN_SECRET_LENGTH = 4;
/** Base64 text that stands for at least three whole bytes of a secret; shorter would be chance. */
const MIN_ENCODED_LENGTH = 4;

const htmlEscaped = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/**
 * The cores of a value in base64 and base64url: for each alignment, the part of the encoding that
 * does not depend on what surrounds the value when it starts `offset` bytes into a 3-byte group of
 * a longer value (`Basic base64(id:secret)`). That is the encoding without its first group if it
 * mixes in bytes before the value, and without a last group that mixes in bytes after it.
 */
function base64Cores(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  // Two leading zero bytes; starting 0, 1 or 2 bytes into it gives each alignment.
  const padded = Buffer.alloc(bytes.length + 2);
  bytes.copy(padded, 2);
  const cores = new Set<string>();
  for (const offset of [0, 1, 2]) {
    const aligned = padded.subarray(2 - offset);
    const wholeGroups = Math.floor((offset + bytes.length) / 3);
    for (const alphabet of ['base64', 'base64url'] as const) {
      const core = aligned.toString(alphabet).slice(offset > 0 ? 4 : 0, wholeGroups * 4);
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
  return redactor(secrets)(text);
}

/** `redact` with the forms of the secrets worked out once, for scrubbing many texts. */
export function redactor(secrets: Iterable<string | undefined>): (text: string) => string {
  const values = new Set<string>();
  const cores = new Set<string>();
  for (const s of secrets) {
    if (!s || s.length < MIN_SECRET_LENGTH) continue;
    const url = encodeURIComponent(s);
    const form = new URLSearchParams({ v: s }).toString().slice(2);
    values.add(s);
    values.add(url);
    values.add(form);
    values.add(url.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()));
    const json = JSON.stringify(s).slice(1, -1);
    values.add(json);
    // PHP's json_encode escapes slashes by default.
    values.add(json.replace(/\//g, '\\/'));
    values.add(htmlEscaped(s));
    // HTTP Basic sends base64(client_id:client_secret), each form-encoded first (RFC 6749 §2.3.1).
    for (const v of new Set([s, url, form])) for (const core of base64Cores(v)) cores.add(core);
  }
  // Longest first so a secret containing another is removed whole.
  const plain = [...values].sort((a, b) => b.length - a.length);
  return (text) => {
    // Encoded forms first: they reach into the characters around the secret.
    let out = redactEncoded(text, cores);
    for (const v of plain) out = out.split(v).join('[redacted]');
    return out;
  };
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
