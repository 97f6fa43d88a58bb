// `npm run corpus:check [dir]`: parses every plan of the manifest, prints per-plan counts, warnings and errors.
import fs from 'node:fs';
import path from 'node:path';
import { checkPlan, located, type PlanCheck, type PlanCounts } from '../src/corpus/check.ts';
import { CorpusError, loadPlan, readManifest } from '../src/corpus/load.ts';
import type { PlanMeta } from '../src/corpus/types.ts';

const DEFAULT_DIR = 'corpus';

const COLUMNS: [keyof PlanCounts, string][] = [
  ['chapters', 'chapters'],
  ['sections', 'sections'],
  ['items', 'items'],
  ['boxes', 'boxes'],
  ['boxHeadings', 'box headings'],
  ['boxEntries', 'box entries'],
  ['indicators', 'indicators'],
  ['paragraphs', 'paragraphs'],
  ['departmentAnnotations', 'departments'],
];

interface Row {
  meta: PlanMeta;
  check: PlanCheck | null;
  /** Set when the plan could not be loaded at all. */
  failure: string | null;
}

/** Terminal width of a string: CJK characters take two cells. */
function cells(text: string): number {
  let width = 0;
  for (const ch of text) width += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
  return width;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - cells(text)));
}

function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - cells(text))) + text;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function checkAll(dir: string): Row[] {
  return readManifest(dir).map((meta): Row => {
    try {
      const plan = loadPlan(dir, meta);
      const source = fs.readFileSync(path.join(dir, meta.file), 'utf8');
      return { meta, check: checkPlan(plan, source, dir), failure: null };
    } catch (error) {
      if (!(error instanceof CorpusError)) throw error;
      return { meta, check: null, failure: error.message };
    }
  });
}

function printTable(rows: Row[]): void {
  const names = rows.map((row) => `${row.meta.id} ${row.meta.city}`);
  const nameWidth = Math.max(4, ...names.map(cells));
  const headers = [...COLUMNS.map(([, label]) => label), 'warnings', 'errors'];
  console.log([padEnd('plan', nameWidth), ...headers].join('  '));
  rows.forEach((row, index) => {
    const values = row.check
      ? [
          ...COLUMNS.map(([key]) => String(row.check?.counts[key])),
          String(row.check.warnings.length),
          String(row.check.errors.length),
        ]
      : [...COLUMNS.map(() => '-'), '-', 'FAILED'];
    const line = values.map((value, i) => padStart(value, cells(headers[i] ?? '')));
    console.log([padEnd(names[index] ?? '', nameWidth), ...line].join('  '));
  });
}

function printDetails(rows: Row[]): void {
  for (const row of rows) {
    const problems = row.failure ? [`error    ${row.failure}`] : [];
    const { check } = row;
    if (check) {
      for (const found of check.errors) problems.push(`error    ${located(check, found)}`);
      for (const found of check.warnings) problems.push(`warning  ${located(check, found)}`);
    }
    if (problems.length === 0) continue;
    console.log(`\n${row.meta.id} (${row.meta.city}, ${row.meta.file})`);
    for (const problem of problems) console.log(`  ${problem}`);
  }
}

function main(): number {
  const dir = process.argv[2] ?? DEFAULT_DIR;
  let rows: Row[];
  try {
    rows = checkAll(dir);
  } catch (error) {
    if (!(error instanceof CorpusError)) throw error;
    console.error(error.message);
    return 1;
  }
  console.log(`corpus:check: ${plural(rows.length, 'plan')} in ${dir}/manifest.json\n`);
  printTable(rows);
  printDetails(rows);

  const broken = rows.filter((row) => row.failure !== null || (row.check?.errors.length ?? 0) > 0);
  const warnings = rows.reduce((sum, row) => sum + (row.check?.warnings.length ?? 0), 0);
  console.log('');
  if (broken.length > 0) {
    console.log(
      `corpus:check: ${plural(broken.length, 'plan')} with errors (${broken.map((row) => row.meta.id).join(', ')}). ` +
        'Every non-blank line must be in a clause or on the skip list; ids unique; clauses non-empty and short enough.',
    );
    return 1;
  }
  console.log(`corpus:check: all ${plural(rows.length, 'plan')} clean (${plural(warnings, 'warning')} to review).`);
  return 0;
}

process.exitCode = main();
