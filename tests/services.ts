// Shared test fixture: the real services (real plans, nodejieba, MiniSearch), built once per test file.
import { loadConfig } from '../src/config.ts';
import type { Services } from '../src/runtime/services.ts';
import { createServices } from '../src/runtime/services.ts';
import { createLogger } from '../src/log.ts';

let shared: Promise<Services> | null = null;

export function testServices(env: Record<string, string> = {}): Promise<Services> {
  if (Object.keys(env).length > 0) {
    return createServices(loadConfig({ LOG_LEVEL: 'error', ...env }), { log: createLogger('error'), dataDir: null });
  }
  shared ??= createServices(loadConfig({ LOG_LEVEL: 'error' }), { log: createLogger('error'), dataDir: null });
  return shared;
}
