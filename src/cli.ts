/**
 * The command line: commander wiring over the library's commands. The only place that
 * decides exit codes from errors (SPEC §1): 0 ran and held, 1 an expectation failed,
 * 2 bad input (nothing ran, nothing written), 3 a bug in cache-sim.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { type CommandIO, writeProblems } from './commands/io.js';
import { InputError, UsageError } from './errors.js';
import { REPORT_FORMATS, type ReportFormat } from './report/index.js';
import { COMPARE_FORMATS, type CompareFormat } from './report/compare.js';
import { SWEEP_FORMATS, type SweepFormat } from './report/sweep.js';
import { parseShard, SHARD_USAGE, type Shard } from './sweep-shard.js';
import { MOST_SEEDS } from './seed-count.js';
import { DURATION_PATTERN, DURATION_WORDING, durationMs, MOST_DURATION_MS, MOST_DURATION_WORDING } from './scenario/units.js';
import { VERSION } from './version.js';
import { didYouMean } from './scenario/suggest.js';

const EXIT_BAD_INPUT = 2;
const EXIT_BUG = 3;

/** A parser of whole numbers from `least` to `most`; `why` tells what to do instead below it. */
function parseWholeNumber(what: string, least = 0, why = '', most = Number.MAX_SAFE_INTEGER): (text: string) => number {
  return (text) => {
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text)) || Number(text) < least || Number(text) > most) {
      throw new InvalidArgumentError(`${what} must be a whole number from ${least} to ${most}${why}.`);
    }
    return Number(text);
  };
}

const parseSeed = parseWholeNumber('the seed');

/** A key by its rank: how many there are is the scenario's to say (checked once it is loaded). */
function parseKey(text: string): number {
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) throw new InvalidArgumentError('the key is a whole number, its rank: 0 is the most popular (workload.keys says how many there are).');
  return Number(text);
}
const WORKERS_HELP = 'worker threads for the strategy runs (default: one per core when there is enough work; 1 = none)';

/** A simulated time as scenarios write durations (`90s`, `1.5m`; a plain number is ms). */
function parseDuration(option: string): (text: string) => number {
  return (text) => {
    const ms = new RegExp(DURATION_PATTERN).test(text.trim()) ? durationMs(text.trim()) : Number.NaN;
    if (Number.isNaN(ms)) throw new InvalidArgumentError(`${option} takes ${DURATION_WORDING}.`);
    if (ms > MOST_DURATION_MS) throw new InvalidArgumentError(`${option} takes a duration ${MOST_DURATION_WORDING}.`);
    return ms;
  };
}

