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
