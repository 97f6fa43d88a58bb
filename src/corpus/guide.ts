// A service guide (办事指南) read as its fields (事项名称, 申请材料, 办理时限 …): each field is one citable clause, so
// 要带什么材料 or 多久能批 is answered by quoting the field that says it.
import type { Clause, PlanMeta } from './types.ts';
import type { ParseResult } from './parse.ts';
import { readLines } from './lines.ts';
import { collapseSpaces } from './text.ts';
import { problem } from './problems.ts';

/** The fields of a guide, as the national 办事指南 template names them (with the names some cities use instead). */
export const GUIDE_FIELDS: readonly { field: string; names: readonly string[] }[] = [
  { field: '事项名称', names: ['事项名称', '服务事项'] },
  { field: '设定依据', names: ['设定依据', '实施依据', '政策依据'] },
  { field: '申请条件', names: ['申请条件', '受理条件', '办理条件', '申办条件'] },
  { field: '申请材料', names: ['申请材料', '所需材料', '申报材料', '提交材料'] },
  { field: '办理流程', names: ['办理流程', '办理程序', '办事流程'] },
  { field: '办理时限', names: ['办理时限', '承诺时限', '法定时限', '承诺办结时限'] },
  { field: '收费标准', names: ['收费标准', '收费依据及标准', '是否收费'] },
  { field: '咨询电话', names: ['咨询电话', '咨询方式', '联系电话', '监督电话'] },
  { field: '办理地点', names: ['办理地点', '受理地点', '办理地址', '办公地址'] },
];

const NAMES = GUIDE_FIELDS.flatMap((f) => f.names).sort((a, b) => b.length - a.length);
/** A field label at the start of a line, numbered or not (四、申请材料 / （四）申请材料 / 申请材料：…). */
const LABEL = new RegExp(
  `^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\\d]+[）)]|\\d+[、.．])?\\s*(${NAMES.join('|')})\\s*[：:]?\\s*(.*)$`,
);

/** The field a label names (受理条件 → 申请条件), or null. */
export function fieldOf(label: string): string | null {
  return GUIDE_FIELDS.find((f) => f.names.includes(label))?.field ?? null;
}

/** The guide field a clause is, or null for a clause of any other document. */
export function guideField(clause: Pick<Clause, 'title' | 'id'>): string | null {
  return /-f\d+$/.test(clause.id) ? fieldOf(clause.title) : null;
}

/** Whether a text reads as a service guide: at least three field labels, each starting its own line. */
export function looksLikeGuide(text: string): boolean {
  const found = new Set<string>();
  for (const line of readLines(text)) {
    const m = LABEL.exec(line.text);
    if (m?.[1]) found.add(fieldOf(m[1]) ?? m[1]);
  }
  return found.size >= 3;
}

/**
 * Parses a guide: the lines before its first field are its title block (skipped); each field runs to the next field's
 * label. A field is clause `<id>-f<N>` titled by its template name, its text `申请材料：…` as staff wrote it.
 */
export function parseGuide(source: string, meta: Pick<PlanMeta, 'id' | 'city' | 'title'>): ParseResult {
  const clauses: Clause[] = [];
  const skipped: ParseResult['skipped'] = [];
  const warnings: ParseResult['warnings'] = [];
  let open: { clause: Clause; parts: string[] } | null = null;
  const close = () => {
    if (!open) return;
    open.clause.text = collapseSpaces(open.parts.join(''));
    if (open.parts.length === 1)
      warnings.push(problem(open.clause.lines[0], 'GUIDE_FIELD_EMPTY', { field: open.clause.title }));
    open = null;
  };
  for (const line of readLines(source)) {
    const m = LABEL.exec(line.text);
    const field = m?.[1] ? fieldOf(m[1]) : null;
    if (field && m) {
      close();
      const clause: Clause = {
        id: `${meta.id}-f${clauses.length + 1}`,
        planId: meta.id,
        city: meta.city,
        kind: 'item',
        number: null,
        title: field,
        path: [],
        text: '',
        lines: [line.no, line.no],
        departments: null,
        indicator: null,
        parentId: null,
        order: clauses.length,
        depth: 0,
      };
      clauses.push(clause);
      open = { clause, parts: [`${field}：`, ...(m[2] ? [m[2]] : [])] };
    } else if (open) {
      open.parts.push(line.text);
      open.clause.lines[1] = line.no;
    } else {
      skipped.push({ line: line.no, reason: 'title block' });
    }
  }
  close();
  if (clauses.length === 0) warnings.push(problem(0, 'GUIDE_NO_FIELD', {}));
  return { clauses, skipped, warnings };
}

/** The fields of a guide an operator reads out to a caller, in this order (设定依据 is for staff, not callers). */
export const CARD_FIELDS: readonly string[] = [
  '事项名称',
  '申请条件',
  '申请材料',
  '办理流程',
  '办理时限',
  '收费标准',
  '咨询电话',
  '办理地点',
];

/** One field of the card: its template name and its text without the label (申请材料 → "1.申请人居民身份证…"). */
export interface GuideCardField {
  field: string;
  text: string;
}

/** The card of a guide: those of CARD_FIELDS the guide has, in CARD_FIELDS order (the first of a repeated field). */
export function guideCard(clauses: readonly Pick<Clause, 'title' | 'id' | 'text'>[]): GuideCardField[] {
  const found = new Map<string, string>();
  for (const clause of clauses) {
    const field = guideField(clause);
    if (!field || found.has(field)) continue;
    found.set(field, clause.text.replace(new RegExp(`^${field}[：:]?`), '').trim());
  }
  return CARD_FIELDS.filter((f) => found.has(f)).map((field) => ({ field, text: found.get(field) ?? '' }));
}
