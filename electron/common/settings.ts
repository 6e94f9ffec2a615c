// The app's settings and their limits, written once: the vault keeps them, core refuses a change
// outside them, and the settings screen checks what is typed against the same schema. Messages
// are i18n keys (`validation.*`), as in profile-schema.
import { z } from 'zod';

import { LANGUAGES } from './language';

/** Above the ports only an administrator may open, within TCP's. Every failure reads `validation.port`. */
export const servicePortSchema = z
  .number({ error: 'validation.port' })
  .int({ error: 'validation.port' })
  .min(1024, { error: 'validation.port' })
  .max(65535, { error: 'validation.port' });

/** At most an hour. Every failure reads `validation.margin`. */
export const tokenMarginSchema = z
  .number({ error: 'validation.margin' })
  .int({ error: 'validation.margin' })
  .min(0, { error: 'validation.margin' })
  .max(3600, { error: 'validation.margin' });

export const settingsSchema = z.object({
  /** null: follow the operating system's language. */
  language: z.enum(LANGUAGES).nullable(),
  startAtLogin: z.boolean(),
  /** The local token service's port on 127.0.0.1. */
  servicePort: servicePortSchema,
  /** Tokens handed to POS software are valid for at least this many seconds. */
  tokenMarginSeconds: tokenMarginSchema,
});
export type Settings = z.infer<typeof settingsSchema>;

/** A change to some settings: each field given is held to its rule. */
export const settingsPatchSchema = settingsSchema.partial();

export const DEFAULT_SETTINGS: Readonly<Settings> = {
  language: null,
  startAtLogin: false,
  servicePort: 7478,
  tokenMarginSeconds: 60,
};
