// A refused bundle: a stable reason and the few details a message needs. Never a secret, never
// the passphrase, never a library's own message (it could quote input).
import type { BundleErrorView, BundleRefusal } from '#common/bundle-view';

export class BundleError extends Error {
  constructor(
    readonly reason: BundleRefusal,
    readonly details: Omit<BundleErrorView, 'reason'> = {},
  ) {
    super(`bundle refused: ${reason}`);
    this.name = 'BundleError';
  }

  toView(): BundleErrorView {
    return { reason: this.reason, ...this.details };
  }
}
