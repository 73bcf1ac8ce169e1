import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger };

/**
 * JSON lines on stdout. Callers log ids, types and outcomes only: never a payload, a header value or a
 * secret. The redact list is a second line of defence should someone log a request or an error object.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'stripe-relay' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          'headers',
          'body',
          'payload',
          'secret',
          'accessToken',
          'access_token',
          '*.headers',
          '*.payload'
        ],
        censor: '[redacted]'
      }
    },
    destination ?? pino.destination({ dest: 1, sync: false })
  );
}
