import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Stripe from 'stripe';
import { pino } from 'pino';
import { ConfigError } from '../config/env.js';
import { createLogger } from '../logger.js';
import { RelayMetrics } from '../metrics.js';
import { createSalesforceForwarder } from '../relay.js';
import { runReplay, type ReplaySummary } from './replay.js';
import { loadReplayConfig, type ReplayConfig } from './replay-config.js';

const USAGE = `Usage: npm run replay -- --since <ISO time> [--type <event type>]... [--event evt_...]... [--dry-run]

  --since    replay events created at or after this time (Stripe keeps events for 30 days)
  --type     only this event type; repeat for several, or give one wildcard such as customer.*
  --event    replay this event id (retrieved one by one); may be repeated, with or without --since
  --dry-run  list and count the events, send nothing (no Salesforce settings needed)

Environment: STRIPE_API_KEY and the relay's SF_* settings (see docs/relay.md).
Exit code: 0 when every event was accepted or a duplicate, 1 when any was rejected or failed, 2 on usage or configuration errors.`;

const RETENTION_DAYS = 30;
const MAX_TYPES = 20;

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const processIo: CliIo = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n')
};

interface ReplayArguments {
  since: Date | undefined;
  types: string[];
  eventIds: string[];
  dryRun: boolean;
}

type Step<T> = { ok: true; value: T } | { ok: false; exitCode: number };

