// The PostgreSQL records store against a real PostgreSQL 15: the SQLite store's redaction, report and retention; the
// migrations applied once when two instances start together; feedback refused (never falsely saved) and unanswered
// questions queued while the server is stopped, then written when it is back.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.ts';
import { MIGRATIONS, migrate } from '../../src/store/migrations.ts';
import { openPool } from '../../src/store/pg-pool.ts';
import { createPgRecordStore } from '../../src/store/pg-records.ts';
import { HAS_SERVERS, startPostgres, type Postgres } from './servers.ts';

const log = createLogger('error');
const OPTIONS = { retentionDays: 30, maxRows: 5, busyTimeoutMs: 0, queueMax: 3 };

describe.runIf(HAS_SERVERS)('PostgreSQL records', () => {
  let server: Postgres;
  let pool: pg.Pool;

  beforeAll(async () => {
    server = await startPostgres();
    pool = openPool(server.url, log);
  }, 60_000);
  afterAll(async () => {
    await pool?.end();
    server?.destroy();
  });

  it('applies every migration exactly once when two instances start together', async () => {
    const other = openPool(server.url, log);
    const [a, b] = await Promise.all([migrate(pool), migrate(other)]);
    await other.end();
    expect([...a, ...b].sort()).toEqual([1, 2, 3, 4]);
    const rows = await pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(rows.rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await migrate(pool)).toEqual([]);
  });

  it('redacts identifiers and groups unanswered questions per city as the SQLite store does', async () => {
    const store = createPgRecordStore(pool, log, { ...OPTIONS, maxRows: 100 });
    store.unanswered({ question: '我的电话13812345678，能办残疾证吗', city: '济宁' });
    store.unanswered({ question: '我的电话 139 1234 5678，能办残疾证吗？', city: '济宁' });
    store.unanswered({ question: '火星有补贴吗', city: null });
    await store.feedback({
      rating: 'down',
      question: '身份证370802199001011234',
      citationIds: ['jining-1'],
      reason: '',
    });
    await expect.poll(async () => (await store.counts()).unanswered).toBe(3);
    const report = await store.unansweredReport(10);
    expect(report.map((c) => [c.city, c.total])).toEqual([
      ['济宁', 2],
      [null, 1],
    ]);
    expect(report[0]!.questions).toMatchObject([{ question: '我的电话 [手机号]，能办残疾证吗？', count: 2 }]);
    const fb = await pool.query<{ question: string }>('SELECT question FROM feedback');
    expect(fb.rows.map((r) => r.question)).toEqual(['身份证[身份证号]']);
    expect((await store.unansweredReport(10, '济宁')).map((c) => c.city)).toEqual(['济宁']);
    await store.close();
  });

  it('keeps the rows of the insight page: why, topic, key and the versions live when asked', async () => {
    await pool.query('DELETE FROM unanswered; DELETE FROM feedback');
    const store = createPgRecordStore(pool, log, { ...OPTIONS, maxRows: 100 });
    const context = {
      topic: '重度残疾人护理补贴',
      key: '重度残疾人护理补贴一个月多少钱',
      asked: 'amount',
      versions: [{ id: 'jining', version: 2 }],
    };
    const since = Date.now() - 1000;
    store.unanswered({ question: '济宁重度残疾人护理补贴一个月多少钱', city: '济宁', context });
    store.unanswered({ question: '重度残疾人护理补贴一个月多少钱', city: '济宁', outcome: 'low', context });
    await store.feedback({
      rating: 'down',
      question: '重度残疾人护理补贴一个月多少钱',
      citationIds: ['jining-1'],
      reason: '没说金额，电话13812345678',
      city: '济宁',
      context,
    });
    await store.feedback({ rating: 'up', question: '好', citationIds: [], reason: '' });
    await expect.poll(async () => (await store.counts()).unanswered).toBe(2);
    const rows = (await store.insightRows(since, 100)).sort((a, b) => b.kind.localeCompare(a.kind));
    expect(rows.map((r) => [r.kind, r.city, r.topic, r.key, r.asked, r.reason])).toEqual([
      ['unanswered', '济宁', '重度残疾人护理补贴', '重度残疾人护理补贴一个月多少钱', 'amount', ''],
      ['low', '济宁', '重度残疾人护理补贴', '重度残疾人护理补贴一个月多少钱', 'amount', ''],
      ['down', '济宁', '重度残疾人护理补贴', '重度残疾人护理补贴一个月多少钱', 'amount', '没说金额，电话[手机号]'],
    ]);
    expect(rows.every((r) => r.versions[0]?.id === 'jining' && r.versions[0].version === 2)).toBe(true);
    expect((await store.unansweredReport(10)).map((c) => c.total)).toEqual([1]);
    await store.close();
  });

  it('deletes rows beyond the row limit and older than the retention window', async () => {
    await pool.query('DELETE FROM unanswered; DELETE FROM feedback');
    const store = createPgRecordStore(pool, log, { ...OPTIONS, queueMax: 100 });
    // The pass the store runs when it opens, on empty tables.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await pool.query(
      'INSERT INTO feedback (time, rating, question, citation_ids, reason) VALUES ($1, $2, $3, $4, $5)',
      [Date.now() - 31 * 86_400_000, 'up', 'old', '[]', ''],
    );
    for (let i = 0; i < 7; i++) store.unanswered({ question: `问题${i}`, city: null });
    await expect.poll(async () => (await store.counts()).unanswered, { timeout: 5_000 }).toBe(7);
    expect(await store.prune()).toBe(1 + 2);
    expect(await store.counts()).toEqual({ feedback: 0, unanswered: 5 });
    await store.close();
  });

  it('refuses feedback with STORE_UNAVAILABLE and queues at most LIMIT_RECORD_QUEUE unanswered questions while stopped', async () => {
    await pool.query('DELETE FROM unanswered');
    const store = createPgRecordStore(pool, log, OPTIONS);
    server.stop();
    await expect(store.feedback({ rating: 'up', question: 'q', citationIds: [], reason: '' })).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
    });
    expect(store.available()).toBe(false);
    for (let i = 0; i < 5; i++) store.unanswered({ question: `停机时的问题${i}`, city: '张掖' });
    expect(store.queued()).toBe(3);
    server.start();
    await expect.poll(() => store.queued(), { timeout: 10_000 }).toBe(0);
    expect(store.available()).toBe(true);
    const rows = await pool.query<{ question: string }>('SELECT question FROM unanswered ORDER BY id');
    expect(rows.rows.map((r) => r.question)).toEqual(['停机时的问题2', '停机时的问题3', '停机时的问题4']);
    await store.close();
  }, 30_000);
});
