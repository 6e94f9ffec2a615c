// Who may call each contract method while the installer lock is closed. One table, typed over
// every method of the contract: a method added without a row here does not compile.
//
// 'cashier': allowed locked. The dashboard and everything it reads, refreshing, the language,
// and the lock's own door (unlock, lock, "Forgot the PIN?").
// 'installer': refused with `locked` until the PIN is typed: anything that changes what is
// signed in to, where tokens go, who may read them, or the lock itself.
// A method whose input mixes both names a role per field; a call needs the highest role among
// the fields it carries, so "language" stays a cashier's while "port" asks for the PIN.
import type { z } from 'zod';

import type { Contract, Method } from '#common/contract';

export type Role = 'cashier' | 'installer';

type FieldsOf<M extends Method> = keyof NonNullable<z.input<Contract[M]['input']>>;

/** A role for the whole method, or one per input field (every field, so none is forgotten). */
export type MethodPolicy<M extends Method> = Role | { byField: { readonly [F in FieldsOf<M>]-?: Role } };

export const METHOD_POLICY: { readonly [M in Method]: MethodPolicy<M> } = {
  // What the dashboard and Settings need to show anything at all.
  getAppInfo: 'cashier',
  getCatalog: 'cashier',
  listProfiles: 'cashier',
  getHistory: 'cashier',
  getSettings: 'cashier',
  getServiceStatus: 'cashier',
  // A cashier's two buttons.
  refreshToken: 'cashier',
  refreshAll: 'cashier',
  // Read-only, secret-free: an installer on the phone with support asks the cashier for it.
  getDiagnostics: 'cashier',
  updateSettings: {
    byField: { language: 'cashier', startAtLogin: 'installer', servicePort: 'installer', tokenMarginSeconds: 'installer' },
  },
  // Profiles: what signs in where, with which secrets.
  createProfile: 'installer',
  updateProfile: 'installer',
  removeProfile: 'installer',
  // A real sign-in with typed (or stored) secrets to a typed address.
  testConnection: 'installer',
  // Who may read tokens, and where they are written.
  listAccessKeys: 'installer',
  createAccessKey: 'installer',
  revokeAccessKey: 'installer',
  setFileSink: 'installer',
  chooseTokenFile: 'installer',
  // Profile bundles carry (or take in) every profile's configuration and secrets.
  exportProfiles: 'installer',
  openBundleFile: 'installer',
  previewImport: 'installer',
  importProfiles: 'installer',
  // Only forgets a file or decrypted bundle held for an import: when the unlock runs out while
  // the dialog is open, closing it must still free what core holds.
  closeImport: 'cashier',
  // The lock itself: anyone may look at it, close it or try the PIN (which backs off); changing
  // the PIN needs it open and the current PIN; forgetting it costs every secret.
  getLockState: 'cashier',
  unlock: 'cashier',
  lock: 'cashier',
  setInstallerPin: 'installer',
  resetInstallerPin: 'cashier',
};

/**
 * The role a call needs, decided from the raw input before it is parsed, so a locked call is
 * refused whatever it carries. A field counts when present with a value; input that is not an
 * object cannot carry a field (and will not parse).
 */
export function requiredRole(method: Method, input: unknown): Role {
  const policy: MethodPolicy<Method> = METHOD_POLICY[method];
  if (typeof policy === 'string') return policy;
  if (!input || typeof input !== 'object') return 'cashier';
  for (const [field, role] of Object.entries<Role>(policy.byField)) {
    if (role === 'installer' && Object.hasOwn(input, field) && (input as Record<string, unknown>)[field] !== undefined) return 'installer';
  }
  return 'cashier';
}
