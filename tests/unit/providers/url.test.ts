// joinUrl: exactly one slash between a typed base URL and a provider path.
import { describe, expect, it } from 'vitest';

import { joinUrl } from '../../../electron/core/url';

describe('joinUrl', () => {
  it.each([
    ['https://id.eta.gov.eg', 'connect/token', 'https://id.eta.gov.eg/connect/token'],
    ['https://id.eta.gov.eg/', 'connect/token', 'https://id.eta.gov.eg/connect/token'],
    ['https://id.eta.gov.eg///', '/connect/token', 'https://id.eta.gov.eg/connect/token'],
    ['  https://api.factus.com.co/  ', 'oauth/token', 'https://api.factus.com.co/oauth/token'],
    [
      'https://e-hom-onapi.factura-core.com/integrator/api/v1/',
      'integrator/authenticate',
      'https://e-hom-onapi.factura-core.com/integrator/api/v1/integrator/authenticate',
    ],
    ['http://127.0.0.1:8080/base', '//api/token', 'http://127.0.0.1:8080/base/api/token'],
  ])('%j + %j', (base, path, expected) => {
    expect(joinUrl(base, path)).toBe(expected);
  });

  it('keeps slashes inside the path', () => {
    expect(joinUrl('https://api.multinexo.com', 'auth/v1/token')).toBe('https://api.multinexo.com/auth/v1/token');
  });
});
