// A classified failure as it crosses the contract. Secret-free by construction: provider
// messages and excerpts are redacted in core before one is made.
import type { ErrorClass, SecretField } from './profile-schema';

export interface FailureView {
  errorClass: ErrorClass;
  /** The provider's error code (`invalid_presharedkey`) or one of ours (`network`, `http_503`). */
  code: string;
  /** The provider's own words (`error_description` / `message`), redacted and shortened. */
  providerMessage?: string;
  /** For unexpected responses: a short, redacted excerpt of what came back. */
  excerpt?: string;
  status?: number;
  /** For `secret_dropped`: the stored secrets that could not be read and must be typed again. */
  fields?: SecretField[];
}
