// A small JSON control API over a running sandbox, for the dev-only browser host and the
// end-to-end tests. Kept apart so release builds can leave it out: it has no authentication.
import type { IncomingMessage, ServerResponse } from 'node:http';

import { z } from 'zod';

import { type CredentialField, FIELD_ORDER } from '#common/profile-schema';

import {
  type Fault,
  isSimulatedProviderId,
  type JsonValue,
  LIFETIME_UNITS,
  type Sandbox,
  type Simulator,
  type SimulatorConfigPatch,
  type SimulatorLogEntry,
} from './types';

export const SANDBOX_CONTROL_PREFIX = '/__sandbox/';
const MAX_BODY_BYTES = 256 * 1024;

/** Header and body fields whose values the log view masks: the log may hold real credentials. */
const SECRET_NAMES = new Set([
  'authorization',
  'presharedkey',
  'password',
  'client_secret',
  'clientsecret',
  'refresh_token',
  'refreshtoken',
  'access_token',
  'token',
]);

const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);
const jsonObject = z.record(z.string(), jsonValue);
const httpStatus = z.number().int().min(100).max(599);
const CONFIG_KEYS = [
  'lifetimeSeconds',
  'jwtExpSeconds',
  'latencyMs',
  'rotateRefreshTokens',
  'lifetimeOverride',
  'lifetimeUnit',
  'tokenFormat',
  'unusableSuccess',
  'optionalPosHeaders',
  'invalidClient',
  'tagsClaim',
  'tokenApi',
] as const;

const configureInput = z.strictObject({
  lifetimeSeconds: z.number().positive().finite().optional(),
  jwtExpSeconds: z.number().finite().optional(),
  latencyMs: z.number().min(0).max(600_000).optional(),
  rotateRefreshTokens: z.boolean().optional(),
  // JSON null is a value to send here, so clearing the override goes through `unset`.
  lifetimeOverride: jsonValue.optional(),
  // How the live services are reported to behave (see SimulatorConfig); a provider that does
  // not know a switch refuses it.
  lifetimeUnit: z.enum(LIFETIME_UNITS).optional(),
  tokenFormat: z.enum(['jwt', 'opaque']).optional(),
  unusableSuccess: z.enum(['html', 'no-token']).optional(),
  optionalPosHeaders: z.boolean().optional(),
  invalidClient: z.boolean().optional(),
  tagsClaim: z.string().min(1).max(64).nullable().optional(),
  tokenApi: z.enum(['2.0', '3.0']).optional(),
  /** Keys to put back to the provider's default. */
  unset: z.array(z.enum(CONFIG_KEYS)).optional(),
});

const faultInput: z.ZodType<Fault> = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('error'),
    status: httpStatus,
    body: jsonObject.optional(),
    headers: z.record(z.string(), z.string()).optional(),
  }),
  z.strictObject({ kind: z.literal('html'), status: httpStatus }),
  z.strictObject({ kind: z.literal('hang') }),
  z.strictObject({ kind: z.literal('trickle') }),
  z.strictObject({ kind: z.literal('reset') }),
  z.strictObject({ kind: z.literal('truncated') }),
  z.strictObject({ kind: z.literal('raw'), status: httpStatus, body: z.string(), contentType: z.string().min(1) }),
]);
const failNextInput = z.strictObject({ count: z.number().int().min(1).max(1000).default(1), fault: faultInput });

const accountInput = z.strictObject({
  credentials: z.partialRecord(z.enum([...FIELD_ORDER] as [CredentialField, ...CredentialField[]]), z.string()),
  extras: z
    .strictObject({
      taxpayerRin: z.string().optional(),
      taxpayerName: z.string().optional(),
      tags: z.array(z.string()).optional(),
      scopes: z.array(z.string()).optional(),
      grantTypes: z.array(z.string()).optional(),
      firstName: z.string().optional(),
      lastName: z.string().optional(),
      uid: z.string().optional(),
    })
    .optional(),
});
const accountsInput = z.strictObject({
  accounts: z.array(accountInput).max(1000),
  /** `replace` (the default) swaps the whole list; `add` appends. */
  mode: z.enum(['replace', 'add']).default('replace'),
});

