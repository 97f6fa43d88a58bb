// Structured JSON logs on stdout. Callers pass events, never question text together with an IP or session id.
import type { Config } from './config.ts';

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

const ORDER = { debug: 10, info: 20, warn: 30, error: 40 } as const;

/** A logger writing one JSON object per line; `write` is injectable so tests can read what was logged. */
export function createLogger(
  level: Config['logLevel'],
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Logger {
  const emit =
    (at: keyof typeof ORDER) =>
    (event: string, fields: LogFields = {}) => {
      if (ORDER[at] < ORDER[level]) return;
      write(JSON.stringify({ time: new Date().toISOString(), level: at, event, ...fields }));
    };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
