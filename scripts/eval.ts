// npm run eval: the dev questions through the same code path as the API; hit@k, compare coverage, abstention, misses.
import fs from 'node:fs';
import { loadConfig } from '../src/config.ts';
import { createServices } from '../src/services.ts';
import { createLogger } from '../src/log.ts';
import { scoreEval } from './eval-score.ts';
import type { EvalItem } from './eval-score.ts';

const file = process.argv[2] ?? 'tests/eval/dev.jsonl';
const items: EvalItem[] = fs
  .readFileSync(file, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as EvalItem);
const deps = await createServices(loadConfig({ LOG_LEVEL: 'error' }), { log: createLogger('error'), dataDir: null });
const report = scoreEval(items, deps.ask);
console.log(report.text);
