// The records store: identifiers redacted in realistic Chinese formats, SQLite in WAL mode, retention, restart.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { RECORDS_FILE, createRecordStore, redact } from '../../src/records.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'records-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('redact', () => {
  it.each([
    ['我的身份证号是370802199001011234，能办吗', '我的身份证号是[身份证号]，能办吗'],
    ['身份证 37080219900101123X', '身份证 [身份证号]'],
    ['身份证 37080219900101123x', '身份证 [身份证号]'],
    ['身份证号 370802 19900101 123X', '身份证号 [身份证号]'],
    ['身份证号 3708-0219-9001-0112-34', '身份证号 [身份证号]'],
    ['老身份证 370802900101123', '老身份证 [身份证号]'],
    ['残疾证号37080219900101123X42', '残疾证号[残疾证号]'],
    ['全角身份证３７０８０２１９９００１０１１２３Ｘ', '全角身份证[身份证号]'],
    ['手机13812345678', '手机[手机号]'],
    ['打我电话 138 1234 5678 谢谢', '打我电话 [手机号] 谢谢'],
    ['电话138-1234-5678', '电话[手机号]'],
    ['+86 13812345678', '[手机号]'],
    ['+86-138-1234-5678', '[手机号]'],
    ['008613812345678', '[手机号]'],
    ['全角手机１３８１２３４５６７８', '全角手机[手机号]'],
    ['座机0537-2345678', '座机[电话]'],
    ['座机（0537）2345678', '座机[电话]'],
    ['座机(010)87654321转123', '座机[电话]'],
    ['座机 0537 23456789', '座机 [电话]'],
    ['邮箱 zhang.san+1@qq.com 联系', '邮箱 [邮箱] 联系'],
    ['邮箱 张三@163.com', '邮箱 [邮箱]'],
    ['邮箱 wang_li@jining.gov.cn。', '邮箱 [邮箱]。'],
    ['加我QQ 123456789', '加我QQ [账号]'],
    ['微信号：wxid_abc123', '微信号：[账号]'],
    ['银行卡 6222 0212 3456 7890 123', '银行卡 [卡号]'],
    ['银行卡6222021234567890', '银行卡[卡号]'],
    ['我家电话2345678', '我家电话[号码]'],
    ['案件编号 20231234567', '案件编号 [号码]'],
  ])('redacts %s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it.each([
    '2021-2025年的规划还有效吗',
    '一级肢体残疾每月补贴多少元，比如1000元',
    '12385 热线几点上班',
    '残疾人就业率达到100%了吗',
    '济宁市残疾人事业发展“十四五”规划第3章',
  ])('leaves %s as it is', (text) => {
    expect(redact(text)).toBe(text);
  });
});

