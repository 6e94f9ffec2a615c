// The plain-text diagnostics report the renderer writes from core's view: every part in the
// user's language (here Portuguese), codes and bodies as they came, and nothing left out.
import { describe, expect, it } from 'vitest';

import type { DiagnosticsView } from '#common/contract';

import { providerCatalog } from '../../../electron/core/providers';
import { diagnosticsReport } from '../../../renderer/src/app/diagnostics-report';
import type { Translate } from '../../../renderer/src/app/explain';
import { pt } from '../../../renderer/src/i18n/locales/pt';

const t: Translate = (key, values = {}) => {
  let node: unknown = pt;
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'string') return key;
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
};
const info = (id: string) => providerCatalog().find((p) => p.id === id)!;
const at = Date.UTC(2026, 11, 1, 10, 30, 0);

const base: DiagnosticsView = {
  generatedAt: at,
  version: '1.2.3',
  host: 'electron',
  platform: 'win32',
  subject: { kind: 'profile', name: 'Caixa 2', state: 'needs-attention', failures: 1 },
  provider: 'ereceipt',
  environment: { kind: 'preset', id: 'production' },
  tokenUrl: 'https://id.eta.gov.eg/connect/token',
  recordedSince: at - 3600_000,
  exchanges: [],
};

describe('the diagnostics report', () => {
  it('names the app, profile, provider, environment and address, and says when nothing was exchanged', () => {
    const report = diagnosticsReport(base, info('ereceipt'), 'pt', t);
    expect(report.split('\n')).toEqual([
      'Diagnóstico do Tessera (2026-12-01 10:30:00 UTC)',
      'Tessera 1.2.3 · Aplicativo de desktop [electron] · win32',
      'Perfil: Caixa 2',
      'Provedor: eReceipt (ETA Egito) [ereceipt]',
      'Ambiente: Produção (production)',
      'URL do token: https://id.eta.gov.eg/connect/token',
      'Estado: Requer atenção · falhas seguidas: 1',
      'Último erro: nenhum',
      '',
      'Nenhuma troca com o serviço de tokens desde 2026-12-01 09:30:00 UTC: as trocas ficam só na memória, até o Tessera ser fechado.',
      '',
    ]);
  });

  it("explains each exchange with the provider's own words for its code, and shows a cut body as cut", () => {
    const view: DiagnosticsView = {
      ...base,
      lastError: { errorClass: 'credentials', code: 'invalid_presharedkey', status: 400, providerMessage: 'PSK mismatch', at },
      exchanges: [
        {
          at,
          phase: 'login',
          method: 'POST',
          url: 'https://id.eta.gov.eg/connect/token',
          status: 400,
          ms: 231,
          headers: { 'content-type': 'application/json' },
          body: '{"error":"invalid_presharedkey"',
          bodyLength: 4000,
          failure: { errorClass: 'credentials', code: 'invalid_presharedkey', status: 400 },
        },
        {
          at: at + 1000,
          phase: 'login',
          method: 'POST',
          url: 'https://proxy.example/connect/token',
          status: 204,
          ms: 12,
          headers: {},
          body: '',
        },
      ],
    };
    const report = diagnosticsReport(view, info('ereceipt'), 'pt', t);
    expect(report).toContain(
      '\nÚltimo erro: Login recusado: A chave pré-compartilhada do PDV foi recusada, ou a ETA exige uma para este terminal: digite a chave que a ETA emitiu. [invalid_presharedkey]\n   2026-12-01 10:30:00 UTC · HTTP 400\n   O provedor disse: “PSK mismatch”\n',
    );
    expect(report).toContain(
      '\n#1 2026-12-01 10:30:00 UTC · login · POST /connect/token → HTTP 400 · 231 ms\n   content-type: application/json\n   Corpo (primeiros 31 de 4000 caracteres):\n      {"error":"invalid_presharedkey"\n   Resultado: Login recusado: A chave pré-compartilhada do PDV foi recusada, ou a ETA exige uma para este terminal: digite a chave que a ETA emitiu. [invalid_presharedkey]\n',
    );
    // Another host is shown whole; an empty body says so.
    expect(report).toContain(
      '\n#2 2026-12-01 10:30:01 UTC · login · POST https://proxy.example/connect/token → HTTP 204 · 12 ms\n   Corpo:\n      (vazio)\n   Resultado: token recebido\n',
    );
  });

  it('says why an address is unknown, shows a custom base URL, and a refresh address only when it differs', () => {
    const unknown = diagnosticsReport(
      { ...base, environment: { kind: 'sandbox' }, tokenUrl: undefined, urlProblem: 'sandbox_unavailable' },
      info('ereceipt'),
      'pt',
      t,
    );
    expect(unknown).toContain('\nAmbiente: Ambiente de testes integrado\nURL do token: desconhecida (sandbox_unavailable)\n');
    const custom = diagnosticsReport(
      {
        ...base,
        provider: 'factus',
        environment: { kind: 'custom', baseUrl: 'https://gw.shop.test/factus' },
        tokenUrl: 'https://gw.shop.test/factus/oauth/token',
        refreshUrl: 'https://gw.shop.test/factus/oauth/token',
      },
      info('factus'),
      'pt',
      t,
    );
    expect(custom).toContain(
      '\nAmbiente: Personalizado (https://gw.shop.test/factus)\nURL do token: https://gw.shop.test/factus/oauth/token\nEstado:',
    );
    const onapi = diagnosticsReport(
      { ...base, provider: 'onapi', tokenUrl: 'https://h/integrator/authenticate', refreshUrl: 'https://h/integrator/refresh-token' },
      info('onapi'),
      'pt',
      t,
    );
    expect(onapi).toContain('\nURL do token: https://h/integrator/authenticate\nURL de renovação: https://h/integrator/refresh-token\n');
  });
});
