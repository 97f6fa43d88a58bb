// What staff need and nothing more: feedback and unanswered questions, identifiers redacted, no IP, no session.
import fs from 'node:fs';
import path from 'node:path';

export interface FeedbackRecord {
  rating: 'up' | 'down';
  question: string;
  citationIds: string[];
  reason: string;
}

export interface UnansweredRecord {
  question: string;
  city: string | null;
}

export interface RecordStore {
  feedback(record: FeedbackRecord): void;
  unanswered(record: UnansweredRecord): void;
  /** Most frequent unanswered questions per city. */
  unansweredReport(limit: number): { city: string | null; question: string; count: number }[];
}

const IDENTIFIERS: [RegExp, string][] = [
  [/\d{17}[\dXx]|\d{15}/g, '[身份证号]'],
  [/(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}/g, '[手机号]'],
  [/0\d{2,3}[- ]?\d{7,8}/g, '[电话]'],
  [/[\w.+-]+@[\w-]+\.[\w.]+/g, '[邮箱]'],
];

/** Replaces ID-card, phone numbers and e-mail addresses before anything is stored. */
export function redact(text: string): string {
  return IDENTIFIERS.reduce((out, [pattern, label]) => out.replace(pattern, label), text);
}

/** Appends JSON lines under `dir` (created on first write); keeps an in-memory tally for the staff report. */
export function createRecordStore(dir: string | null): RecordStore {
  const tally = new Map<string, { city: string | null; question: string; count: number }>();
  const append = (file: string, value: object) => {
    if (!dir) return;
    fs.mkdirSync(dir, { recursive: true });
    fs.appendFileSync(path.join(dir, file), `${JSON.stringify({ time: new Date().toISOString(), ...value })}\n`);
  };
  return {
    feedback(record) {
      append('feedback.jsonl', { ...record, question: redact(record.question), reason: redact(record.reason) });
    },
    unanswered(record) {
      const question = redact(record.question);
      const key = `${record.city ?? ''}\u0000${question}`;
      const entry = tally.get(key) ?? { city: record.city, question, count: 0 };
      entry.count += 1;
      tally.set(key, entry);
      append('unanswered.jsonl', { city: record.city, question });
    },
    unansweredReport(limit) {
      return [...tally.values()].sort((a, b) => b.count - a.count).slice(0, limit);
    },
  };
}
