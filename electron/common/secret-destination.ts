// Where a profile's stored secrets may be sent: the provider's token endpoint at the address
// the secrets were saved for. Pure (no Node, no Electron) so the wizard decides exactly as core.
//
// The address is the resolved one, not the user's choice: a preset resolves to its catalog URL,
// so switching a preset for a custom URL that spells the same address keeps the secrets, and a
// preset whose catalog URL changes in a new version of Tessera does not. The built-in sandbox
// is the exception: Tessera starts it itself on a loopback port picked anew on every run, so
// binding to its URL would void every sandbox secret at each restart. It is bound to "the
// built-in sandbox of this provider" instead, which no other program can claim (a custom URL
// naming the same loopback port is a different destination: any program may sit there next run).
import type { EnvironmentChoice, ProviderInfo } from './profile-schema';

/** A canonical form of a base URL: scheme and host lower-cased, default port and trailing slashes gone. */
export function canonicalBaseUrl(raw: string): string {
  const trimmed = raw.trim();
  try {
    const url = new URL(trimmed);
    url.hash = '';
    url.search = '';
    return url.href.replace(/\/+$/, '');
  } catch {
    // Never sendable anyway (the schema refuses it); still a destination distinct from any other.
    return `unparsed:${trimmed}`;
  }
}

/**
 * The destination a profile's secrets are bound to, e.g. `factus https://api.factus.com.co`.
 * The provider is part of it: its adapter decides the token path under the base URL.
 */
export function secretDestination(info: Pick<ProviderInfo, 'id' | 'environments'>, environment: EnvironmentChoice): string {
  switch (environment.kind) {
    case 'sandbox':
      return `${info.id} built-in-sandbox`;
    case 'custom':
      return `${info.id} ${canonicalBaseUrl(environment.baseUrl)}`;
    case 'preset': {
      const preset = info.environments.find((e) => e.id === environment.id);
      return preset ? `${info.id} ${canonicalBaseUrl(preset.baseUrl)}` : `${info.id} unknown-preset:${environment.id}`;
    }
  }
}
