// Field diagnostics: the last few token-endpoint exchanges of each profile, kept in memory, and
// the report an installer copies for support. Each exchange is redacted when it is recorded;
// a report is redacted again, whole, with every secret the profile holds at that moment.
//
// Memory only, on purpose: response bodies are the provider's words, and a secret Tessera does
// not know as one (a token under an unusual name) could only be masked by its shape. Kept in
// memory, a miss never reaches the disk, a backup or the store file; a restart loses the
// exchanges before it, while the last error itself survives (it is part of the profile).
import { type DiagnosticsView, type ExchangeView, MAX_EXCHANGES } from '#common/diagnostics-view';
import type { EnvironmentChoice } from '#common/profile-schema';
import type { TokenView } from '#common/token-view';

import type { Clock } from '../clock';
import { baseUrlFor, type SandboxLocator } from '../environments';
import { ProviderError, toFailure } from '../errors';
import { findProvider, type ProviderAdapter } from '../providers';
import { redactor } from '../redact';
import type { ProfileRecord } from '../vault/schema';
import type { Vault } from '../vault/vault';
import { observedAdapter, secretsOf, tokenUrls } from './capture';

export interface DiagnosticsOptions {
  clock: Clock;
  vault: Vault;
  sandbox?: SandboxLocator;
  app: Pick<DiagnosticsView, 'version' | 'host' | 'platform'>;
}

/** A failed connection test, with the report of its exchanges (the renderer gets both). */
export class DiagnosedError extends Error {
  constructor(
    readonly error: unknown,
    readonly diagnostics: DiagnosticsView,
  ) {
    super('diagnosed failure');
    this.name = 'DiagnosedError';
  }
}

export class Diagnostics {
  private readonly rings = new Map<string, ExchangeView[]>();
  private readonly since: number;

  constructor(private readonly opts: DiagnosticsOptions) {
    this.since = opts.clock.now();
  }

  /** The adapter a profile renews with, recording into that profile's exchanges. */
  adapterFor(profileId: string, adapter: ProviderAdapter): ProviderAdapter {
    return observedAdapter(adapter, this.opts.clock, (exchange) => this.record(profileId, exchange));
  }

  exchanges(profileId: string): readonly ExchangeView[] {
    return this.rings.get(profileId) ?? [];
  }

  /** The profile was removed: its exchanges go with it. */
  forget(profileId: string): void {
    this.rings.delete(profileId);
  }

  private record(profileId: string, exchange: ExchangeView): void {
    // A profile removed while its request was in flight records nothing.
    if (!this.opts.vault.profile(profileId)) return;
    const ring = this.rings.get(profileId) ?? [];
    ring.push(exchange);
    if (ring.length > MAX_EXCHANGES) ring.splice(0, ring.length - MAX_EXCHANGES);
    this.rings.set(profileId, ring);
  }

  /** The report of a saved profile. */
  async profileReport(record: ProfileRecord, token: TokenView): Promise<DiagnosticsView> {
    const secrets: string[] = [];
    try {
      secrets.push(...secretsOf(await this.opts.vault.credentials(record.id), await this.opts.vault.loadToken(record.id)));
    } catch {
      // A secret that cannot be opened cannot be shown either; each exchange was redacted with it when recorded.
    }
    const view: DiagnosticsView = {
      ...(await this.common(record.provider, record.environment)),
      subject: { kind: 'profile', name: record.name, state: token.state, failures: token.failures },
      ...(token.lastError ? { lastError: token.lastError } : {}),
      exchanges: [...this.exchanges(record.id)],
    };
    return scrub(view, secrets);
  }

  /**
   * Runs a connection test's sign-in with its own recorder. On failure, throws a DiagnosedError
   * carrying the original error and the test's report; a test is no profile and keeps nothing.
   */
  async test<T>(
    subject: { name: string; provider: string; environment: EnvironmentChoice; secrets: readonly string[] },
    run: (observe: (adapter: ProviderAdapter) => ProviderAdapter) => Promise<T>,
  ): Promise<T> {
    const exchanges: ExchangeView[] = [];
    try {
      return await run((adapter) => observedAdapter(adapter, this.opts.clock, (e) => exchanges.push(e)));
    } catch (err) {
      if (!(err instanceof ProviderError)) throw err;
      const view: DiagnosticsView = {
        ...(await this.common(subject.provider, subject.environment)),
        subject: { kind: 'test', name: subject.name },
        lastError: { ...toFailure(err).toView(), at: this.opts.clock.now() },
        exchanges: exchanges.slice(-MAX_EXCHANGES),
      };
      throw new DiagnosedError(err, scrub(view, subject.secrets));
    }
  }

  private async common(providerId: string, environment: EnvironmentChoice) {
    const adapter = findProvider(providerId);
    let urls: Pick<DiagnosticsView, 'tokenUrl' | 'refreshUrl' | 'urlProblem'>;
    try {
      if (!adapter) throw new ProviderError({ errorClass: 'credentials', code: 'unknown_provider' });
      urls = await tokenUrls(adapter, baseUrlFor(environment, adapter.info, this.opts.sandbox), this.opts.clock);
    } catch (err) {
      urls = { urlProblem: toFailure(err).code };
    }
    return {
      generatedAt: this.opts.clock.now(),
      ...this.opts.app,
      provider: providerId,
      environment,
      ...urls,
      recordedSince: this.since,
    };
  }
}

/** Every string in the view, redacted once more with the secrets known now. */
function scrub<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  const redact = redactor(secrets);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redact(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, inner]) => [k, walk(inner)]));
    return v;
  };
  return walk(value) as T;
}
