// The provider registry. A new provider is one file in this folder plus one line here.
import type { ProviderInfo } from '#common/profile-schema';

import { ereceipt } from './ereceipt';
import { factus } from './factus';
import { invoisys } from './invoisys';
import { multinexo } from './multinexo';
import { onapi } from './onapi';
import type { ProviderAdapter } from './types';

// Keyed by the id in each adapter's catalog entry (the sandbox test checks they agree), so the
// ids are a type the simulators and tests can be exhaustive over.
const ADAPTERS = { ereceipt, onapi, multinexo, factus, invoisys } as const satisfies Record<string, ProviderAdapter>;

export type ProviderId = keyof typeof ADAPTERS;
export const PROVIDER_IDS = Object.keys(ADAPTERS) as readonly ProviderId[];
export const PROVIDERS: readonly ProviderAdapter[] = Object.values(ADAPTERS);

export function findProvider(id: string): ProviderAdapter | undefined {
  return PROVIDERS.find((p) => p.info.id === id);
}

export function providerCatalog(): ProviderInfo[] {
  return PROVIDERS.map((p) => p.info);
}

export type { Identity, ProviderAdapter, RequestContext, SignInTarget, TokenGrant } from './types';
