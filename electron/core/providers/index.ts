// The provider registry. A new provider is one file in this folder plus one line here.
import { ereceipt } from './ereceipt';
import { factus } from './factus';
import { invoisys } from './invoisys';
import { multinexo } from './multinexo';
import { onapi } from './onapi';
import type { ProviderAdapter } from './types';
import type { ProviderInfo } from '#common/profile-schema';

export const PROVIDERS: readonly ProviderAdapter[] = [ereceipt, onapi, multinexo, factus, invoisys];

export function findProvider(id: string): ProviderAdapter | undefined {
  return PROVIDERS.find((p) => p.info.id === id);
}

export function providerCatalog(): ProviderInfo[] {
  return PROVIDERS.map((p) => p.info);
}

export type { ProviderAdapter, TokenGrant, Identity, RequestContext, SignInTarget } from './types';
