// Turns a profile's environment choice into the base URL its adapter calls.
import type { EnvironmentChoice, ProviderInfo } from '#common/profile-schema';

import { ProviderError } from './errors';

/** Base URL of the built-in sandbox for a provider, when the sandbox is running. */
export type SandboxLocator = (providerId: string) => string | undefined;

export function baseUrlFor(environment: EnvironmentChoice, info: ProviderInfo, sandbox?: SandboxLocator): string {
  switch (environment.kind) {
    case 'custom':
      return environment.baseUrl;
    case 'preset': {
      const preset = info.environments.find((e) => e.id === environment.id);
      if (!preset) throw new ProviderError({ errorClass: 'credentials', code: 'unknown_environment' });
      return preset.baseUrl;
    }
    case 'sandbox': {
      const url = sandbox?.(info.id);
      if (!url) throw new ProviderError({ errorClass: 'transient', code: 'sandbox_unavailable' });
      return url;
    }
  }
}
