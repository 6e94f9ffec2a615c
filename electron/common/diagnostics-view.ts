// Field diagnostics as they cross the contract: the last token-endpoint exchanges of a profile
// (or of one "Test connection"), with what an installer needs to show support. Secret-free:
// every text in here was redacted in core before it was made.
import type { FailureView } from './failure';
import type { EnvironmentChoice } from './profile-schema';
import type { TimedFailure, TokenState } from './token-view';

/** How many exchanges are kept per profile. */
export const MAX_EXCHANGES = 5;

/** The response headers worth showing support; no other header is kept. */
export const DIAGNOSTIC_HEADERS = ['content-type', 'www-authenticate', 'retry-after', 'date'] as const;
export type DiagnosticHeader = (typeof DIAGNOSTIC_HEADERS)[number];

/** One request to a token endpoint and what came of it. */
export interface ExchangeView {
  /** When it was sent (epoch ms). */
  at: number;
  phase: 'login' | 'refresh';
  method: string;
  /** The address called, without query string or fragment. */
  url: string;
  /** The HTTP status; absent when no answer came (network failure, timeout). */
  status?: number;
  /** From sending to the end of the answer (or the failure), in ms. */
  ms: number;
  headers: Partial<Record<DiagnosticHeader, string>>;
  /** The response body, redacted and shortened; absent without an answer. */
  body?: string;
  /** The body's length before it was shortened, when it was. */
  bodyLength?: number;
  /** What Tessera made of it; absent when it yielded a token. */
  failure?: FailureView;
}

/** A report's subject: a saved profile, or a test sign-in with values typed in the wizard. */
export type DiagnosticsSubject = { kind: 'profile'; name: string; state: TokenState; failures: number } | { kind: 'test'; name: string };

export interface DiagnosticsView {
  generatedAt: number;
  version: string;
  host: 'electron' | 'browser';
  platform: string;
  subject: DiagnosticsSubject;
  provider: string;
  environment: EnvironmentChoice;
  /** Where the adapter sends a login and (for providers with one) a refresh; absent when unknown. */
  tokenUrl?: string;
  refreshUrl?: string;
  /** Why the address could not be worked out (e.g. `sandbox_unavailable`). */
  urlProblem?: string;
  /** The profile's last error (for a test: the test's failure). */
  lastError?: TimedFailure;
  /** Oldest first, at most MAX_EXCHANGES. */
  exchanges: ExchangeView[];
  /** Exchanges are kept in memory only, since this moment (this run of Tessera). */
  recordedSince: number;
}
