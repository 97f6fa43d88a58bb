// createApp(deps): the Hono app with its middleware, JSON routes, pages and error mapping. No listening here.
import { Hono } from 'hono';
import type { Config } from './config.ts';
import type { Corpus } from './corpus/corpus.ts';
import { citationPath } from './corpus/corpus.ts';
import type { Plan } from './corpus/types.ts';
import type { SearchFn } from './answer/types.ts';
import { AppError } from './errors.ts';
import type { Logger } from './log.ts';
import type { RecordStore } from './records.ts';
import type { RateLimiter } from './server/rate-limit.ts';
import { createSharedRateLimiter } from './server/cluster-limits.ts';
import { clientAddress, proxyTrust } from './server/client-address.ts';
import { readJson } from './server/body.ts';
import { securityHeaders } from './server/headers.ts';
import type { AppEnv } from './server/env.ts';
import type { HealthState } from './server/health.ts';
import { errorBody, errorResponse, json } from './server/json.ts';
import { staffOnly } from './server/staff-auth.ts';
import { requestTimeout } from './server/timeout.ts';
import { pageRoutes } from './server/pages.ts';
import { zValidator } from '@hono/zod-validator';
import type { AskFlow } from './ask/flow.ts';
import { parse, toAppError } from './ask/schema.ts';
import type { z } from 'zod';
import { documentsOf, primaryDocuments } from './corpus/documents.ts';
import { readInsight } from './admin/insight.ts';
import { insightCsv } from './admin/insight-csv.ts';

export interface AppDeps {
  config: Config;
  plans: Plan[];
  corpus: Corpus;
  search: SearchFn;
  records: RecordStore;
  log: Logger;
  /** `ready` once the index is built and until the worker drains; /healthz answers 503 otherwise. */
  ready: () => HealthState;
  /** Shared services that are down (`postgresql`): /healthz says `degraded` (200: questions are still answered). */
  degraded?: () => string[];
  /** Routes mounted after the API middleware (staff plan management, src/admin); one instance across corpus swaps. */
  extraRoutes?: Hono<AppEnv>;
  /** Kept across corpus swaps, so publishing a plan does not reset anyone's rate window. */
  rateLimiter?: RateLimiter;
  /** The one ask flow, shared with the voice and phone channels (built by src/runtime). */
  flow: AskFlow;
}

export type { AppEnv };
/** The app createApp builds. */
export type App = Hono<AppEnv>;

/** Hono's validator for a query string, failing with the schema's AppError (BAD_REQUEST for a malformed field). */
function query<S extends z.ZodType>(schema: S) {
  return zValidator('query', schema, (result) => {
    if (!result.success) throw toAppError(result.error as unknown as z.ZodError, 'BAD_REQUEST');
  });
}

