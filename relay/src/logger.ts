import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config/env.js';

export type { Logger };

/**
 * JSON lines on stdout. Callers log ids, types and outcomes only: never a payload, a header value or a
 * secret, so there is nothing to redact. Lines are written in 16 KB chunks (and at least every second)
 * rather than one syscall each, which at thousands of events a second is a measurable share of CPU;
 * server.ts flushes before exiting.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    { level, base: { service: 'stripe-relay' }, timestamp: pino.stdTimeFunctions.isoTime },
    destination ?? pino.destination({ dest: 1, sync: false, minLength: 16_000, periodicFlush: 1000 })
  );
}
