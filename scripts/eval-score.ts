// Scores answers against gold evidence (shared/eval/README.md): hit@k, compare coverage, abstention, per kind, misses.
import type { AskFn, AskResponse } from '../src/answer/types.ts';
import { matchKey } from '../src/corpus/text.ts';

export interface EvalItem {
  id: string;
  question: string;
  context?: string[];
  city: string | null;
  city_in_question: boolean;
  kind: string;
  expect: { file: string; quote: string }[];
}

/** Seed file → city, as in docs/product.md. */
const SEED_CITY: Record<string, string> = {
  '000_f9a15bcab960cf02.txt': '青州',
  '001_b94ac6c76bdd3040.txt': '双鸭山',
  '002_5bf64058b5ed9e5e.txt': '永济',
  '003_d69efc627f7d24d0.txt': '济宁',
  '004_a21516f2c4b52b0d.txt': '张掖',
};

export interface EvalReport {
  hit1: number;
  hit3: number;
  compareCovered: number;
  compareTotal: number;
  abstained: number;
  unanswerable: number;
  falseAbstention: number;
  crossCity: number;
  text: string;
}

function hitRank(item: EvalItem, response: AskResponse): number {
  const quotes = item.expect.map((e) => matchKey(e.quote));
  const index = response.citations.findIndex(
    (c) => c.text.length <= 1500 && quotes.some((q) => matchKey(c.text).includes(q)),
  );
  return index === -1 ? Infinity : index + 1;
}

/** Runs every item through `ask` (history and city as the eval README says) and scores it. */
export function scoreEval(items: EvalItem[], ask: AskFn): EvalReport {
  const kinds = new Map<string, { n: number; h1: number; h3: number }>();
  const misses: string[] = [];
  let answerable = 0;
  let hit1 = 0;
  let hit3 = 0;
  let compareCovered = 0;
  let compareTotal = 0;
  let abstained = 0;
  let unanswerable = 0;
  let falseAbstention = 0;
  let crossCity = 0;
  for (const item of items) {
    const response = ask({
      question: item.question,
      history: item.context ?? [],
      city: item.city_in_question ? null : item.city,
      mode: 'standard',
    });
    const kind = kinds.get(item.kind) ?? { n: 0, h1: 0, h3: 0 };
    kinds.set(item.kind, kind);
    kind.n += 1;
    if (item.city && response.citations.some((c) => c.city !== item.city)) crossCity += 1;
    if (item.kind === 'unanswerable') {
      unanswerable += 1;
      if (!response.answered) {
        abstained += 1;
        kind.h1 += 1;
        kind.h3 += 1;
      } else misses.push(`${item.id} [unanswerable] answered: ${response.answer.slice(0, 80)}`);
      continue;
    }
    answerable += 1;
    if (!response.answered) falseAbstention += 1;
    const at = hitRank(item, response);
    if (at <= 1) {
      hit1 += 1;
      kind.h1 += 1;
    }
    if (at <= 3) {
      hit3 += 1;
      kind.h3 += 1;
    }
    if (item.kind === 'compare') {
      compareTotal += 1;
      const cities = new Set(item.expect.map((e) => SEED_CITY[e.file]));
      const top5 = response.citations.slice(0, 5);
      const covered = [...cities].every((city) =>
        top5.some(
          (c) =>
            c.city === city &&
            item.expect.some((e) => SEED_CITY[e.file] === city && matchKey(c.text).includes(matchKey(e.quote))),
        ),
      );
      if (covered) compareCovered += 1;
      else misses.push(`${item.id} [compare] cities ${[...cities].join('/')} got ${top5.map((c) => c.id).join(', ')}`);
    }
    if (at > 1) {
      const got = response.answered
        ? response.citations
            .slice(0, 3)
            .map((c) => `${c.id} ${c.text.slice(0, 30)}`)
            .join(' | ')
        : 'answered:false';
      misses.push(`${item.id} [${item.kind}] hit@${at === Infinity ? '-' : at} ${item.question} → ${got}`);
    }
  }
  const pct = (a: number, b: number) => (b === 0 ? '-' : (a / b).toFixed(3));
  const lines = [
    `dev questions: ${items.length} (answerable ${answerable}, unanswerable ${unanswerable})`,
    ...[...kinds].map(
      ([k, v]) => `  ${k.padEnd(14)} n=${String(v.n).padStart(2)}  hit@1 ${pct(v.h1, v.n)}  hit@3 ${pct(v.h3, v.n)}`,
    ),
    'misses:',
    ...misses.map((m) => `  ${m}`),
    `hit@1 ${pct(hit1, answerable)}  hit@3 ${pct(hit3, answerable)}  compare ${compareCovered}/${compareTotal}  abstention ${abstained}/${unanswerable}  false abstention ${pct(falseAbstention, answerable)}  cross-city citations ${crossCity}`,
  ];
  return {
    hit1: hit1 / answerable,
    hit3: hit3 / answerable,
    compareCovered,
    compareTotal,
    abstained,
    unanswerable,
    falseAbstention: falseAbstention / answerable,
    crossCity,
    text: lines.join('\n'),
  };
}
