// The plan registry and every uploaded version's text in PostgreSQL (DATABASE_URL), for many instances. A change runs
// in one transaction holding the registry row's lock, writes the staff action to the audit log in the same
// transaction, and NOTIFYs every instance; each keeps the registry and the texts in memory (what it serves from) and
// refreshes them on the notification, or after reconnecting, since a notification sent while it was away is lost.
import pg from 'pg';
import { AppError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { EMPTY_REGISTRY, type Registry } from '../admin/registry.ts';
import type { AuditEntry, PlanStore, PlanChange } from '../admin/store.ts';
import { PG_CONNECT_MS, pgCode } from './pg-pool.ts';

/** The channel publishing notifies on. */
export const PLANS_CHANNEL = 'plans_changed';
/** Wait before listening again after the listening connection was lost. */
export const RELISTEN_MS = 1_000;

export interface PgPlanStore extends PlanStore {
  update<T>(change: PlanChange<T>, audit?: AuditEntry): Promise<T>;
  /** Re-reads the registry and any text not yet in memory. */
  refresh(): Promise<void>;
}

/** Opens the store over `pool` (migrated beforehand) and loads what it serves; `url` is for the listening connection. */
export async function openPgPlanStore(pool: pg.Pool, url: string, log: Logger): Promise<PgPlanStore> {
  let registry: Registry = EMPTY_REGISTRY;
  const texts = new Map<string, string>();
  const textKey = (id: string, version: number) => `${id}/${version}`;

  const refresh = async () => {
    const row = await pool.query<{ registry: Registry }>('SELECT registry FROM plan_registry');
    const next = row.rows[0]?.registry ?? EMPTY_REGISTRY;
    const missing = next.plans.flatMap((p) =>
      p.versions.filter((v) => !texts.has(textKey(p.id, v.version))).map((v) => [p.id, v.version] as const),
    );
    if (missing.length > 0) {
      const found = await pool.query<{ plan_id: string; version: number; text: string }>(
        'SELECT plan_id, version, text FROM plan_texts WHERE (plan_id, version) IN (SELECT * FROM unnest($1::text[], $2::int[]))',
        [missing.map(([id]) => id), missing.map(([, v]) => v)],
      );
      for (const t of found.rows) texts.set(textKey(t.plan_id, t.version), t.text);
    }
    registry = next;
  };
  await refresh();

  return {
    where: 'postgresql:plan_registry',
    read: () => registry,
    text(id, version) {
      const text = texts.get(textKey(id, version));
      if (text === undefined) throw new Error(`store: no text of ${id} version ${version} in PostgreSQL`);
      return text;
    },
    refresh,
    async update(change, audit) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        log.warn('pg_unavailable', { during: 'plans', name: (error as Error).name, code: pgCode(error) });
        throw new AppError('STORE_UNAVAILABLE', '规划库暂时连不上，没有保存任何改动，请稍后再试。');
      }
      try {
        await client.query('BEGIN');
        await client.query(
          `INSERT INTO plan_registry (generation, registry) VALUES (0, $1) ON CONFLICT (singleton) DO NOTHING`,
          [JSON.stringify(EMPTY_REGISTRY)],
        );
        const current = (await client.query<{ registry: Registry }>('SELECT registry FROM plan_registry FOR UPDATE'))
          .rows[0]!.registry;
        const { registry: next, texts: added = [], result } = change(current);
        if (next) {
          for (const [id, version, text] of added) {
            await client.query('INSERT INTO plan_texts (plan_id, version, text) VALUES ($1, $2, $3)', [
              id,
              version,
              text,
            ]);
          }
          await client.query('UPDATE plan_registry SET generation = $1, registry = $2', [
            next.generation,
            JSON.stringify(next),
          ]);
          if (audit) {
            await client.query(
              'INSERT INTO audit_log (token_id, staff_name, action, plan_id, version) VALUES ($1, $2, $3, $4, $5)',
              [audit.who.id, audit.who.name, audit.action, audit.planId, audit.version],
            );
          }
          await client.query('SELECT pg_notify($1, $2)', [PLANS_CHANNEL, String(next.generation)]);
        }
        await client.query('COMMIT');
        if (next) {
          for (const [id, version, text] of added) texts.set(textKey(id, version), text);
          registry = next;
        }
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        if (error instanceof AppError) throw error;
        log.warn('plans_update_failed', { name: (error as Error).name, code: pgCode(error) });
        throw new AppError('STORE_UNAVAILABLE', '规划库暂时连不上，没有保存任何改动，请稍后再试。');
      } finally {
        client.release();
      }
    },
    watch(onChange) {
      let client: pg.Client | null = null;
      let stopped = false;
      let timer: NodeJS.Timeout | undefined;
      const changed = () =>
        refresh().then(onChange, (error: unknown) =>
          log.warn('plans_refresh_failed', { name: (error as Error).name, code: pgCode(error) }),
        );
      const listen = async () => {
        if (stopped) return;
        const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: PG_CONNECT_MS });
        client = c;
        const again = () => {
          if (stopped || client !== c) return;
          client = null;
          c.end().catch(() => undefined);
          timer = setTimeout(() => void listen(), RELISTEN_MS);
          timer.unref();
        };
        c.on('error', (error) => {
          log.warn('plans_listen_lost', { name: error.name, code: pgCode(error) });
          again();
        });
        c.on('end', again);
        c.on('notification', (message) => {
          if (message.channel === PLANS_CHANNEL) void changed();
        });
        try {
          await c.connect();
          await c.query(`LISTEN ${PLANS_CHANNEL}`);
          // Anything published while this instance was not listening.
          await changed();
        } catch {
          again();
        }
      };
      void listen();
      return () => {
        stopped = true;
        clearTimeout(timer);
        void client?.end().catch(() => undefined);
      };
    },
  };
}