class ControlError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly issues?: unknown,
  ) {
    super(code);
  }
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) return reject(new ControlError(413, 'too_large'));
      const text = Buffer.concat(chunks).toString('utf8').trim();
      try {
        resolve(text ? (JSON.parse(text) as unknown) : {});
      } catch {
        reject(new ControlError(400, 'not_json'));
      }
    });
  });
}

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new ControlError(
      400,
      'invalid_input',
      result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  return result.data;
}

function maskSecrets(entry: SimulatorLogEntry): SimulatorLogEntry {
  const mask = (record: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(record).map(([k, v]) => [k, SECRET_NAMES.has(k.toLowerCase()) ? '[secret]' : v]));
  return {
    ...entry,
    headers: mask(entry.headers) as Record<string, string>,
    body: entry.body && typeof entry.body === 'object' ? mask(entry.body) : entry.body === null ? null : '[raw body]',
  };
}

async function runAction(simulator: Simulator, action: string, req: IncomingMessage): Promise<unknown> {
  const method = req.method ?? '';
  const expect = (wanted: 'GET' | 'POST') => {
    if (method !== wanted) throw new ControlError(405, 'method_not_allowed');
  };
  switch (action) {
    case 'configure': {
      expect('POST');
      const { unset, ...values } = parse(configureInput, await readJson(req));
      const patch: SimulatorConfigPatch = { ...values };
      for (const key of unset ?? []) patch[key] = undefined;
      try {
        simulator.configure(patch);
      } catch (err) {
        throw new ControlError(400, 'invalid_input', err instanceof Error ? err.message : undefined);
      }
      return { ok: true, config: simulator.config };
    }
    case 'fail-next': {
      expect('POST');
      const { count, fault } = parse(failNextInput, await readJson(req));
      simulator.failNext(count, fault);
      return { ok: true };
    }
    case 'revoke-refresh-tokens':
      expect('POST');
      simulator.revokeRefreshTokens();
      return { ok: true };
    case 'accounts': {
      expect('POST');
      const { accounts, mode } = parse(accountsInput, await readJson(req));
      if (mode === 'replace') simulator.setAccounts(accounts);
      else for (const a of accounts) simulator.addAccount(a.credentials, a.extras);
      return { ok: true };
    }
    case 'reset':
      expect('POST');
      simulator.reset();
      return { ok: true };
    case 'stats':
      expect('GET');
      return simulator.stats();
    case 'log':
      expect('GET');
      return { entries: simulator.log.map(maskSecrets) };
    default:
      throw new ControlError(404, 'unknown_action');
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

/**
 * Serves `/__sandbox/<provider>/<action>` for a host that mounts it; returns false, having
 * touched nothing, for any other path so the host can route it elsewhere.
 */
export function handleSandboxControl(sandbox: Sandbox, req: IncomingMessage, res: ServerResponse): boolean {
  const path = (req.url ?? '').split('?')[0] ?? '';
  if (!path.startsWith(SANDBOX_CONTROL_PREFIX)) return false;
  const [providerId = '', action = '', ...rest] = path.slice(SANDBOX_CONTROL_PREFIX.length).split('/');
  const respond = async () => {
    if (!isSimulatedProviderId(providerId)) throw new ControlError(404, 'unknown_provider');
    if (rest.length > 0) throw new ControlError(404, 'unknown_action');
    return runAction(sandbox.simulators[providerId], action, req);
  };
  respond().then(
    (body) => sendJson(res, 200, body),
    (err: unknown) => {
      req.resume();
      if (err instanceof ControlError) {
        sendJson(res, err.status, { error: err.code, ...(err.issues !== undefined ? { issues: err.issues } : {}) });
      } else sendJson(res, 500, { error: 'internal' });
    },
  );
  return true;
}
