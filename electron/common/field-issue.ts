// A rule an input breaks, as core returns it and the page shows it next to the field. The
// schemas in this folder carry i18n keys (`validation.*`) as their messages; zod's own wording
// for anything else never reaches a user.
import type { z } from 'zod';

export interface FieldIssueView {
  /** Dotted path of the offending input field, e.g. `credentials.posSerial`. */
  path: string;
  /** An i18n key, e.g. `validation.tooLong`. */
  message: string;
  maximum?: number;
}

/** A schema's issues as field issues: our keys kept, anything else `validation.invalid`. */
export function fieldIssuesOf(error: z.ZodError): FieldIssueView[] {
  return error.issues.map((issue) => ({
    path: issue.path.join('.'),
    message: issue.message.startsWith('validation.') ? issue.message : 'validation.invalid',
    ...('maximum' in issue && typeof issue.maximum === 'number' ? { maximum: issue.maximum } : {}),
  }));
}
