// `npm run bench -- --instances N`: N built instances (WORKERS=1 each) sharing a private PostgreSQL and Redis behind a
// private nginx (deploy/nginx.conf), beside one instance (WORKERS=1) with nothing set: c=64 for 20 s, answer cache off,
// throughput and p99 of each; and what the shared limits cost a request (Redis round trip, p50, sequential).
import http from 'node:http';
import { createLogger } from '../src/log.ts';
import { createRateLimiter, createSessionCounter } from '../src/server/rate-limit.ts';
import { killGroup, spawnServer, type SpawnedServer } from '../src/server/spawn.ts';
import { openRedisLimits } from '../src/store/redis-limits.ts';
import { startNginx, startPostgres, startRedis } from '../tests/store/servers.ts';
import { percentile, type BenchQuestion } from './bench-http.ts';

const CONCURRENCY = 64;
const LOAD_SECONDS = 20;
const LIMIT_TAKES = 5_000;

async function load(base: string, questions: BenchQuestion[]) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const url = new URL('/api/ask', base);
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const until = performance.now() + LOAD_SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const body = JSON.stringify(questions[next++ % questions.length]);
        const t = performance.now();
        const status = await new Promise<number>((resolve) => {
          const req = http.request(
            url,
            {
              agent,
              method: 'POST',
              headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
            },
            (res) => {
              res.resume();
              res.on('end', () => resolve(res.statusCode ?? 0));
            },
          );
          req.on('error', () => resolve(0));
          req.end(body);
        });
        if (status === 200) latencies.push(performance.now() - t);
        else errors++;
      }
    }),
  );
  agent.destroy();
  return {
    rps: latencies.length / ((performance.now() - started) / 1000),
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    errors,
  };
}

export async function benchInstances(
  count: number,
  questions: BenchQuestion[],
  row: (name: string, value: string) => void,
) {
  const env = { LIMIT_ANSWER_CACHE_ENTRIES: '0', LOG_LEVEL: 'info', WORKERS: '1' };
  const describe = (r: Awaited<ReturnType<typeof load>>) =>
    `${r.rps.toFixed(0)} asks/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${r.errors} errors`;

  const single = await spawnServer(env, { built: true, timeoutMs: 300_000 });
  await load(single.url, questions.slice(0, 50));
  row(
    `one instance, nothing set (WORKERS=1), c=${CONCURRENCY} ${LOAD_SECONDS} s`,
    describe(await load(single.url, questions)),
  );
  killGroup(single);

  const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  const servers: SpawnedServer[] = [];
  try {
    for (let i = 0; i < count; i++) {
      servers.push(
        await spawnServer(
          {
            ...env,
            DATABASE_URL: postgres.url,
            REDIS_URL: redis.url,
            TRUST_PROXY: '127.0.0.1',
            LIMIT_REQUESTS_PER_MINUTE: '100000000',
          },
          { built: true, timeoutMs: 300_000 },
        ),
      );
    }
    const nginx = await startNginx(servers.map((s) => s.url.replace('http://', '').replace('localhost', '127.0.0.1')));
    await load(nginx.url, questions.slice(0, 50));
    row(
      `${count} instances behind nginx, PostgreSQL + Redis (WORKERS=1 each), c=${CONCURRENCY} ${LOAD_SECONDS} s`,
      describe(await load(nginx.url, questions)),
    );
    await nginx.stop();

    // The limits' own cost per request: one take() after another, Redis (a round trip) beside the in-process counter.
    const limits = openRedisLimits(
      redis.url,
      { perMinute: 100_000_000, sessionsPerAddress: 20 },
      { requests: createRateLimiter(100), sessions: createSessionCounter(20) },
      createLogger('error'),
    );
    while (!limits.shared()) await new Promise((resolve) => setTimeout(resolve, 20));
    const local = createRateLimiter(100_000_000);
    const time = async (take: (key: string) => number | Promise<number>) => {
      const times: number[] = [];
      for (let i = 0; i < LIMIT_TAKES; i++) {
        const t = performance.now();
        await take(`198.51.100.${i % 200}`);
        times.push(performance.now() - t);
      }
      return percentile(times, 0.5);
    };
    const redisP50 = await time((key) => limits.requests.take(key));
    const localP50 = await time((key) => local.take(key));
    row(
      `shared limits, cost per request (${LIMIT_TAKES} sequential takes, p50)`,
      `Redis ${redisP50.toFixed(3)} ms vs in-process ${localP50.toFixed(4)} ms: +${(redisP50 - localP50).toFixed(3)} ms`,
    );
    await limits.close();
  } finally {
    for (const server of servers) killGroup(server);
    await redis.stop();
    postgres.destroy();
  }
}
