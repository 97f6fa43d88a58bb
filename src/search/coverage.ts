// How much of a question a clause's text covers, and what it asks about that the text or the plan does not speak of: the
// re-ranker, the confidence of an answer and its reasons to decline read these.
import type { Concept } from './concept.ts';
import { HOTLINE, NO_THING } from './concept.ts';
import { LRUCache } from 'lru-cache';
import { CREATURE } from './subjects.ts';
import { HAN_ONLY } from './word-classes.ts';

/**
 * Does the text hold one of the concept's words or plan terms, or state it (年龄 → 16-59周岁)? A plan term of one
 * character is an item of a list (水、电、气、暖): it counts beside another of them, not alone (气 in 风气, 暖 in 温暖).
 */
export function covers(text: string, c: Concept): boolean {
  const single = c.terms.filter((t) => t.length === 1);
  return (
    c.forms.some((f) => holds(text, f)) ||
    c.terms.some((t) => t.length > 1 && text.includes(t)) ||
    (single.length > 1 && listed(text, single)) ||
    (c.stated?.test(text) ?? false)
  );
}

/** The text holds the word, or lists its characters one by one (水电气暖 in 水、电、气、暖), or says it split by a count. */
function holds(text: string, word: string): boolean {
  if (text.includes(word)) return true;
  if (word.length < 2) return false;
  const { listed, split } = sayings(word);
  // The split's parts are looked for first, which rules out nearly every text at once.
  return text.includes(listed) || (text.includes(word.slice(1)) && text.includes(word.charAt(0)) && split.test(text));
}

/**
 * A word's other sayings: its characters listed (水、电、气、暖) and a verb and its object said apart by a count, as
 * Chinese does (游园 in 游一次园, 看电影 in 看一场电影). They are kept for the words asked most recently (SAYINGS_KEPT): the
 * words come from residents' questions, without end, and every candidate clause is read for them.
 */
const SAYINGS_KEPT = 5000;
const sayingsOf = new LRUCache<string, { listed: string; split: RegExp }>({ max: SAYINGS_KEPT });
function sayings(word: string): { listed: string; split: RegExp } {
  let found = sayingsOf.get(word);
  if (found === undefined) {
    const [verb, ...object] = [...word];
    const split =
      word.length <= 3 && HAN_ONLY.test(word)
        ? new RegExp(`${verb}[一两二三四五六七八九十几\\d]{1,2}[次场本个回趟顿部首件]${object.join('')}`)
        : /$^/;
    found = { listed: [...word].join('、'), split };
    sayingsOf.set(word, found);
  }
  return found;
}

/** Two of the characters side by side or parted by a list mark (水电, 水、电). */
function listed(text: string, chars: readonly string[]): boolean {
  for (let i = 0; i + 1 < text.length; i++) {
    if (!chars.includes(text[i] as string)) continue;
    const next = /[、，,/]/.test(text[i + 1] as string) ? (text[i + 2] ?? '') : (text[i + 1] as string);
    if (next !== text[i] && chars.includes(next)) return true;
  }
  return false;
}

/**
 * What the question asks about that the plans do not speak of, for the clause that would answer it: things named in what
 * is asked that no clause holds (月球, 利率, 公积金), a number to call it does not give (12385 in a plan without it), and
 * the thing 它 points back to when the clause does not hold it.
 */
export function absentThings(concepts: readonly Concept[], text: string): string[] {
  // An animal said in one character is a thing of its own (养狗补贴: 狗), unless it names again one the message calls
  // by the plans' word for it (带着导盲犬 … 带着狗能上车不).
  const kind = concepts.some((c) => !c.unknown && (c.forms[0] ?? '').length > 1 && CREATURE.test(c.forms[0] ?? ''));
  const animal = (word: string) => word.length === 1 && !kind && CREATURE.test(word);
  return concepts
    .filter(
      (c) =>
        ((c.noun && ((c.unheard && !c.situation) || c.referent === true)) ||
          (HOTLINE.test(c.forms[0] ?? '') && !c.situation)) &&
        (!NO_THING.test(c.forms[0] ?? '') || animal(c.forms[0] ?? '')) &&
        !covers(text, c) &&
        // Half its letters said another way is the same thing (电子版 in a clause on 电子证照), a stray one is not (学校 in 魔法学校).
        c.grams.filter((g) => text.includes(g)).length * 2 < c.grams.length,
    )
    .map((c) => c.forms[0] ?? '');
}

