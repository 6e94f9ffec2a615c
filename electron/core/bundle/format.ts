// The document inside a bundle, once decrypted: versioned JSON, validated with zod on the way in.
// Version 1 holds each profile's provider, environment, plain fields and (unless it is a template)
// its secrets. Never tokens, history, access keys, token files or this terminal's POS identity.
import { z } from 'zod';

import { MAX_BUNDLE_PROFILES, PER_TERMINAL_FIELDS } from '#common/bundle-view';
import { PLAIN_FIELDS, type PlainField, SECRET_FIELDS } from '#common/profile-schema';

import { BundleError } from './errors';

export const BUNDLE_KIND = 'tessera-profiles';
export const BUNDLE_VERSION = 1;

/** Plain fields a bundle carries: all but the per-terminal ones. */
export const SHARED_PLAIN_FIELDS = PLAIN_FIELDS.filter(
  (f): f is Exclude<PlainField, (typeof PER_TERMINAL_FIELDS)[number]> => !(PER_TERMINAL_FIELDS as readonly string[]).includes(f),
);

const text = (max: number) => z.string().max(max);

const environment = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('preset'), id: text(100) }),
  z.strictObject({ kind: z.literal('sandbox') }),
  z.strictObject({ kind: z.literal('custom'), baseUrl: text(4096) }),
]);

export const bundleProfileSchema = z.strictObject({
  name: text(200).min(1),
  provider: text(40).min(1),
  environment,
  fields: z.partialRecord(z.enum(SHARED_PLAIN_FIELDS), text(4096)),
  secrets: z.partialRecord(z.enum(SECRET_FIELDS), text(4096)).optional(),
});
export type BundleProfile = z.infer<typeof bundleProfileSchema>;

export const bundleSchema = z
  .strictObject({
    kind: z.literal(BUNDLE_KIND),
    version: z.literal(BUNDLE_VERSION),
    createdAt: z.iso.datetime(),
    app: z.strictObject({ name: z.literal('Tessera'), version: text(40) }),
    /** false: a template, whose secrets the importer types. */
    withSecrets: z.boolean(),
    profiles: z.array(bundleProfileSchema).min(1).max(MAX_BUNDLE_PROFILES),
  })
  .superRefine((doc, ctx) => {
    const names = new Set<string>();
    doc.profiles.forEach((p, i) => {
      if (!doc.withSecrets && p.secrets !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['profiles', i, 'secrets'], message: 'a template carries no secrets' });
      }
      const key = p.name.trim().toLocaleLowerCase();
      if (names.has(key)) ctx.addIssue({ code: 'custom', path: ['profiles', i, 'name'], message: 'two profiles with one name' });
      names.add(key);
    });
  });
export type BundleDocument = z.infer<typeof bundleSchema>;

/** Only what tells the version apart, so a newer bundle is named as such instead of "invalid". */
const envelopeSchema = z.looseObject({ kind: z.literal(BUNDLE_KIND), version: z.number().int().positive() });

/** The JSON text a bundle encrypts. */
export function encodeDocument(doc: BundleDocument): string {
  return JSON.stringify(doc);
}

/** Parses and validates a decrypted bundle; refuses anything else with a BundleError. */
export function decodeDocument(textContent: string): BundleDocument {
  let raw: unknown;
  try {
    raw = JSON.parse(textContent);
  } catch {
    throw new BundleError('not_bundle');
  }
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success) throw new BundleError('not_bundle');
  if (envelope.data.version > BUNDLE_VERSION) throw new BundleError('newer_version', { version: envelope.data.version });
  const doc = bundleSchema.safeParse(raw);
  if (!doc.success) throw new BundleError('invalid');
  return doc.data;
}
