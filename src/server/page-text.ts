// The UI strings as a page is served them: `{cityCount}` and `{period}` filled from the plans being served and the
// limit names (`{questionChars}`) from the configuration, so no page repeats a number the server knows (a plan
// skipped at start-up or withdrawn by staff changes what the footer says).
import type { Plan } from '../corpus/types.ts';
import strings from '../../web/messages/zh-CN.json' with { type: 'json' };

export type Strings = typeof strings;
/** Values for `{name}` placeholders of the UI strings. */
export type PageFacts = Record<string, string | number>;

/** Fills {name} placeholders of a UI string. */
export function format(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

const NUMERALS = ['零', '一', '两', '三', '四', '五', '六', '七', '八', '九', '十'];

/** How many cities the served plans cover (in Chinese up to 十, “两个市” for two) and their periods (2021—2025). */
export function planFacts(plans: readonly Pick<Plan, 'city' | 'period'>[]): PageFacts {
  const cities = new Set(plans.map((plan) => plan.city)).size;
  const periods = [...new Set(plans.map((plan) => plan.period.replace(/\s*[-–—至]\s*/, '—')))];
  return { cityCount: NUMERALS[cities] ?? String(cities), period: periods.join('、') };
}

/** The strings table with every `{name}` of `facts` filled in; other placeholders ({topic}, {n}) stay for the page. */
export function fillStrings(facts: PageFacts): Strings {
  return JSON.parse(JSON.stringify(strings), (_key, value: unknown) =>
    typeof value === 'string' ? format(value, facts) : value,
  ) as Strings;
}