/** Builds the app. Pure apart from what `deps` does. */
export function createApp(deps: AppDeps): App {
  const { config, corpus } = deps;
  const limits = config.limits;
  const app = new Hono<AppEnv>();
  const limiter = deps.rateLimiter ?? createSharedRateLimiter(limits.requestsPerMinutePerIp);
  const proxies = proxyTrust(config.trustProxy);
  const { flow } = deps;
  const { schemas } = flow;

  app.onError((error, c) => {
    if (error instanceof AppError) return errorResponse(error);
    // The error's name only: a message could quote the request (and so a question) next to nothing that identifies anyone,
    // but a stack or message from a library is not ours to vouch for.
    deps.log.error('unhandled_error', { name: (error as Error)?.name ?? typeof error, path: c.req.routePath });
    return json(errorBody('INTERNAL', '服务出了点问题，请稍后再试，或拨打 12385。'), 500);
  });
  app.notFound((c) => json(errorBody('NOT_FOUND', `没有这个地址：${c.req.path.slice(0, 200)}`), 404));

  app.use('*', securityHeaders());
  app.use('/api/*', async (c, next) => {
    const peer = c.env?.incoming?.socket?.remoteAddress;
    const wait = await limiter.take(clientAddress(peer, (name) => c.req.header(name), proxies));
    if (wait > 0) throw new AppError('RATE_LIMITED', `请求太频繁，请 ${wait} 秒后再试。`, wait);
    await next();
  });
  app.use('/api/*', requestTimeout(limits.requestTimeoutMs));

  app.get('/healthz', () => {
    const state = deps.ready();
    if (state !== 'ready') return json({ status: state }, 503);
    const degraded = deps.degraded?.() ?? [];
    if (degraded.length > 0) {
      return json({ status: 'degraded', down: degraded, documents: deps.plans.length, clauses: corpus.clauseCount });
    }
    return json({ status: 'ok', documents: deps.plans.length, clauses: corpus.clauseCount });
  });

  // One entry per city (its plan); the city's rules, guides and notices are listed under it.
  app.get('/api/cities', () =>
    json(
      primaryDocuments(deps.plans).map((plan) => ({
        id: plan.id,
        name: plan.city,
        province: plan.province,
        document: plan.title,
        issuer: plan.issuer,
        docNumber: plan.docNumber,
        issued: plan.issued,
        period: plan.period,
        documents: documentsOf(deps.plans, plan.city),
      })),
    ),
  );

  app.get('/api/clauses', query(schemas.cityQuery), (c) => {
    const name = flow.city(c.req.valid('query').city);
    const plans = name ? deps.plans.filter((plan) => plan.city === name) : deps.plans;
    return json({
      clauses: plans.flatMap((plan) =>
        plan.clauses.map((clause) => ({ ...clause, path: citationPath(clause), document: plan.title })),
      ),
    });
  });

  app.get('/api/clauses/:id', (c) => {
    const id = c.req.param('id');
    const clause = /^[a-z0-9-]{1,80}$/.test(id) ? corpus.clause(id) : undefined;
    if (!clause) throw new AppError('NOT_FOUND', `没有编号为 ${id.slice(0, 80)} 的条款。`);
    const plan = corpus.plan(clause.planId) as Plan;
    const neighbour = (offset: number) => plan.clauses[clause.order + offset]?.id ?? null;
    return json({
      ...clause,
      path: citationPath(clause),
      document: plan.title,
      url: `/docs/${plan.id}#${clause.id}`,
      previous: neighbour(-1),
      next: neighbour(1),
    });
  });

  app.post('/api/ask', async (c) => {
    const request = parse(schemas.askBody, await readJson(c, limits.bodyBytes), 'BAD_REQUEST');
    await flow.ready(request);
    return json(flow.answer(request, 'http'));
  });

  app.get('/api/search', query(schemas.searchQuery), (c) => {
    const { q, city, limit } = c.req.valid('query');
    return json({ hits: deps.search(q, { city: flow.city(city), limit }) });
  });

  app.post('/api/feedback', async (c) => {
    const body = parse(schemas.feedbackBody, await readJson(c, limits.bodyBytes), 'BAD_REQUEST');
    if (body.citationIds.some((id) => !corpus.clause(id))) {
      throw new AppError('BAD_REQUEST', 'citationIds 必须是已知条款编号的列表。');
    }
    if (!(await flow.feedback(body, 'http'))) throw new AppError('INTERNAL', '反馈没能保存，请稍后再试。');
    return c.body(null, 204);
  });

  app.get('/api/admin/unanswered', staffOnly(config), query(schemas.reportQuery), async (c) => {
    const report = c.req.valid('query');
    return json({
      retentionDays: limits.retentionDays,
      cities: await deps.records.unansweredReport(report.limit, flow.city(report.city)),
    });
  });

  app.get('/api/admin/insight', staffOnly(config), async () => json(await readInsight(deps.records)));

  app.get('/api/admin/insight.csv', staffOnly(config), async (c) => {
    const day = new Date().toISOString().slice(0, 10);
    return c.body(insightCsv(await readInsight(deps.records)), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="insight-${day}.csv"`,
    });
  });

  if (deps.extraRoutes) app.route('/', deps.extraRoutes);
  app.route('/', pageRoutes(deps));
  return app;
}
