// A classified failure of a token request. Everything on it is secret-free by construction:
// provider messages and excerpts are redacted before a ProviderError is made.
import type { FailureView } from '#common/failure';
import type { ErrorClass, SecretField } from '#common/profile-schema';

export class ProviderError extends Error implements FailureView {
  readonly errorClass: ErrorClass;
  readonly code: string;
  readonly providerMessage?: string;
  readonly excerpt?: string;
  readonly status?: number;
  readonly fields?: SecretField[];
  /** How long the provider asked us to wait (Retry-After), in ms. */
  readonly retryAfterMs?: number;

  constructor(view: FailureView & { retryAfterMs?: number }) {
    super(`${view.errorClass}: ${view.code}${view.status ? ` (HTTP ${view.status})` : ''}`);
    this.name = 'ProviderError';
    this.errorClass = view.errorClass;
    this.code = view.code;
    this.providerMessage = view.providerMessage;
    this.excerpt = view.excerpt;
    this.status = view.status;
    this.fields = view.fields;
    this.retryAfterMs = view.retryAfterMs;
  }

  toView(): FailureView {
    return {
      errorClass: this.errorClass,
      code: this.code,
      ...(this.providerMessage ? { providerMessage: this.providerMessage } : {}),
      ...(this.excerpt ? { excerpt: this.excerpt } : {}),
      ...(this.status ? { status: this.status } : {}),
      ...(this.fields?.length ? { fields: [...this.fields] } : {}),
    };
  }
}

/** Anything thrown below core's public surface, turned into a secret-free failure. */
export function toFailure(err: unknown): ProviderError {
  if (err instanceof ProviderError) return err;
  return new ProviderError({ errorClass: 'protocol', code: 'internal' });
}
