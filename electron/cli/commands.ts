// The four commands: export, import, status, refresh. Each answers an exit code and prints its
// result (human lines, or one JSON document with --json); refusals are CliFailures, printed by
// the program as one line on stderr. Nothing here parses arguments: program.ts does (commander).
import { resolve } from 'node:path';

import type { PER_TERMINAL_FIELDS } from '#common/bundle-view';
import { type ClashAction, MIN_PASSPHRASE_LENGTH } from '#common/bundle-view';
import { isKeyOf } from '#common/message-keys';
import { type CredentialField, type CredentialValues, isSecretField, profileSchemaFor } from '#common/profile-schema';

import {
  checkExportPassphrase,
  exportBundle,
  type ImportChoice,
  needsOf,
  outcomes,
  planImport,
  previewProfiles,
  readBundle,
} from '../core/bundle/bundle';
import { BundleError } from '../core/bundle/errors';
import type { BundleDocument } from '../core/bundle/format';
import { readBundleFile, writeBundleFile } from '../core/bundle/transfers';
import { systemClock } from '../core/clock';
import { lockHolder } from '../core/data-lock';
import { silentLogger } from '../core/logger';
import { findProvider } from '../core/providers';
import { readStoreFile, statusReport } from '../core/status-report';
import { type FieldIssue, Vault, VaultError } from '../core/vault/vault';
import { CliFailure, type CliHost, type CliIo, EXIT } from './host';
import { readPassphrase } from './passphrase';
import { isValid, JSON_SCHEMA, signInJson, signInLines, type SignInResult, statusJson, statusLines } from './report';
import { refuseIfHeld, withFolder } from './session';
import type { CliTexts } from './texts';
import { en } from './texts/en';

export interface CommandContext {
  host: CliHost;
  io: CliIo;
  texts: CliTexts;
  json: boolean;
}

const catalog = (id: string) => findProvider(id)?.info;
const now = (ctx: CommandContext) => (ctx.io.clock ?? systemClock).now();

function print(ctx: CommandContext, lines: string[]): void {
  if (lines.length > 0) ctx.io.stdout.write(`${lines.join('\n')}\n`);
}

