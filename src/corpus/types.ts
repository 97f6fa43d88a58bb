// Plain data types of the parsed corpus: plans, clauses (the citable units) and indicator rows.
import type { PlanProblem } from './problems.ts';

/** Departments named in a 牵头部门/参与部门/责任单位/牵头单位 annotation. */
export interface Departments {
  lead: string[];
  participating: string[];
}

/**
 * What a clause is in the plan's structure.
 * chapter 一、 · section （一） · item 1. · box 专栏N · box-heading 一、资金类 inside a box ·
 * box-entry one entry of a box · indicator one row of the indicator table · paragraph anything else (preamble, background).
 */
export type ClauseKind =
  'chapter' | 'section' | 'item' | 'box' | 'box-heading' | 'box-entry' | 'indicator' | 'paragraph';

/** One row of a plan's indicator table (2020 baseline, 2025 target). */
export interface IndicatorRow {
  category: string | null;
  name: string;
  unit: string | null;
  /** null where the table has no 2020 column (永济). */
  value2020: string | null;
  value2025: string;
  attribute: '约束性' | '预期性' | null;
}

export interface Clause {
  /** Stable, URL-safe id derived from structure, e.g. jining-3-1-2, shuangyashan-box2-1-3. */
  id: string;
  planId: string;
  city: string;
  kind: ClauseKind;
  /** The number as written ("三、", "（一）", "2.", "专栏2"), or null. */
  number: string | null;
  /** The lead phrase (heading text without its number). */
  title: string;
  /** Heading path of the ancestors as written, outermost first ("三、重点任务和主要措施", "（一）强化残疾人社会保障"). */
  path: string[];
  /** The clause verbatim apart from whitespace, including its own number. */
  text: string;
  /** 1-based source line range, inclusive. */
  lines: [number, number];
  departments: Departments | null;
  indicator: IndicatorRow | null;
  parentId: string | null;
  /** Position in document order within its plan. */
  order: number;
  /** Heading depth for the viewer: 1 chapter, 2 section or box, 3 box heading; 0 for body clauses. */
  depth: number;
}

/** One entry of corpus/manifest.json. */
export interface PlanMeta {
  id: string;
  city: string;
  province: string;
  title: string;
  issuer: string;
  docNumber: string | null;
  /** ISO date, or null where the text does not state it (青州). */
  issued: string | null;
  period: string;
  file: string;
  seedFile: string;
}

/** A parser warning: a stable code with its line and values (src/corpus/problems.ts). */
export type ParseWarning = PlanProblem;

/**
 * What a document is: a five-year plan, implementing rules (第一条 articles), a service guide (办事指南: 申请材料,
 * 办理时限 … as fields), or a notice.
 */
export type PlanKind = 'plan' | 'rules' | 'guide' | 'notice';

/** When a document is in force (ISO dates as it states them; null where it does not say). */
export interface InForce {
  from: string | null;
  until: string | null;
  /** The 文号 of documents it says it repeals (《…》（济残发〔2023〕7号）同时废止), where it names any. */
  repeals?: string[];
}

export interface Plan extends PlanMeta {
  /** Absent for the shipped plans, which are all kind 'plan'. */
  kind?: PlanKind;
  /** The published version this text is (1, 2, …); absent or 0 for the shipped text of corpus/. */
  version?: number;
  /** When an uploaded document is in force (施行 … 有效期至), where it says so. */
  inForce?: InForce;
  /** The id of the document staff said replaces this one (src/corpus/in-force.ts: out of force once that one is). */
  supersededBy?: string;
  clauses: Clause[];
  /** How many clauses it has, known without reading them (a plan read back from src/corpus/plan-cache.ts). */
  clauseCount?: number;
  /**
   * What its clauses were parsed from, as a key (the parsed-corpus cache's and the plan id): the index snapshot is keyed
   * by it without reading the clauses. Absent for a plan parsed in this process (the snapshot hashes its clauses).
   */
  source?: string;
  /** Source lines deliberately left out of every clause (title block, table of contents, footer), with the reason. */
  skipped: { line: number; reason: string }[];
  warnings: ParseWarning[];
}
