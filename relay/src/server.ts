import { ConfigError } from './config/env.js';
import { loadRelayConfig, type RelayConfig } from './config/relay-config.js';
import { startRelay } from './relay.js';

/** Process entry: `node --import tsx relay/src/server.ts` or `node relay/dist/server.js`. */
async function main(): Promise<void> {
  let config: RelayConfig;
  try {
    config = loadRelayConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`stripe-relay: ${err.message}\n`);
    process.exit(1);
  }
  const relay = await startRelay(config);
  const { logger } = relay;

  const exit = (code: number) => logger.flush(() => process.exit(code));
  const stop = (signal: NodeJS.Signals) => {
    // A second signal, of either kind, means "now": the default handlers are back.
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
    logger.info({ signal }, 'signal received');
    relay.shutdown().then(
      (clean) => exit(clean ? 0 : 1),
      () => exit(1)
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // No state to protect: on a bug, log it and let the process manager start a fresh relay.
  process.on('uncaughtException', (err) => {
    logger.fatal({ err: { name: err.name, message: err.message } }, 'uncaught exception');
    exit(1);
  });
  process.on('unhandledRejection', (reason) => {
    logger.fatal(
      { err: { name: reason instanceof Error ? reason.name : typeof reason } },
      'unhandled rejection'
    );
    exit(1);
  });
}

main().catch((err: unknown) => {
  process.stderr.write(
    `stripe-relay: failed to start: ${err instanceof Error ? err.message : String(err)}\n`
  );
  process.exit(1);
});