function printJson(ctx: CommandContext, value: unknown): void {
  ctx.io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** The store must be there and sound; a command never repairs it (the app does, keeping a copy). */
function requireStore(dir: string, texts: CliTexts) {
  const store = readStoreFile(dir);
  if (store.kind === 'missing') throw new CliFailure(EXIT.failed, 'no-data', texts.t('errors.noData', { dir }));
  if (store.kind === 'unreadable' || store.doc.profiles.some((p) => !catalog(p.provider))) {
    throw new CliFailure(EXIT.failed, 'store-unreadable', texts.t('errors.storeUnreadable', { dir }));
  }
  if (store.doc.profiles.length === 0) throw new CliFailure(EXIT.failed, 'no-data', texts.t('errors.noData', { dir }));
  return store.doc;
}

function bundleFailure(err: unknown, file: string, texts: CliTexts): never {
  if (err instanceof BundleError) {
    const view = err.toView();
    const values = {
      file,
      version: view.version,
      profile: view.profile,
      min: MIN_PASSPHRASE_LENGTH,
      field: view.field ? fieldName(view.field, texts) : '',
      problem: view.message ? problem(view.message, texts) : '',
    };
    throw new CliFailure(EXIT.failed, `bundle.${view.reason}`, texts.t(`errors.bundle.${view.reason}`, values));
  }
  throw err;
}

function fieldName(path: string, texts: CliTexts): string {
  const field = path.split('.').at(-1) ?? path;
  return isKeyOf(en.fields, field) ? texts.t(`fields.${field}`) : field;
}

function problem(message: string, texts: CliTexts): string {
  const name = message.replace(/^validation\./, '');
  return texts.t(isKeyOf(en.problems, name) ? `problems.${name}` : 'problems.invalid');
}

// ---- export ----------------------------------------------------------------------------------

export interface ExportArgs {
  dataDir: string;
  out: string;
  passphraseFile: string;
  profiles?: string[];
  withoutSecrets: boolean;
}

export async function exportCommand(args: ExportArgs, ctx: CommandContext): Promise<number> {
  const { texts, host, io } = ctx;
  const dir = args.dataDir;
  const doc = requireStore(dir, texts);
  let ids = doc.profiles.map((p) => p.id);
  if (args.profiles) {
    ids = args.profiles.map((name) => {
      const wanted = name.trim().toLocaleLowerCase();
      const found = doc.profiles.find((p) => p.name.toLocaleLowerCase() === wanted);
      if (!found) throw new CliFailure(EXIT.failed, 'unknown-profile', texts.t('errors.unknownProfile', { name: name.trim(), dir }));
      return found.id;
    });
  }
  const passphrase = await readPassphrase(args.passphraseFile, io, texts);
  try {
    checkExportPassphrase(passphrase);
  } catch {
    throw new CliFailure(EXIT.failed, 'passphrase-short', texts.t('errors.passphraseShort', { min: MIN_PASSPHRASE_LENGTH }));
  }
  // Read-only: export may run while the app holds the folder, so it must never write the store.
  const inner = host.store(dir);
  const vault = Vault.open({
    store: {
      path: inner.path,
      read: () => inner.read(),
      write: () => {
        throw new Error('export never writes the store');
      },
    },
    box: host.box(dir),
    catalog,
    clock: io.clock ?? systemClock,
    logger: silentLogger,
  });
  const outPath = resolve(io.cwd, args.out);
  let bundle: { bytes: Uint8Array; profiles: number };
  try {
    bundle = await exportBundle(vault, {
      ids,
      withSecrets: !args.withoutSecrets,
      passphrase,
      appVersion: host.appVersion,
      now: now(ctx),
      workFactor: host.workFactor,
    });
  } catch (err) {
    bundleFailure(err, args.out, texts);
  }
  try {
    writeBundleFile(outPath, bundle.bytes);
  } catch {
    throw new CliFailure(EXIT.failed, 'out-file', texts.t('errors.outFile', { file: args.out }));
  }
  const names = vault
    .profiles()
    .filter((p) => ids.includes(p.id))
    .map((p) => p.name);
  if (ctx.json)
    printJson(ctx, {
      schema: JSON_SCHEMA,
      command: 'export',
      ok: true,
      exitCode: EXIT.ok,
      file: outPath,
      withSecrets: !args.withoutSecrets,
      profiles: names,
    });
  else print(ctx, [texts.t(args.withoutSecrets ? 'export.template' : 'export.done', { count: bundle.profiles, file: args.out })]);
  return EXIT.ok;
}

// ---- import ----------------------------------------------------------------------------------

export interface ImportArgs {
  dataDir: string;
  in: string;
  passphraseFile: string;
  set: Partial<Record<(typeof PER_TERMINAL_FIELDS)[number], string>>;
  onClash?: Exclude<ClashAction, 'import'>;
}

export async function importCommand(args: ImportArgs, ctx: CommandContext): Promise<number> {
  const { texts, host, io } = ctx;
  const dir = args.dataDir;
  // Refused before the passphrase is read or the bundle opened.
  refuseIfHeld(dir, texts);
  const passphrase = await readPassphrase(args.passphraseFile, io, texts);
  let doc: BundleDocument;
  try {
    doc = await readBundle(readBundleFile(resolve(io.cwd, args.in)), passphrase, catalog);
  } catch (err) {
    bundleFailure(err, args.in, texts);
  }
  const terminal: CredentialValues = { posOsVersion: host.osVersion(), ...args.set };
  // Everything that does not depend on what is in the folder is checked before it is touched.
  checkValues(doc, terminal, args.onClash === 'replace', texts);

  return withFolder(dir, host, io, texts, async (session) => {
    const preview = previewProfiles(session.vault, doc, catalog);
    const choices: ImportChoice[] = preview.map((p) => ({
      index: p.index,
      action: p.clash ? (args.onClash ?? 'import') : 'import',
      values: Object.fromEntries(p.needs.filter((f) => terminal[f] !== undefined).map((f) => [f, terminal[f]])),
    }));
    let done;
    try {
      const planned = planImport(session.vault, doc, choices, catalog);
      const result = await session.vault.applyBatch(planned.batch);
      done = { planned, result, list: outcomes(planned, result) };
    } catch (err) {
      throw importFailure(err, doc, dir, texts);
    }
    for (const id of done.result.removed) session.engine.untrack(id);
    const created = new Set(done.result.created.map((r) => r.id));
    const updated = new Map(done.result.updated.map((u) => [u.record.id, u.signInChanged]));
    const toSignIn = done.list.filter((o) => o.id !== undefined).map((o) => o.id!);
    const views = await session.signIn(toSignIn, (engine, id) => {
      if (created.has(id)) engine.track(id);
      else engine.profileUpdated(id, updated.get(id) ?? true);
    });
    const viewOf = new Map(toSignIn.map((id, i) => [id, views[i]!]));
    const results: SignInResult[] = done.list.map((o) => {
      const profile = doc.profiles[o.index]!;
      return {
        id: o.id ?? '',
        name: o.name,
        provider: profile.provider,
        environment: profile.environment,
        outcome: o.outcome,
        ...(o.id ? { view: viewOf.get(o.id) } : {}),
      };
    });
    const at = now(ctx);
    const invalid = results.filter((r) => r.outcome !== 'skipped' && !isValid(r.view, at)).length;
    const exitCode = invalid === 0 ? EXIT.ok : EXIT.notValid;
    if (ctx.json) {
      printJson(ctx, {
        schema: JSON_SCHEMA,
        command: 'import',
        ok: invalid === 0,
        exitCode,
        file: resolve(io.cwd, args.in),
        profiles: signInJson(results, at),
      });
    } else {
      const count = (outcome: string) => results.filter((r) => r.outcome === outcome).length;
      print(ctx, [
        texts.t('import.done', { file: args.in, created: count('created'), replaced: count('replaced'), skipped: count('skipped') }),
        ...signInLines(results, at, texts).map((l) => `  ${l}`),
        invalid === 0 ? texts.t('import.allValid') : texts.t('import.someInvalid', { count: invalid }),
      ]);
    }
    return exitCode;
  });
}

/** Missing per-terminal values, a template's missing secrets, values out of their field's rules. */
function checkValues(doc: BundleDocument, terminal: CredentialValues, mayKeepStored: boolean, texts: CliTexts): void {
  for (const profile of doc.profiles) {
    const info = catalog(profile.provider)!;
    const needs = needsOf(profile, info);
    const name = profile.name.trim();
    for (const field of needs) {
      if (terminal[field]) continue;
      if (isSecretField(field)) {
        // Replacing a profile of the same provider keeps its stored secrets; checked once the folder is open.
        if (mayKeepStored) continue;
        throw new CliFailure(EXIT.failed, 'template-secret', texts.t('errors.templateSecret', { name, field: texts.t(`fields.${field}`) }));
      }
      throw new CliFailure(EXIT.failed, 'missing-value', texts.t('errors.missingValue', { name, field }));
    }
    const values = Object.fromEntries(needs.filter((f) => terminal[f]).map((f) => [f, terminal[f]]));
    const result = profileSchemaFor(info, 'update').safeParse({
      name,
      provider: profile.provider,
      environment: profile.environment,
      credentials: { ...profile.fields, ...profile.secrets, ...values },
    });
    const issue = result.success ? undefined : result.error.issues.find((i) => needs.includes(String(i.path[1]) as CredentialField));
    if (issue) {
      throw new CliFailure(
        EXIT.failed,
        'invalid-value',
        texts.t('errors.invalidValue', { name, field: String(issue.path[1]), problem: problem(issue.message, texts) }),
      );
    }
  }
}

function importFailure(err: unknown, doc: BundleDocument, dir: string, texts: CliTexts): unknown {
  if (err instanceof VaultError && err.code === 'encryption_unavailable')
    return new CliFailure(EXIT.failed, 'encryption-unavailable', texts.t('errors.encryptionUnavailable'));
  if (!(err instanceof VaultError) || err.code !== 'validation') return err;
  const lines = err.issues.map((issue: FieldIssue) => {
    const [, index, group, field] = issue.path.split('.');
    const name = doc.profiles[Number(index)]?.name.trim() ?? '';
    if (group === 'action') return { code: 'clash', text: texts.t('errors.clash', { name, dir }) };
    if (group === 'credentials' && field && issue.message === 'validation.required') {
      return isSecretField(field as CredentialField)
        ? { code: 'template-secret', text: texts.t('errors.templateSecret', { name, field: fieldName(field, texts) }) }
        : { code: 'missing-value', text: texts.t('errors.missingValue', { name, field }) };
    }
    return {
      code: 'invalid-value',
      text: texts.t('errors.invalidValue', { name, field: fieldName(issue.path, texts), problem: problem(issue.message, texts) }),
    };
  });
  return new CliFailure(EXIT.failed, lines[0]?.code ?? 'invalid-value', [...new Set(lines.map((l) => l.text))].join('\n'));
}

// ---- status ----------------------------------------------------------------------------------

export function statusCommand(args: { dataDir: string }, ctx: CommandContext): number {
  const report = statusReport(readStoreFile(args.dataDir), lockHolder(args.dataDir), now(ctx));
  if (ctx.json) printJson(ctx, statusJson(report, args.dataDir));
  else print(ctx, statusLines(report, args.dataDir, ctx.texts));
  return report.exitCode;
}

// ---- refresh ---------------------------------------------------------------------------------

export async function refreshCommand(args: { dataDir: string; name?: string; all: boolean }, ctx: CommandContext): Promise<number> {
  const { texts, host, io } = ctx;
  const dir = args.dataDir;
  refuseIfHeld(dir, texts);
  requireStore(dir, texts);
  return withFolder(dir, host, io, texts, async (session) => {
    let records = session.vault.profiles();
    if (!args.all) {
      const found = session.vault.findByName(args.name ?? '');
      if (!found)
        throw new CliFailure(EXIT.failed, 'unknown-profile', texts.t('errors.unknownProfile', { name: (args.name ?? '').trim(), dir }));
      records = [found];
    }
    const views = await session.signIn(records.map((r) => r.id));
    const results: SignInResult[] = records.map((r, i) => ({
      id: r.id,
      name: r.name,
      provider: r.provider,
      environment: r.environment,
      view: views[i],
    }));
    const at = now(ctx);
    const invalid = results.filter((r) => !isValid(r.view, at)).length;
    const exitCode = invalid === 0 ? EXIT.ok : EXIT.notValid;
    if (ctx.json)
      printJson(ctx, { schema: JSON_SCHEMA, command: 'refresh', ok: invalid === 0, exitCode, profiles: signInJson(results, at) });
    else
      print(ctx, [
        ...signInLines(results, at, texts),
        invalid === 0 ? texts.t('refresh.allValid') : texts.t('refresh.someInvalid', { count: invalid }),
      ]);
    return exitCode;
  });
}
