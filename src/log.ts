// Structured JSON logs on stdout, through pino: one JSON object per line ({"level","time","event",…fields}), written
// asynchronously (a request never waits for stdout) and flushed when the process exits. Callers pass events, never
// question text together with an IP or session id.
import pino from 'pino';
import type { DestinationStream } from 'pino';
import type { Config } from './config.ts';

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

/** stdout through sonic-boom, buffered and asynchronous; one per process, flushed synchronously on exit. */
let stdout: ReturnType<typeof pino.destination> | undefined;
function stdoutDestination(): DestinationStream {
  if (!stdout) {
    const destination = pino.destination({ dest: 1, sync: false });
    process.on('exit', () => destination.flushSync());
    stdout = destination;
  }
  return stdout;
}

/** A logger writing one JSON object per line; `write` is injectable so tests can read what was logged. */
export function createLogger(level: Config['logLevel'], write?: (line: string) => void): Logger {
  const destination: DestinationStream = write
    ? { write: (line) => write(line.replace(/\n$/, '')) }
    : stdoutDestination();
  const logger = pino(
    {
      level,
      base: null,
      messageKey: 'event',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  const emit =
    (at: 'debug' | 'info' | 'warn' | 'error') =>
    (event: string, fields: LogFields = {}) =>
      logger[at](fields, event);
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
