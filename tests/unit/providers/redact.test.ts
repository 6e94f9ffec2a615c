// redact, excerpt and maskToken: what may be shown of a response or a token.
import { describe, expect, it } from 'vitest';

import { excerpt, maskToken, maskTokenShaped, redact } from '../../../electron/core/redact';

describe('redact', () => {
  it('replaces every occurrence of each secret', () => {
    expect(redact('pw=hunter22; again hunter22', ['hunter22'])).toBe('pw=[redacted]; again [redacted]');
  });

  it('replaces the URL-encoded and form-encoded forms too', () => {
    const secret = 'p@ss word/&=';
    const form = new URLSearchParams({ password: secret }).toString();
    const url = `?password=${encodeURIComponent(secret)}`;
    const out = redact(`${form} ${url} ${secret}`, [secret]);
    expect(out).not.toContain(encodeURIComponent(secret));
    expect(out).not.toContain(form.slice('password='.length));
    expect(out).not.toContain(secret);
    expect(out.match(/\[redacted\]/g)).toHaveLength(3);
  });

  it('replaces the forms other servers echo: lowercase percent-encoding and escaped slashes', () => {
    const secret = 'p@ss/word:42';
    const lower = encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase());
    const php = JSON.stringify(secret).replace(/\//g, '\\/');
    const out = redact(`q=${lower} ${php}`, [secret]);
    expect(out).toBe('q=[redacted] "[redacted]"');
  });

  it('removes a secret that contains another one whole', () => {
    expect(redact('token abcd-efgh-ijkl', ['abcd', 'abcd-efgh-ijkl'])).toBe('token [redacted]');
  });

  it('ignores missing and very short secrets, which would shred ordinary text', () => {
    expect(redact('a bc def', [undefined, '', 'a', 'bc', 'def'])).toBe('a bc def');
  });
});

describe('excerpt', () => {
  it('flattens an HTML page to one line of text', () => {
    const page = '<html>\n<head><title>502 Bad Gateway</title></head>\n<body><h1>502   Bad Gateway</h1></body></html>';
    expect(excerpt(page, [])).toBe('502 Bad Gateway 502 Bad Gateway');
  });

  it('redacts before shortening, so a cut cannot leave half a secret', () => {
    const secret = 'sandbox-client-secret';
    const body = `${'x'.repeat(150)} ${secret}`;
    const out = excerpt(body, [secret], 160);
    expect(out).not.toContain('sandbox-client');
    expect(out.length).toBeLessThanOrEqual(161);
    expect(out.endsWith('…')).toBe(true);
  });

  it('keeps short text whole', () => {
    expect(excerpt('  Service   Unavailable ', [])).toBe('Service Unavailable');
  });

  it('redacts secrets hidden across tags', () => {
    expect(excerpt('<pre>sandbox-password</pre>', ['sandbox-password'])).toBe('[redacted]');
  });
});

describe('maskTokenShaped', () => {
  it('masks what looks like a token and keeps what people write', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ0aWxsIn0.c2lnbmF0dXJlLXBhcnQ';
    const opaque = 'Zx9Qw8Er7Ty6Ui5Op4As3Df2';
    const out = maskTokenShaped(`access_token=${opaque}&token_type=bearer {"id_token":"${jwt}"} Service in maintenance mode`);
    expect(out).toBe('access_token=[redacted]&token_type=bearer {"id_token":"[redacted]"} Service in maintenance mode');
  });
});

describe('maskToken', () => {
  it('shows only the first and last four characters of a long token', () => {
    expect(maskToken('eyJhbGciOiJIUzI1NiJ9.payload.signatureXYZ')).toBe('eyJh…eXYZ');
  });

  it('shows nothing of a short token', () => {
    expect(maskToken('abcdefghijkl')).toBe('••••');
  });
});

describe('redact: escaped echoes', () => {
  it('removes a secret echoed JSON-escaped or HTML-escaped', () => {
    const secret = 'pa"ss\\word<1>&';
    const body = `{"detail":${JSON.stringify(`bad password ${secret}`)}} <p>${secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}</p>`;
    const out = redact(body, [secret]);
    expect(out).not.toContain('ss\\\\word');
    expect(out).not.toContain('ss\\word');
    expect(out).not.toContain('word&lt;1');
    expect(out.match(/\[redacted\]/g)).toHaveLength(2);
  });
});

describe('redact: base64 and base64url', () => {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const b64url = (s: string) => Buffer.from(s).toString('base64url');
  // Bytes of the secret that may survive: a run of more than two of its bytes would be a leak.
  const secretBytesLeft = (out: string, secret: string) => {
    const decoded = [out, ...out.split(/[^A-Za-z0-9+/_=-]+/)].flatMap((piece) => [
      Buffer.from(piece, 'base64').toString('latin1'),
      Buffer.from(piece, 'base64url').toString('latin1'),
    ]);
    for (let n = secret.length; n > 0; n--) {
      for (let i = 0; i + n <= secret.length; i++) if (decoded.some((d) => d.includes(secret.slice(i, i + n)))) return n;
    }
    return 0;
  };

  it('removes a secret sent whole in base64 or base64url, padding included', () => {
    const secret = 'sandbox-client-secret?>~';
    for (const encoded of [b64(secret), b64url(secret)]) {
      expect(redact(`echo: ${encoded}.`, [secret])).toBe('echo: [redacted].');
    }
    expect(b64(secret)).not.toBe(b64url(secret));
  });

  it('finds a secret inside a longer encoded value at each of the three byte alignments', () => {
    const secret = 'p4ss-w0rd-of-twenty1';
    for (const before of ['', 'a', 'ab', 'abc', 'client-1:', 'client-12:']) {
      for (const after of ['', 'x', 'xy', 'xyz']) {
        for (const encode of [b64, b64url]) {
          const out = redact(`token=${encode(`${before}${secret}${after}`)}; rest`, [secret]);
          expect(out, `${before}|${after}`).toContain('[redacted]');
          expect(out.endsWith('; rest')).toBe(true);
          expect(secretBytesLeft(out, secret), `${before}|${after}`).toBeLessThanOrEqual(2);
        }
      }
    }
  });

  it('catches HTTP Basic credentials: base64 of the form-encoded client id and secret', () => {
    const secret = 'cl!ent secret/with+plus';
    const basic = (id: string, s: string) => `Basic ${b64(`${id}:${s}`)}`;
    const form = (v: string) => new URLSearchParams({ v }).toString().slice(2);
    for (const header of [basic('till-7', secret), basic(form('till 7'), form(secret)), basic('t', encodeURIComponent(secret))]) {
      const out = redact(`rejected ${header}`, [secret]);
      expect(out).toMatch(/^rejected Basic [A-Za-z0-9+/]*\[redacted\]/);
      expect(secretBytesLeft(out, secret)).toBeLessThanOrEqual(2);
    }
  });

  it('removes two encoded secrets side by side, and keeps the text around them', () => {
    const a = 'first-secret-value';
    const b = 'second-secret-value';
    const out = redact(`before ${b64(`${a}${b}`)} after`, [a, b]);
    expect(out).toBe('before [redacted] after');
  });

  it('leaves ordinary text and unrelated base64 alone', () => {
    const unrelated = b64('nothing to see in here at all');
    expect(redact(`Invalid client. ref=${unrelated}`, ['sandbox-password'])).toBe(`Invalid client. ref=${unrelated}`);
  });
});
