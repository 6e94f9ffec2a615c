// The command line: `tessera <export|import|status|refresh> …`, parsed by commander, in the
// system's language. Bad arguments print what is wrong and the command's usage and exit 64;
// refusals print one line on stderr; results go to stdout (JSON with --json). Never a stack trace.
import { resolve } from 'node:path';

import { Command, CommanderError, Option } from 'commander';

import { type ClashAction, PER_TERMINAL_FIELDS } from '#common/bundle-view';

import { errorName } from '../core/error-facts';
import { type CommandContext, exportCommand, importCommand, refreshCommand, statusCommand } from './commands';
import { CliFailure, type CliHost, type CliIo, EXIT, UsageError } from './host';
import { JSON_SCHEMA } from './report';
import { cliLanguage, CliTexts } from './texts';
import type { CliKey, CliMessages } from './texts/types';

const CLASH_ACTIONS = ['skip', 'replace', 'rename'] as const;
const HEADINGS: Readonly<Record<string, keyof CliMessages['help']['titles']>> = {
  'Usage:': 'usage',
  'Options:': 'options',
  'Commands:': 'commands',
  'Arguments:': 'arguments',
};

export async function runCli(args: readonly string[], io: CliIo, host: CliHost): Promise<number> {
  const texts = new CliTexts(cliLanguage(io.env, host.systemLocale()));
  const t = (key: CliKey, values?: Record<string, unknown>) => texts.t(key, values);
  let exitCode: number = EXIT.ok;
  let json = false;
  let current: string | undefined;

  const program = new Command(host.programName);
  program
    .description(t('help.program'))
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // commander's own (English) error lines are replaced by ours below.
      outputError: () => undefined,
    })
    .configureHelp({ styleTitle: (title) => (HEADINGS[title] ? t(`help.titles.${HEADINGS[title]}`) : title), helpWidth: 100 })
    .helpOption('-h, --help', t('help.helpOption'))
    .helpCommand('help [command]', t('help.helpCommand'))
    .showSuggestionAfterError(false)
    .usage(`[${t('help.args.options')}] [${t('help.args.command')}]`)
    .addHelpText('after', `\n${t('help.exitCodes')}\n`);

  const arg = (name: keyof CliMessages['help']['args']) => t(`help.args.${name}`);
  const dataDirOption = () => {
    const option = new Option(`--data-dir <${arg('folder')}>`, t(host.defaultDataDir ? 'help.options.dataDirApp' : 'help.options.dataDir'));
    return host.defaultDataDir ? option : option.makeOptionMandatory();
  };
  const dataDir = (value: string | undefined) => resolve(io.cwd, value ?? host.defaultDataDir!);
  const jsonOption = () => new Option('--json', t('help.options.json'));
  const context = (command: string, opts: { json?: boolean }): CommandContext => {
    current = command;
    json = !!opts.json;
    return { host, io, texts, json };
  };
  const inherit = (cmd: Command) =>
    cmd
      .usage(`[${arg('options')}]`)
      .helpOption('-h, --help', t('help.helpOption'))
      .configureHelp({ styleTitle: (title) => (HEADINGS[title] ? t(`help.titles.${HEADINGS[title]}`) : title), helpWidth: 100 })
      .addHelpText('after', `\n${t('help.exitCodes')}\n`);

  inherit(program.command('export'))
    .description(t('help.commands.export'))
    .addOption(dataDirOption())
    .requiredOption(`--out <${arg('file')}>`, t('help.options.out'))
    .requiredOption(`--passphrase-file <${arg('file')}>`, t('help.options.passphraseFile'))
    .option(`--profiles <${arg('names')}>`, t('help.options.profiles'))
    .option('--without-secrets', t('help.options.withoutSecrets'))
    .addOption(jsonOption())
    .action(
      async (opts: {
        dataDir?: string;
        out: string;
        passphraseFile: string;
        profiles?: string;
        withoutSecrets?: boolean;
        json?: boolean;
      }) => {
        const ctx = context('export', opts);
        let profiles: string[] | undefined;
        if (opts.profiles !== undefined) {
          profiles = opts.profiles
            .split(',')
            .map((n) => n.trim())
            .filter(Boolean);
          if (profiles.length === 0) throw new UsageError(t('usage.profilesEmpty'), 'export');
        }
        exitCode = await exportCommand(
          {
            dataDir: dataDir(opts.dataDir),
            out: opts.out,
            passphraseFile: opts.passphraseFile,
            withoutSecrets: !!opts.withoutSecrets,
            ...(profiles ? { profiles } : {}),
          },
          ctx,
        );
      },
    );

  inherit(program.command('import'))
    .description(t('help.commands.import'))
    .addOption(dataDirOption())
    .requiredOption(`--in <${arg('file')}>`, t('help.options.in'))
    .requiredOption(`--passphrase-file <${arg('file')}>`, t('help.options.passphraseFile'))
    // Repeatable; no default value, so help shows none.
    .option(`--set <${arg('fieldValue')}>`, t('help.options.set'), (value: string, previous: string[] | undefined) => [
      ...(previous ?? []),
      value,
    ])
    .option(`--on-clash <${arg('action')}>`, t('help.options.onClash'))
    .addOption(jsonOption())
    .action(async (opts: { dataDir?: string; in: string; passphraseFile: string; set?: string[]; onClash?: string; json?: boolean }) => {
      const ctx = context('import', opts);
      const set: Partial<Record<(typeof PER_TERMINAL_FIELDS)[number], string>> = {};
      for (const pair of opts.set ?? []) {
        const eq = pair.indexOf('=');
        if (eq <= 0) throw new UsageError(t('usage.setFormat'), 'import');
        const field = pair.slice(0, eq).trim();
        if (!(PER_TERMINAL_FIELDS as readonly string[]).includes(field)) throw new UsageError(t('usage.setField'), 'import');
        set[field as (typeof PER_TERMINAL_FIELDS)[number]] = pair.slice(eq + 1);
      }
      if (opts.onClash !== undefined && !(CLASH_ACTIONS as readonly string[]).includes(opts.onClash))
        throw new UsageError(t('usage.onClash'), 'import');
      exitCode = await importCommand(
        {
          dataDir: dataDir(opts.dataDir),
          in: opts.in,
          passphraseFile: opts.passphraseFile,
          set,
          ...(opts.onClash ? { onClash: opts.onClash as Exclude<ClashAction, 'import'> } : {}),
        },
        ctx,
      );
    });

  inherit(program.command('status'))
    .description(t('help.commands.status'))
    .addOption(dataDirOption())
    .addOption(jsonOption())
    .action((opts: { dataDir?: string; json?: boolean }) => {
      exitCode = statusCommand({ dataDir: dataDir(opts.dataDir) }, context('status', opts));
    });

  inherit(program.command('refresh'))
    .description(t('help.commands.refresh'))
    .usage(`[${arg('options')}] [${arg('name')}]`)
    .argument(`[${arg('name')}]`, t('help.options.name'))
    .addOption(dataDirOption())
    .option('--all', t('help.options.all'))
    .addOption(jsonOption())
    .action(async (name: string | undefined, opts: { dataDir?: string; all?: boolean; json?: boolean }) => {
      const ctx = context('refresh', opts);
      if ((name === undefined) === !opts.all) throw new UsageError(t('usage.refreshTarget'), 'refresh');
      exitCode = await refreshCommand({ dataDir: dataDir(opts.dataDir), all: !!opts.all, ...(name !== undefined ? { name } : {}) }, ctx);
    });

  const usageOf = (name: string | undefined) => {
    const cmd = program.commands.find((c) => c.name() === name);
    return cmd ? `${host.programName} ${cmd.name()} ${cmd.usage()}` : `${host.programName} ${program.usage()}`;
  };
  const usageFailure = (text: string, command: string | undefined) => {
    io.stderr.write(
      `${text}\n${t('usage.seeHelp', { usage: usageOf(command), program: host.programName, command: command ?? '' }).trimEnd()}\n`,
    );
    return EXIT.usage;
  };

  if (args.length === 0) return usageFailure(t('usage.noCommand'), undefined);
  try {
    await program.parseAsync([...args], { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT.ok;
      // `help <command>` and --help end well; help shown because something was missing does not.
      if (err.code === 'commander.help') return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
      const command = args.find((a) => program.commands.some((c) => c.name() === a));
      return usageFailure(commanderMessage(err, t), command);
    }
    if (err instanceof UsageError) return usageFailure(err.text, err.command);
    if (err instanceof CliFailure) {
      if (err.text) io.stderr.write(`${err.text}\n`);
      if (json && current)
        io.stdout.write(
          `${JSON.stringify({ schema: JSON_SCHEMA, command: current, ok: false, exitCode: err.exitCode, error: { code: err.code, message: err.text } }, null, 2)}\n`,
        );
      return err.exitCode;
    }
    // The class name only: a message could quote a value.
    const name = errorName(err);
    io.stderr.write(`${t('errors.internal', { name })}\n`);
    return EXIT.failed;
  }
}

/** commander's error, said in our words and language (it names the option in quotes). */
function commanderMessage(err: CommanderError, t: (key: CliKey, values?: Record<string, unknown>) => string): string {
  const quoted =
    /'([^']+)'/
      .exec(err.message)?.[1]
      ?.split(/[ ,]/)
      .find((part) => part.startsWith('-')) ??
    /'([^']+)'/.exec(err.message)?.[1] ??
    '';
  switch (err.code) {
    case 'commander.unknownOption':
      return t('usage.unknownOption', { option: quoted });
    case 'commander.unknownCommand':
      return t('usage.unknownCommand', { command: quoted });
    case 'commander.missingMandatoryOptionValue':
      return t('usage.missingOption', { option: quoted });
    case 'commander.optionMissingArgument':
      return t('usage.optionNeedsValue', { option: quoted });
    case 'commander.missingArgument':
      return t('usage.missingArgument');
    case 'commander.excessArguments':
      return t('usage.tooMany');
    default:
      return t('usage.invalid');
  }
}
