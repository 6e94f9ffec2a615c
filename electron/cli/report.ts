// What the commands print. Human lines in the user's language; with --json, one JSON document on
// stdout whose shape is stable (schema 1, documented in docs/fleet.md): keys are only ever
// added, never renamed or removed, and times are ISO 8601 in UTC.
import type { EnvironmentChoice } from '#common/profile-schema';
import type { TokenView } from '#common/token-view';

import { findProvider } from '../core/providers';
import type { ProfileStatus, StatusReport } from '../core/status-report';
import type { CliTexts } from './texts';

export const JSON_SCHEMA = 1;

const iso = (at: number | null | undefined) => (at === null || at === undefined ? null : new Date(at).toISOString());

/** `sandbox`, `preset:production`, `custom` */
export function environmentName(environment: EnvironmentChoice): string {
  return environment.kind === 'preset' ? `preset:${environment.id}` : environment.kind;
}

export function providerLabel(id: string, texts: CliTexts): string {
  return findProvider(id)?.info.label[texts.language] ?? id;
}

export interface SignInResult {
  id: string;
  name: string;
  provider: string;
  environment: EnvironmentChoice;
  outcome?: 'created' | 'replaced' | 'skipped';
  view?: TokenView;
}

export function isValid(view: TokenView | undefined, now: number): boolean {
  return !!view && view.state === 'valid' && view.expiresAt !== undefined && view.expiresAt > now;
}

export function signInJson(results: readonly SignInResult[], now: number) {
  return results.map((r) => ({
    name: r.name,
    ...(r.outcome ? { outcome: r.outcome } : {}),
    ...(r.outcome === 'skipped' ? {} : { id: r.id }),
    provider: r.provider,
    environment: environmentName(r.environment),
    ...(r.view
      ? {
          valid: isValid(r.view, now),
          state: r.view.state,
          expiresAt: iso(r.view.expiresAt),
          lastError: r.view.lastError
            ? {
                errorClass: r.view.lastError.errorClass,
                code: r.view.lastError.code,
                ...(r.view.lastError.status ? { status: r.view.lastError.status } : {}),
              }
            : null,
        }
      : {}),
  }));
}

/** One line per profile: ✓ valid until…, ✗ why not, – skipped. */
export function signInLines(results: readonly SignInResult[], now: number, texts: CliTexts): string[] {
  return results.map((r) => {
    const provider = providerLabel(r.provider, texts);
    if (r.outcome === 'skipped') return texts.t('result.skipped', { name: r.name });
    if (isValid(r.view, now)) return texts.t('result.valid', { name: r.name, provider, until: texts.time(r.view!.expiresAt!) });
    return texts.t('result.failed', { name: r.name, provider, reason: failureReason(r, texts) });
  });
}

function failureReason(r: SignInResult, texts: CliTexts): string {
  const error = r.view?.lastError;
  if (!error) return texts.t('reasons.noToken');
  const reason = texts.t(`reasons.${error.errorClass}`, { code: error.code });
  const explained = findProvider(r.provider)?.info.errors[error.code]?.text[texts.language];
  return explained ? `${reason}: ${explained}` : reason;
}

// ---- status ----------------------------------------------------------------------------------

export function statusJson(report: StatusReport, dataDir: string) {
  return {
    schema: JSON_SCHEMA,
    command: 'status',
    checkedAt: iso(report.checkedAt),
    dataDir,
    level: report.level,
    exitCode: report.exitCode,
    ...(report.reason ? { reason: report.reason } : {}),
    app: report.app,
    counts: {
      ok: report.profiles.filter((p) => p.level === 'ok').length,
      warning: report.profiles.filter((p) => p.level === 'warning').length,
      critical: report.profiles.filter((p) => p.level === 'critical').length,
    },
    profiles: report.profiles.map((p) => ({
      id: p.id,
      name: p.name,
      provider: p.provider,
      environment: environmentName(p.environment),
      state: p.state,
      level: p.level,
      expiresAt: iso(p.expiresAt),
      lastRenewedAt: iso(p.lastRenewedAt),
      lastError: p.lastError
        ? {
            at: iso(p.lastError.at),
            errorClass: p.lastError.errorClass,
            code: p.lastError.code,
            ...(p.lastError.status !== undefined ? { status: p.lastError.status } : {}),
            ...(p.lastError.providerMessage ? { providerMessage: p.lastError.providerMessage } : {}),
          }
        : null,
    })),
  };
}

/** The first line is the verdict (what Nagios shows); the rest say which profile and why. */
export function statusLines(report: StatusReport, dataDir: string, texts: CliTexts): string[] {
  const count = (level: ProfileStatus['level']) => report.profiles.filter((p) => p.level === level).length;
  let first: string;
  if (report.level === 'unknown') first = texts.t(report.reason === 'unreadable' ? 'status.unreadable' : 'status.noData', { dir: dataDir });
  else if (report.level === 'critical') first = texts.t('status.critical', { count: count('critical') });
  else if (report.level === 'warning')
    first = count('warning') > 0 ? texts.t('status.warning', { count: count('warning') }) : texts.t('status.warningNotRunning');
  else first = texts.t('status.ok', { count: report.profiles.length });
  const lines = [first];
  if (report.level !== 'unknown' || report.profiles.length > 0) {
    lines.push(
      report.app.running
        ? texts.t('status.running', { host: texts.t(`status.hosts.${report.app.host}`), pid: report.app.pid })
        : texts.t('status.notRunning'),
    );
  }
  for (const p of report.profiles) {
    const mark = p.level === 'ok' ? '✓' : p.level === 'warning' ? '!' : '✗';
    const state = texts.t(`status.states.${p.state}`, { until: p.expiresAt !== null ? texts.time(p.expiresAt) : '' });
    const error =
      p.lastError && p.level !== 'ok'
        ? ` — ${texts.t('status.lastError', { at: texts.time(p.lastError.at), code: p.lastError.code })}`
        : '';
    lines.push(`${mark} ${p.name} (${providerLabel(p.provider, texts)}): ${state}${error}`);
  }
  return lines;
}