/**
 * Things asked about that the asked city's plan never speaks of: the asker's word stands for plan terms (暖气费 → 水、电、
 * 气、暖) and no clause of that plan holds one (济宁's plan has no such clause; 永济's has). `covered(c)` looks in the
 * whole plan.
 */
export function absentInPlan(concepts: readonly Concept[], covered: (c: Concept) => boolean): string[] {
  return concepts
    .filter((c) => c.thing && c.terms.length > 0 && !c.situation && !NO_THING.test(c.forms[0] ?? '') && !covered(c))
    .map((c) => c.forms[0] ?? '');
}

/** A concept's weight in a coverage share: the story's concepts count `situationWeight` of theirs. */
const weightOf = (c: Concept, situationWeight: number) => c.weight * (c.situation ? situationWeight : 1);

/** The text holds a plan term the concept stands for, or states what it asks (年龄 → 16-59周岁): understood, not matched. */
const understood = (text: string, c: Concept) =>
  c.terms.some((t) => text.includes(t)) || (c.stated?.test(text) ?? false);

/**
 * How much of the question a text covers, in one pass (the re-ranker needs both for every candidate): `coverage` is the
 * share of the concepts' weight it covers by the asker's words or the plan terms they stand for; `gramCoverage` the share
 * of the concepts' bigrams it contains, where a concept covered through its plan terms (自闭症 → 孤独症, a homophone) or
 * stated (年龄 → 16-59周岁) counts whole: the words were understood, not matched letter for letter.
 */
export function coverages(
  text: string,
  concepts: readonly Concept[],
  situationWeight: number,
): { coverage: number; gramCoverage: number; covered: Concept[] } {
  let total = 0;
  let weightCovered = 0;
  let grams = 0;
  let found = 0;
  const covered: Concept[] = [];
  for (const c of concepts) {
    const weight = weightOf(c, situationWeight);
    total += weight;
    grams += c.grams.length;
    if (understood(text, c)) {
      weightCovered += weight;
      covered.push(c);
      found += c.grams.length;
      continue;
    }
    if (c.forms.some((f) => holds(text, f))) {
      weightCovered += weight;
      covered.push(c);
    }
    for (const g of c.grams) if (text.includes(g)) found += 1;
  }
  return {
    coverage: total === 0 ? 0 : weightCovered / total,
    gramCoverage: grams === 0 ? 0 : found / grams,
    covered,
  };
}

/**
 * The share of the question's weight (as `coverages` counts it) that the best of `passages`, stretches of a text,
 * covers: one concept said in each of two passages is covered by neither. `whole` is what `coverages` found in the whole
 * text; a passage covers no more, so only the concepts the whole text covers are looked for, and the search stops at a
 * passage that covers them all.
 */
export function passageCoverage(
  passages: readonly string[],
  concepts: readonly Concept[],
  situationWeight: number,
  whole: { coverage: number; covered: readonly Concept[] },
): number {
  if (passages.length <= 1 || whole.coverage === 0) return whole.coverage;
  const weighed = (list: readonly Concept[]) => list.reduce((sum, c) => sum + weightOf(c, situationWeight), 0);
  const total = weighed(concepts);
  let best = 0;
  for (const passage of passages) {
    const share =
      weighed(whole.covered.filter((c) => understood(passage, c) || c.forms.some((f) => holds(passage, f)))) / total;
    best = Math.max(best, share);
    if (best >= whole.coverage) break;
  }
  return best;
}

/**
 * `coverages` for judging how sure an answer is: the story's concepts the text does not cover are left out. They rank
 * the clauses (自闭症 told first finds 孤独症 clauses), but the plans not mentioning the asker's 老伴, 耳朵 or 打工 is no
 * reason to doubt an answer to what is asked.
 */
export function answerCoverages(
  text: string,
  concepts: readonly Concept[],
  situationWeight: number,
): { coverage: number; gramCoverage: number } {
  return coverages(
    text,
    concepts.filter((c) => !c.situation || covers(text, c)),
    situationWeight,
  );
}
