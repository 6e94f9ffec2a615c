// The plain-text report "Copy diagnostics" puts on the clipboard, for an installer to paste into
// a message to support, in the user's language. It is written from core's diagnostics view,
// which is secret-free; labels and explanations are translated, while codes, addresses, header
// names, times (UTC) and bodies stay exactly as they came, for whoever reads them at support.
import type { ProviderInfo } from '#common/profile-schema';

import type { DiagnosticsView, ExchangeView } from '../bridge/types';
import type { KeysUnder } from '../i18n/keys';
import { localized } from '../i18n/localized';
import { explainCode, type FailureLike, type Translate } from './explain';

const INDENT = '   ';

const utc = (at: number) =>
  new Date(at)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');

function environmentText(view: DiagnosticsView, info: ProviderInfo | undefined, lang: string, t: Translate): string {
  const env = view.environment;
  if (env.kind === 'sandbox') return t('wizard.sandboxEnvironment');
  if (env.kind === 'custom') return `${t('wizard.customEnvironment')} (${env.baseUrl})`;
  const preset = info?.environments.find((e) => e.id === env.id);
  return preset ? `${localized(preset.label, lang)} (${env.id})` : env.id;
}

function failureText(failure: FailureLike, info: ProviderInfo | undefined, lang: string, t: Translate): string {
  return `${t(`failure.classes.${failure.errorClass}`)}: ${explainCode(failure.code, failure.status, info, lang, t)} [${failure.code}]`;
}

/** The address as called: only its path when it is on the host of the token URL. */
function shortAddress(url: string, view: DiagnosticsView): string {
  const origin = (u: string | undefined) => {
    try {
      return u ? new URL(u).origin : undefined;
    } catch {
      return undefined;
    }
  };
  const own = origin(url);
  return own !== undefined && own === origin(view.tokenUrl) ? url.slice(own.length) || '/' : url;
}

function exchangeLines(
  n: number,
  e: ExchangeView,
  view: DiagnosticsView,
  info: ProviderInfo | undefined,
  lang: string,
  t: Translate,
): string[] {
  const answer = e.status !== undefined ? `HTTP ${e.status}` : t('diagnostics.report.noAnswer');
  const lines = [
    `#${n} ${utc(e.at)} · ${t(`diagnostics.report.phases.${e.phase}`)} · ${e.method} ${shortAddress(e.url, view)} → ${answer} · ${e.ms} ms`,
  ];
  for (const [name, value] of Object.entries(e.headers)) lines.push(`${INDENT}${name}: ${value}`);
  if (e.body !== undefined) {
    const cut = e.bodyLength !== undefined ? ` ${t('diagnostics.report.truncated', { shown: e.body.length, total: e.bodyLength })}` : '';
    lines.push(`${INDENT}${t('diagnostics.report.body')}${cut}:`);
    const body = e.body.trim() === '' ? t('diagnostics.report.emptyBody') : e.body;
    for (const line of body.split(/\r?\n/)) lines.push(`${INDENT}${INDENT}${line}`);
  }
  lines.push(
    `${INDENT}${t('diagnostics.report.result')}: ${e.failure ? failureText(e.failure, info, lang, t) : t('diagnostics.report.tokenReceived')}`,
  );
  return lines;
}

export function diagnosticsReport(view: DiagnosticsView, info: ProviderInfo | undefined, lang: string, t: Translate): string {
  const r = (key: KeysUnder<'diagnostics.report'>, values?: Record<string, string | number>) => t(`diagnostics.report.${key}`, values);
  const lines = [
    `${r('title')} (${utc(view.generatedAt)})`,
    `Tessera ${view.version} · ${t(`settings.hosts.${view.host}`)} [${view.host}] · ${view.platform}`,
    view.subject.kind === 'profile' ? `${r('profile')}: ${view.subject.name}` : `${r('test')}: ${view.subject.name}`,
    `${r('provider')}: ${info ? localized(info.label, lang) : view.provider} [${view.provider}]`,
    `${r('environment')}: ${environmentText(view, info, lang, t)}`,
    `${r('tokenUrl')}: ${view.tokenUrl ?? r('urlUnknown', { reason: view.urlProblem ?? '?' })}`,
  ];
  if (view.refreshUrl && view.refreshUrl !== view.tokenUrl) lines.push(`${r('refreshUrl')}: ${view.refreshUrl}`);
  if (view.subject.kind === 'profile') {
    const failures = view.subject.failures > 0 ? ` · ${r('failures', { n: view.subject.failures })}` : '';
    lines.push(`${r('state')}: ${t(`status.${view.subject.state}`)}${failures}`);
  }
  const error = view.lastError;
  if (error) {
    lines.push(`${r('lastError')}: ${failureText(error, info, lang, t)}`);
    lines.push(`${INDENT}${utc(error.at)}${error.status !== undefined ? ` · HTTP ${error.status}` : ''}`);
    if (error.providerMessage) lines.push(`${INDENT}${t('failure.providerSaid')}: “${error.providerMessage}”`);
    if (error.excerpt) lines.push(`${INDENT}${t('failure.excerpt')}: ${error.excerpt}`);
  } else {
    lines.push(`${r('lastError')}: ${r('noError')}`);
  }
  lines.push('');
  if (view.exchanges.length === 0) {
    lines.push(r('noExchanges', { since: utc(view.recordedSince) }));
  } else {
    lines.push(r('exchanges', { count: view.exchanges.length, since: utc(view.recordedSince) }));
    view.exchanges.forEach((e, i) => lines.push(...exchangeLines(i + 1, e, view, info, lang, t)));
  }
  return `${lines.join('\n')}\n`;
}
