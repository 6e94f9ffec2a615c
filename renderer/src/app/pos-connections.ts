// The rules behind Settings → POS connections and a profile's token file, kept out of the
// components so they can be tested in Node: the service's status line, the curl example, the
// port and margin checks (core's own schemas), and which text each field issue core returns is shown with.
import type { z } from 'zod';

import type { AccessKeyView, FieldIssueView, ProfileView, ServiceStatus } from '../bridge/types';
import type { MessageKey } from '../i18n/keys';
import { type FieldIssue, issueText } from './draft';
import type { Translate } from './explain';

export type ServiceState = 'running' | 'off' | 'port_in_use' | 'failed';

export interface ServiceLine {
  state: ServiceState;
  key: MessageKey;
  values: Record<string, string | number>;
}

/**
 * The loopback addresses another program holds on the service's port, as a POS developer
 * would type them (127.0.0.1, [::1]); undefined when none is.
 */
export function heldAddresses(status: ServiceStatus): string | undefined {
  if (status.error !== 'port_in_use') return undefined;
  const held = status.held ?? [];
  return held.length > 0 ? held.map((a) => (a.includes(':') ? `[${a}]` : a)).join(', ') : '127.0.0.1';
}

/** What the status line says: running at its URL, off until a key exists, or why it failed. */
export function describeService(status: ServiceStatus): ServiceLine {
  const held = heldAddresses(status);
  // Another program holds the port, on every loopback or on one of them: POS programs may be
  // talking to it, and Tessera keeps trying to take it.
  if (held !== undefined && status.running) {
    return {
      state: 'port_in_use',
      key: 'hostHealth.service.runningPartly',
      values: { url: serviceOrigin(status), port: status.port, addresses: held },
    };
  }
  if (held !== undefined) return { state: 'port_in_use', key: 'hostHealth.service.portHeld', values: { port: status.port } };
  if (status.running) return { state: 'running', key: 'posConnections.status.running', values: { url: serviceOrigin(status) } };
  if (status.error) return { state: 'failed', key: 'posConnections.status.failed', values: { port: status.port } };
  return { state: 'off', key: 'posConnections.status.off', values: {} };
}

/** Where POS programs reach the service: its URL while running, else where it would listen. */
export function serviceOrigin(status: ServiceStatus): string {
  return status.url ?? `http://127.0.0.1:${status.port}`;
}

/**
 * A profile name as one path segment that is also safe unquoted in a shell: encodeURIComponent
 * leaves ! ' ( ) * alone, and a shell would trip over `Caja 1 (mostrador)`.
 */
export function encodeProfileName(name: string): string {
  return encodeURIComponent(name).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The profile a new key's example asks for: the first one the key may read, if any. */
export function exampleProfileName(
  profiles: readonly Pick<ProfileView, 'id' | 'name'>[],
  allowed: readonly string[] | null,
): string | undefined {
  return profiles.find((p) => allowed === null || allowed.includes(p.id))?.name;
}

/** A ready-to-paste request for a token (or, with no profile to name, for the list). */
export function curlExample(key: string, origin: string, profileName?: string): string {
  const path = profileName === undefined ? '/v1/profiles' : `/v1/profiles/${encodeProfileName(profileName)}/token`;
  return `curl -H "Authorization: Bearer ${key}" ${origin}${path}`;
}

/** The names of the profiles a key is limited to (null: every profile), in dashboard order. */
export function keyProfileNames(
  key: Pick<AccessKeyView, 'profiles'>,
  profiles: readonly Pick<ProfileView, 'id' | 'name'>[],
): string[] | null {
  if (key.profiles === null) return null;
  const allowed = key.profiles;
  return profiles.filter((p) => allowed.includes(p.id)).map((p) => p.name);
}

/** A whole number typed in a field, checked with core's own rule for it (#common/settings). */
export function parseWholeNumber(text: string, rule: z.ZodType<number>): { ok: true; value: number } | { ok: false; issue: FieldIssue } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, issue: { message: 'validation.required' } };
  // Digits only: Number() would also take `1e4`, `0x1F90` and `7478.0`.
  const checked = rule.safeParse(/^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN);
  if (checked.success) return { ok: true, value: checked.data };
  return { ok: false, issue: { message: checked.error.issues[0]?.message ?? 'validation.invalid' } };
}

/** Issues core returned, by path (the first of each path wins); paths not asked for are dropped. */
export function issuesByPath<P extends string>(
  views: readonly FieldIssueView[] | undefined,
  paths: readonly P[],
): Partial<Record<P, FieldIssue>> {
  const out: Partial<Record<P, FieldIssue>> = {};
  for (const view of views ?? []) {
    const path = view.path as P;
    if (!paths.includes(path) || out[path]) continue;
    out[path] = { message: view.message, ...(view.maximum !== undefined ? { maximum: view.maximum } : {}) };
  }
  return out;
}

/**
 * An issue in words. `overrides` rewords a generic key where the field says more (a taken key
 * name is not "another profile"); an unknown key reads as "not valid" rather than as a key.
 */
export function issueMessage(issue: FieldIssue, t: Translate, overrides: Readonly<Record<string, MessageKey>> = {}): string {
  const { key, values } = issueText(issue);
  const wanted = overrides[key] ?? key;
  const text = t(wanted, values);
  return text === wanted ? t('validation.invalid') : text;
}

/** How an access key's name issues are worded. */
export const KEY_NAME_WORDING: Readonly<Record<string, MessageKey>> = { 'validation.nameTaken': 'posConnections.keyNameTaken' };