/** Step 1: the command line, checked; `--help` and usage errors end the command here. */
function parseArguments(argv: string[], io: CliIo): Step<ReplayArguments> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        since: { type: 'string' },
        type: { type: 'string', multiple: true, default: [] },
        event: { type: 'string', multiple: true, default: [] },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false }
      },
      strict: true,
      allowPositionals: false
    }).values;
  } catch (err) {
    io.err(`replay: ${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    return { ok: false, exitCode: 2 };
  }
  if (args.help) {
    io.out(USAGE);
    return { ok: false, exitCode: 0 };
  }
  const problems: string[] = [];
  let since: Date | undefined;
  if (args.since !== undefined) {
    since = new Date(args.since);
    if (Number.isNaN(since.getTime())) problems.push(`--since is not an ISO date/time: ${args.since}`);
    else if (since.getTime() > Date.now()) problems.push('--since is in the future');
  }
  if (since === undefined && args.event.length === 0) problems.push('give --since, --event or both');
  const badIds = args.event.filter((id) => !/^evt_[A-Za-z0-9_]+$/.test(id));
  if (badIds.length > 0) problems.push(`not event ids: ${badIds.join(', ')}`);
  if (args.type.length > MAX_TYPES) problems.push(`at most ${MAX_TYPES} --type values`);
  if (args.type.length > 1 && args.type.some((t) => t.includes('*'))) {
    problems.push('a wildcard --type must be the only --type');
  }
  if (args.type.length > 0 && since === undefined)
    problems.push('--type filters the --since listing: give --since');
  if (problems.length > 0) {
    io.err(`replay: ${problems.join('; ')}\n\n${USAGE}`);
    return { ok: false, exitCode: 2 };
  }
  return { ok: true, value: { since, types: args.type, eventIds: args.event, dryRun: args['dry-run'] } };
}

/** Step 2: the environment, checked; a dry run needs no Salesforce settings. */
function loadConfiguration(env: NodeJS.ProcessEnv, args: ReplayArguments, io: CliIo): Step<ReplayConfig> {
  let config: ReplayConfig;
  try {
    config = loadReplayConfig(env, { dryRun: args.dryRun });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.err(`replay: ${err.message}`);
    return { ok: false, exitCode: 2 };
  }
  if (args.since && Date.now() - args.since.getTime() > RETENTION_DAYS * 86_400_000) {
    io.err(`replay: warning: Stripe keeps events for ${RETENTION_DAYS} days; older ones cannot be listed`);
  }
  return { ok: true, value: config };
}

/** Step 3: the Stripe SDK, and the same forwarder as the webhook path (same batching, same client). */
function connect(config: ReplayConfig) {
  const stripe = new Stripe(config.stripeApiKey, {
    maxNetworkRetries: 2,
    timeout: 30_000,
    telemetry: false,
    appInfo: { name: 'stripe-billing-for-salesforce-replay' },
    ...(config.stripeApiBase ?? {})
  });
  const upstream =
    config.salesforce === undefined
      ? undefined
      : createSalesforceForwarder(
          config.salesforce,
          config.forwarding,
          new RelayMetrics({ processMetrics: false }),
          {
            // Why a batch failed (login refused, timeout…) goes to stderr as JSON lines.
            logger: createLogger(config.logLevel, pino.destination({ dest: 2, sync: true }))
          }
        );
  return { stripe, upstream };
}

function describeRun(args: ReplayArguments): string {
  return (
    `replay: ${args.dryRun ? 'dry run, listing' : 'replaying'} events` +
    (args.since ? ` created since ${args.since.toISOString()}` : '') +
    (args.types.length > 0 ? ` of type ${args.types.join(', ')}` : '') +
    (args.eventIds.length > 0 ? ` plus ${args.eventIds.length} named event(s)` : '')
  );
}

/** Runs the replay command; returns the exit code rather than exiting, so tests can call it. */
export async function main(argv: string[], env: NodeJS.ProcessEnv, io: CliIo = processIo): Promise<number> {
  const parsed = parseArguments(argv, io);
  if (!parsed.ok) return parsed.exitCode;
  const args = parsed.value;
  const loaded = loadConfiguration(env, args, io);
  if (!loaded.ok) return loaded.exitCode;
  const config = loaded.value;
  const { stripe, upstream } = connect(config);
  const f = config.forwarding;
  io.out(describeRun(args));
  const summary = await runReplay(
    { since: args.since, types: args.types, eventIds: args.eventIds },
    {
      stripe,
      forwarder: upstream?.forwarder,
      maxOutstanding: Math.max(1, Math.min(f.maxQueuedEvents, f.batchMaxEvents * f.upstreamConcurrency * 2)),
      progress: io.out
    }
  );
  upstream?.close();
  printSummary(summary, io, args.dryRun);
  const ok = summary.rejected.length === 0 && summary.failed.length === 0 && !summary.listingError;
  return ok ? 0 : 1;
}

/** Step 4: the summary; a dry run sent nothing, so it speaks of events listed or not retrieved. */
function printSummary(summary: ReplaySummary, io: CliIo, dryRun: boolean): void {
  const show = (label: string, list: { id: string; reason: string }[]) => {
    for (const { id, reason } of list.slice(0, 50)) io.err(`  ${label} ${id}: ${reason}`);
    if (list.length > 50) io.err(`  … and ${list.length - 50} more ${label}`);
  };
  if (dryRun) {
    io.out(
      `replay summary (dry run, nothing sent): ${summary.seen - summary.failed.length} events listed` +
        (summary.failed.length > 0 ? `, ${summary.failed.length} could not be retrieved` : '')
    );
    show('not retrieved', summary.failed);
  } else {
    io.out(
      `replay summary: ${summary.seen} events, accepted ${summary.accepted}, duplicates ${summary.duplicates}, ` +
        `rejected ${summary.rejected.length}, failed ${summary.failed.length}`
    );
    show('rejected', summary.rejected);
    show('failed', summary.failed);
  }
  if (summary.listingError) io.err(`replay: listing stopped early: ${summary.listingError}`);
  if (!dryRun && summary.failed.length > 0) {
    io.err('replay: failed events were not stored; run the same command again');
  }
}

// Run only when executed directly (tsx or node), not when imported by tests.
const invokedPath = process.argv[1] ? realpathSync(process.argv[1]) : '';
if (invokedPath === realpathSync(fileURLToPath(import.meta.url))) {
  main(process.argv.slice(2), process.env).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`replay: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    }
  );
}