describe('createRecordStore', () => {
  it('keeps rows in memory with a null directory', () => {
    const store = createRecordStore(null);
    store.feedback({ rating: 'up', question: '护理补贴', citationIds: ['jining-3-1-2'], reason: '' });
    store.unanswered({ question: '火星基地', city: null });
    expect(store.counts()).toEqual({ feedback: 1, unanswered: 1 });
    store.close();
  });

  it('stores redacted text only, in a WAL-mode database that survives a restart', () => {
    const dir = tempDir();
    const store = createRecordStore(dir);
    store.feedback({
      rating: 'down',
      question: '我叫李四 13812345678',
      citationIds: ['jining-3-1-2'],
      reason: '身份证370802199001011234',
    });
    for (let i = 0; i < 3; i++) store.unanswered({ question: '火星基地有补贴吗', city: '济宁' });
    store.unanswered({ question: '月球车 0537-2345678', city: '济宁' });
    store.unanswered({ question: '外星人', city: null });
    store.close();

    const reopened = createRecordStore(dir);
    expect(reopened.counts()).toEqual({ feedback: 1, unanswered: 5 });
    expect(reopened.unansweredReport(1)).toEqual([
      {
        city: '济宁',
        total: 4,
        questions: [{ question: '火星基地有补贴吗', count: 3, lastAsked: expect.any(String) }],
      },
      { city: null, total: 1, questions: [{ question: '外星人', count: 1, lastAsked: expect.any(String) }] },
    ]);
    reopened.close();

    const db = new Database(path.join(dir, RECORDS_FILE), { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const stored = JSON.stringify([
      db.prepare('SELECT question, reason FROM feedback').all(),
      db.prepare('SELECT question FROM unanswered').all(),
    ]);
    db.close();
    expect(stored).toContain('[手机号]');
    expect(stored).toContain('[身份证号]');
    expect(stored).toContain('[电话]');
    expect(stored).not.toMatch(/\d{7,}/);
  });

  it('deletes rows older than the retention window and beyond the row limit', () => {
    const dir = tempDir();
    const store = createRecordStore(dir, { retentionDays: 30, maxRows: 5 });
    for (let i = 0; i < 8; i++) store.unanswered({ question: `问题${i}`, city: '永济' });
    store.feedback({ rating: 'up', question: '', citationIds: [], reason: '' });
    expect(store.prune()).toBe(3);
    expect(store.counts()).toEqual({ feedback: 1, unanswered: 5 });
    expect(
      store
        .unansweredReport(10)[0]
        ?.questions.map((q) => q.question)
        .sort(),
    ).toEqual(['问题3', '问题4', '问题5', '问题6', '问题7']);
    expect(store.prune(Date.now() + 31 * 86_400_000)).toBe(6);
    expect(store.counts()).toEqual({ feedback: 0, unanswered: 0 });
    store.close();
  });

  it('lets two stores on one file write at once (two workers)', () => {
    const dir = tempDir();
    const a = createRecordStore(dir);
    const b = createRecordStore(dir);
    for (let i = 0; i < 50; i++) {
      a.unanswered({ question: 'a', city: null });
      b.unanswered({ question: 'b', city: null });
    }
    expect(a.counts().unanswered).toBe(100);
    a.close();
    b.close();
  });
});

describe('insight rows', () => {
  it('adds the insight columns to a file made before them and reads its rows with a key from the question', () => {
    const dir = tempDir();
    const old = new Database(path.join(dir, RECORDS_FILE));
    old.exec(`CREATE TABLE feedback (id INTEGER PRIMARY KEY, time INTEGER NOT NULL, rating TEXT NOT NULL,
      question TEXT NOT NULL, citation_ids TEXT NOT NULL, reason TEXT NOT NULL);
      CREATE TABLE unanswered (id INTEGER PRIMARY KEY, time INTEGER NOT NULL, city TEXT, question TEXT NOT NULL,
      question_key TEXT NOT NULL);`);
    const now = Date.now();
    old
      .prepare('INSERT INTO unanswered (time, city, question, question_key) VALUES (?, ?, ?, ?)')
      .run(now, '济宁', '火星补贴？', '火星补贴');
    old
      .prepare('INSERT INTO feedback (time, rating, question, citation_ids, reason) VALUES (?, ?, ?, ?, ?)')
      .run(now, 'down', '导盲犬，坐地铁？', '[]', '没说');
    old.close();
    const store = createRecordStore(dir);
    const rows = store.insightRows(now - 1, 10);
    expect(rows.map((r) => [r.kind, r.city, r.key, r.topic, r.reason, r.versions])).toEqual([
      ['down', null, '导盲犬坐地铁', null, '没说', []],
      ['unanswered', '济宁', '火星补贴', null, '', []],
    ]);
    store.unanswered({ question: '能领多少钱', city: '济宁', outcome: 'low' });
    expect(store.insightRows(now - 1, 10).map((r) => r.kind)).toEqual(['down', 'unanswered', 'low']);
    expect(store.unansweredReport(10).map((c) => c.total)).toEqual([1]);
    store.close();
  });
});