function parseShardOption(text: string): Shard {
  const shard = parseShard(text);
  if (!shard) throw new InvalidArgumentError(SHARD_USAGE);
  return shard;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** A report's path: an empty one would otherwise be taken as no report at all, and `-` as a file named `-`. */
function parseFilePath(text: string, previous: string | undefined): string {
  // Only the last would be written: a second path is a mistake, not a choice.
  if (previous !== undefined) throw new InvalidArgumentError(`given twice (${previous} and ${text}); give one file.`);
  if (text.trim() === '') throw new InvalidArgumentError('give the path of a file to write.');
  if (text === '-') throw new InvalidArgumentError('give the path of a file to write (standard output carries the report; --format picks it); ./- for a file named -.');
  return text;
}

/** A file to read, as an argument: an empty one (`validate ''`) is no path. */
function parseInputPath(text: string): string {
  if (text.trim() === '') throw new InvalidArgumentError('give the path of a file to read.');
  return text;
}

/** Files to read, as a variadic argument: commander hands them over one by one. */
function parseInputPaths(text: string, previous: string[] = []): string[] {
  return [...previous, parseInputPath(text)];
}

function parseList(text: string): string[] {
  const names = text.split(',').map((s) => s.trim());
  if (names.some((n) => n === '')) throw new InvalidArgumentError('give strategy names separated by commas, e.g. ttl,pubsub.');
  return names;
}

/** What `--help` shows after the options: commands a reader can paste and adapt. */
const EXAMPLES: Record<string, string[]> = {
  run: [
    'cache-sim run scenarios/quickstart.yaml',
    'cache-sim run scenarios/quickstart.yaml --strategy ttl,pubsub --set cache.ttl=5s',
    'cache-sim run scenarios/*.yaml --junit results.xml --html report.html',
    'cache-sim run scenarios/quickstart.yaml --seeds 5',
  ],
  trace: ['cache-sim trace scenarios/quickstart.yaml --key 0 --strategy pubsub', 'cache-sim trace scenarios/bus-partition.yaml --key 3 --from 1m --until 2m --html key3.html'],
  sweep: [
    'cache-sim sweep scenarios/quickstart.yaml --param cache.ttl=1s,5s,30s --seeds 5',
    'cache-sim sweep scenarios/quickstart.yaml --param bus.loss=0,0.01,0.1 --metric stale_read_ratio --format csv',
    'cache-sim sweep scenarios/quickstart.yaml --param cache.ttl=1s,5s --shard 1/2 > shard-1.json',
  ],
  merge: ['cache-sim merge shard-1.json shard-2.json --html sweep.html'],
  compare: [
    'cache-sim run scenarios/quickstart.yaml --seeds 10 --format json > base.json',
    'cache-sim compare base.json head.json --fail-on-worse',
  ],
  validate: ['cache-sim validate scenarios/*.yaml', 'cache-sim validate scenarios/quickstart.yaml --set cache.ttl=0'],
};

const EXIT_CODES = 'Exit codes: 0 done (run, sweep, merge: every expectation held); 1 run, sweep, merge: an expectation failed (compare --fail-on-worse: a metric got worse); 2 bad input: nothing ran, no file written; 3 a bug in cache-sim.';

function buildProgram(io: CommandIO, setExit: (code: number) => void): Command {
  const program = new Command('cache-sim')
    .description('Simulate caches spread over several regions and see how stale their reads get under each coherence strategy.')
    .version(VERSION)
    .exitOverride();

  program
    .command('run')
    .description('run each scenario, every strategy on the same workload and faults; print a comparison; check `expect:`')
    .argument('<file...>', 'scenario YAML files', parseInputPaths)
    .option('--seed <n>', 'override the scenario seed', parseSeed)
    .option('--strategy <names>', 'run only these strategies (comma-separated)', parseList)
    .option('--set <path=value>', 'override a scenario value, e.g. cache.ttl=5s (repeatable)', collect, [])
    .addOption(new Option('--format <format>', 'output format').choices(REPORT_FORMATS).default('table'))
    .option('--junit <file>', 'also write expectations as JUnit XML', parseFilePath)
    .option('--html <file>', 'also write a self-contained HTML report with charts', parseFilePath)
    .option('--workers <n>', WORKERS_HELP, parseWholeNumber('the number of workers', 1))
    .option('--seeds <n>', "run over n seeds (sweep's, derived from the scenario's seed); expectations must hold on every one", parseWholeNumber('the number of seeds', 2, ' (one seed is a plain run: --seed N)', MOST_SEEDS))
    .option('--metric <name>', 'with --seeds: summarise this metric (repeatable; replaces the default list)', collect, [])
    .action(
      async (
        files: string[],
        opts: { seed?: number; strategy?: string[]; set: string[]; format: ReportFormat; junit?: string; html?: string; workers?: number; seeds?: number; metric: string[] },
      ) => {
        const { runCommand } = await import('./commands/run.js');
        const { seed, strategy: strategies, set: sets, format, junit, html, workers, seeds, metric: metrics } = opts;
        setExit(await runCommand(files, { seed, strategies, sets, format, junit, html, workers, seeds, metrics }, io));
      },
    );

  program
    .command('trace')
    .description("the story of one key: writes, commits, replication, invalidations, fills and stale reads, per region, in time order")
    .argument('<file>', 'scenario YAML file', parseInputPath)
    .requiredOption('--key <k>', 'key number (0 is the most popular)', parseKey)
    .option('--strategy <name>', 'strategy to trace (default: the first listed)')
    .option('--seed <n>', 'override the scenario seed', parseSeed)
    .option('--set <path=value>', 'override a scenario value (repeatable)', collect, [])
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'mermaid']).default('text'))
    .option('--all-reads', 'show every read of the key, not only stale and failed ones', false)
    .option('--from <time>', 'tell only what happened from this simulated time on, e.g. 90s', parseDuration('--from'))
    .option('--until <time>', 'tell only what happened up to this simulated time, e.g. 2m', parseDuration('--until'))
    .option('--html <file>', 'also write the story as a self-contained HTML page: a lane per region over time', parseFilePath)
    .action(
      async (
        file: string,
        opts: { key: number; strategy?: string; seed?: number; set: string[]; format: 'text' | 'mermaid'; allReads: boolean; from?: number; until?: number; html?: string },
      ) => {
        const { traceCommand } = await import('./commands/trace.js');
        const { key, strategy, seed, set: sets, format, allReads, from: fromMs, until: untilMs, html } = opts;
        setExit(traceCommand(file, { key, strategy, seed, sets, format, allReads, fromMs, untilMs, html }, io));
      },
    );

  program
    .command('sweep')
    .description('run a grid of parameter values × seeds; print each metric as mean ± 95% confidence interval per point and strategy')
    .argument('<file>', 'scenario YAML file', parseInputPath)
    .option('--param <path=values>', 'a parameter and its values, e.g. cache.ttl=1s,5s,30s (repeatable; the first varies slowest)', collect, [])
    .option('--seeds <n>', 'seeds per grid point (default 5)', parseWholeNumber('the number of seeds', 1, '', MOST_SEEDS))
    .option('--seed <n>', 'override the root seed the per-point seeds derive from', parseSeed)
    .option('--strategy <names>', 'run only these strategies (comma-separated)', parseList)
    .option('--set <path=value>', 'override a scenario value at every point (repeatable)', collect, [])
    .option('--metric <name>', 'summarise this metric (repeatable; replaces the default list)', collect, [])
    .addOption(new Option('--format <format>', 'output format (default: table; with --shard, the shard\'s JSON)').choices(SWEEP_FORMATS))
    .option('--workers <n>', WORKERS_HELP, parseWholeNumber('the number of workers', 1))
    .option('--shard <i/n>', 'run only shard i of n and print its JSON document, for `cache-sim merge`', parseShardOption)
    .option('--html <file>', 'also write the sweep as a self-contained HTML page with a chart per metric', parseFilePath)
    .action(
      async (
        file: string,
        opts: {
          param: string[];
          seeds?: number;
          seed?: number;
          strategy?: string[];
          set: string[];
          metric: string[];
          format?: SweepFormat;
          workers?: number;
          shard?: Shard;
          html?: string;
        },
      ) => {
        const { sweepCommand } = await import('./commands/sweep.js');
        const { param: params, seeds, seed, strategy: strategies, set: sets, metric: metrics, format, workers, shard, html } = opts;
        setExit(await sweepCommand(file, { params, seeds, seed, strategies, sets, metrics, format, workers, shard, html }, io));
      },
    );

  program
    .command('merge')
    .description('put the shards of a sweep (`sweep --shard i/n`) together; print what the whole sweep prints')
    .argument('<file...>', 'the JSON documents of every shard', parseInputPaths)
    .addOption(new Option('--format <format>', 'output format').choices(SWEEP_FORMATS).default('table'))
    .option('--html <file>', 'also write the sweep as a self-contained HTML page with a chart per metric', parseFilePath)
    .action(async (files: string[], opts: { format: SweepFormat; html?: string }) => {
      const { mergeCommand } = await import('./commands/merge.js');
      setExit(mergeCommand(files, { format: opts.format, html: opts.html }, io));
    });

  program
    .command('compare')
    .description('the paired change of every metric between two sweep documents of the same seeds (`run --seeds N --format json`)')
    .argument('<base>', 'the JSON document to compare against', parseInputPath)
    .argument('<head>', 'the JSON document compared', parseInputPath)
    .addOption(new Option('--format <format>', 'output format').choices(COMPARE_FORMATS).default('table'))
    .option('--fail-on-worse', 'exit 1 when any metric got significantly worse or the head lacks what the base has', false)
    .action(async (base: string, head: string, opts: { format: CompareFormat; failOnWorse: boolean }) => {
      const { compareCommand } = await import('./commands/compare.js');
      setExit(compareCommand(base, head, { format: opts.format, failOnWorse: opts.failOnWorse }, io));
    });

  program
    .command('validate')
    .description('check scenarios and print every problem with its position; nothing runs')
    .argument('<file...>', 'scenario YAML files', parseInputPaths)
    .option('--set <path=value>', 'override a scenario value first, as run does (repeatable)', collect, [])
    .action(async (files: string[], opts: { set: string[] }) => {
      const { validateCommand } = await import('./commands/validate.js');
      setExit(validateCommand(files, io, opts.set));
    });

  program
    .command('strategies')
    .description('list the strategies: what each guarantees and what it costs')
    .action(async () => {
      const { strategiesCommand } = await import('./commands/strategies.js');
      setExit(strategiesCommand(io));
    });

  program
    .command('schema')
    .description('print the JSON Schema of the scenario format')
    .action(async () => {
      const { schemaCommand } = await import('./commands/schema.js');
      setExit(schemaCommand(io));
    });

  const examplesText = (lines: readonly string[]) => `\nExamples:\n${lines.map((line) => `  ${line}`).join('\n')}\n`;
  for (const command of program.commands) {
    const examples = EXAMPLES[command.name()];
    if (examples) command.addHelpText('after', examplesText(examples));
  }
  program.addHelpText('after', `${examplesText(EXAMPLES.run)}\n${EXIT_CODES}\n`);

  // A usage error is one line, ending with where the usage of the command at fault is told.
  for (const command of [program, ...program.commands]) {
    const help = command === program ? 'cache-sim --help' : `cache-sim ${command.name()} --help`;
    command.configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (message, write) => write(`${message.trimEnd()} (run \`${help}\` for usage)\n`),
    });
  }
  return program;
}

