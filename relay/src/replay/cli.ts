import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Stripe from 'stripe';
import { pino } from 'pino';
import { ConfigError, loadReplayConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { RelayMetrics } from '../metrics.js';
import { createSalesforceForwarder } from '../relay.js';
import { runReplay, type ReplaySummary } from './replay.js';

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

/** Runs the replay command; returns the exit code rather than exiting, so tests can call it. */
export async function main(argv: string[], env: NodeJS.ProcessEnv, io: CliIo = processIo): Promise<number> {
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
    return 2;
  }
  if (args.help) {
    io.out(USAGE);
    return 0;
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
    return 2;
  }

  const dryRun = args['dry-run'];
  let config;
  try {
    config = loadReplayConfig(env, { dryRun });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.err(`replay: ${err.message}`);
    return 2;
  }
  if (since && Date.now() - since.getTime() > RETENTION_DAYS * 86_400_000) {
    io.err(`replay: warning: Stripe keeps events for ${RETENTION_DAYS} days; older ones cannot be listed`);
  }

  const stripe = new Stripe(config.stripeApiKey, {
    maxNetworkRetries: 2,
    timeout: 30_000,
    telemetry: false,
    appInfo: { name: 'stripe-billing-for-salesforce-replay' },
    ...(config.stripeApiBase ?? {})
  });
  // The same forwarder as the webhook path: same batching, same Salesforce client.
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
  const f = config.forwarding;
  io.out(
    `replay: ${dryRun ? 'dry run, listing' : 'replaying'} events` +
      (since ? ` created since ${since.toISOString()}` : '') +
      (args.type.length > 0 ? ` of type ${args.type.join(', ')}` : '') +
      (args.event.length > 0 ? ` plus ${args.event.length} named event(s)` : '')
  );
  const summary = await runReplay(
    { since, types: args.type, eventIds: args.event },
    {
      stripe,
      forwarder: upstream?.forwarder,
      maxOutstanding: Math.max(1, Math.min(f.maxQueuedEvents, f.batchMaxEvents * f.upstreamConcurrency * 2)),
      progress: io.out
    }
  );
  upstream?.close();
  printSummary(summary, io, dryRun);
  const ok = summary.rejected.length === 0 && summary.failed.length === 0 && !summary.listingError;
  return ok ? 0 : 1;
}

function printSummary(summary: ReplaySummary, io: CliIo, dryRun: boolean): void {
  io.out(
    dryRun
      ? `replay summary (dry run, nothing sent): ${summary.seen} events listed`
      : `replay summary: ${summary.seen} events, accepted ${summary.accepted}, duplicates ${summary.duplicates}, ` +
          `rejected ${summary.rejected.length}, failed ${summary.failed.length}`
  );
  const show = (label: string, list: { id: string; reason: string }[]) => {
    for (const { id, reason } of list.slice(0, 50)) io.err(`  ${label} ${id}: ${reason}`);
    if (list.length > 50) io.err(`  … and ${list.length - 50} more ${label}`);
  };
  show('rejected', summary.rejected);
  show('failed', summary.failed);
  if (summary.listingError) io.err(`replay: listing stopped early: ${summary.listingError}`);
  if (summary.failed.length > 0) io.err('replay: failed events were not stored; run the same command again');
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