/** Runs the CLI on `argv` (without node and script); resolves to the exit code. Never exits the process. */
export async function runCli(argv: string[], io: CommandIO): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    // commander answers `help nosuch` with the general help and no word on the name.
    const [first, asked] = argv;
    if (first === 'help' && asked !== undefined && !program.commands.some((c) => c.name() === asked)) {
      const names = program.commands.map((c) => c.name());
      throw new UsageError(`help ${asked}: no such command${didYouMean(asked, names)}; the commands are ${names.join(', ')}`);
    }
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return exitCodeFor(error, io);
  }
}

function exitCodeFor(error: unknown, io: CommandIO): number {
  if (error instanceof CommanderError) {
    // Help and version are successful exits; everything else commander rejects is usage.
    return error.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
  }
  if (error instanceof InputError) {
    writeProblems(error.problems, io);
    return EXIT_BAD_INPUT;
  }
  if (error instanceof UsageError) {
    // Several misuses (one per scenario file) are told one a line.
    for (const line of error.message.split('\n')) io.stderr.write(`cache-sim: ${line}\n`);
    return EXIT_BAD_INPUT;
  }
  // Not a bug: the run needs more memory than the machine, or its limits, give (also from a worker, whose error comes as text).
  if (error instanceof Error && /Array buffer allocation failed/.test(error.message)) {
    io.stderr.write('cache-sim: out of memory: the run needs more than this machine (or its limits: ulimit -v, a container) allows; allowed: fewer keys, sessions or L1s, or more memory\n');
    return EXIT_BAD_INPUT;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(`cache-sim: internal error (a bug; please report it with the command that caused it)\n${detail}\n`);
  return EXIT_BUG;
}
