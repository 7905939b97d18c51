/**
 * The Store contract and PostgreSQL-only behaviour (migrations under a lock, outages, processes).
 * Needs DATABASE_URL; each fixture works in its own schema, dropped afterwards.
 */
import { randomUUID } from 'node:crypto';
import { createServer, connect } from 'node:net';
import type { Server, Socket } from 'node:net';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { StoreOpenError } from '../../src/store/errors.js';
import { POSTGRES_MIGRATIONS } from '../../src/store/migrations/postgres/index.js';
import { openPostgresStore } from '../../src/store/postgres.js';
import type { Store } from '../../src/store/types.js';
import { freePort } from '../support/free-port.js';
import { skipBecause } from '../support/skip.js';
import { claim, describeStoreContract } from './contract.js';
import type { SchemaShape } from './schema.js';

const DATABASE_URL = process.env.DATABASE_URL;
const IN_CI = !!process.env.CI && !['0', 'false'].includes(process.env.CI.toLowerCase());
const HOW_TO_RUN =
  'set DATABASE_URL=postgres://… to a database you may create schemas in, or run ' +
  '`bash -c "source .ci/postgres.sh && npx vitest run test/store"` to start a throwaway PostgreSQL';

if (!DATABASE_URL && IN_CI) {
  describe('PostgreSQL store', () => {
    it('runs in CI', () => {
      throw new Error(`DATABASE_URL is not set, so the PostgreSQL store tests cannot run: ${HOW_TO_RUN}`);
    });
  });
} else {
  // Without a URL the suite is still collected, so every test it holds is reported as skipped;
  // nothing connects to the database until a test runs.
  describe.skipIf(skipBecause(!DATABASE_URL && `Skipping the PostgreSQL store tests: ${HOW_TO_RUN}`))(
    'PostgreSQL store',
    () => describePostgres(DATABASE_URL ?? ''),
  );
}

function describePostgres(databaseUrl: string): void {
  const admin = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  afterAll(() => admin.end());

  /** A fresh schema and a URL whose connections use it (search_path). */
  async function freshSchema(): Promise<{ url: string; schema: string; drop(): Promise<void> }> {
    const schema = `dsp_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    await admin.query(`CREATE SCHEMA ${schema}`);
    const url = new URL(databaseUrl);
    url.searchParams.set('options', `-c search_path=${schema}`);
    return {
      url: url.toString(),
      schema,
      drop: async () => {
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      },
    };
  }

  /** The schema's tables and its indexes other than primary keys, without `schema_migrations`. */
  async function postgresSchema(schema: string): Promise<SchemaShape> {
    const columns = await admin.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = $1 AND table_name <> 'schema_migrations' ORDER BY table_name, ordinal_position`,
      [schema],
    );
    const tables: Record<string, string[]> = {};
    for (const row of columns.rows) (tables[row.table_name] ??= []).push(row.column_name);
    const indexes = await admin.query<{ indexname: string }>(
      `SELECT indexname FROM pg_indexes
       WHERE schemaname = $1 AND tablename <> 'schema_migrations' AND indexname NOT LIKE '%\\_pkey'
       ORDER BY indexname`,
      [schema],
    );
    return { tables, indexes: indexes.rows.map((row) => row.indexname) };
  }

  describeStoreContract(
    'PostgreSQL',
    async () => {
      const { url, schema, drop } = await freshSchema();
      return {
        open: () => openPostgresStore(url),
        dispose: drop,
        location: url,
        schema: () => postgresSchema(schema),
      };
    },
    { crossProcessClaims: 1000 },
  );

  describe('openPostgresStore', () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    async function schemaForTest(): Promise<{ url: string; schema: string }> {
      const fresh = await freshSchema();
      cleanups.push(fresh.drop);
      return fresh;
    }

    async function openTracked(url: string): Promise<Store> {
      const store = await openPostgresStore(url);
      cleanups.push(() => store.close());
      return store;
    }

    it('four processes starting together on a fresh database migrate it exactly once', async () => {
      const { url, schema } = await schemaForTest();
      const stores = await Promise.all([1, 2, 3, 4].map(() => openTracked(url)));
      const applied = await admin.query<{ version: number }>(
        `SELECT version FROM ${schema}.schema_migrations ORDER BY version`,
      );
      expect(applied.rows.map((row) => row.version)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
      const results = await Promise.all(
        stores.map((store, i) => store.claimPost(claim({ claimant: `p${i}` }))),
      );
      expect(results.filter((result) => result.won)).toHaveLength(1);
    });

    it('refuses a database migrated by a newer dsp', async () => {
      const { url, schema } = await schemaForTest();
      await (await openPostgresStore(url)).close();
      await admin.query(`INSERT INTO ${schema}.schema_migrations (version, name) VALUES (999, 'future')`);
      await expect(openPostgresStore(url)).rejects.toThrow(/newer than this dsp/);
    });

    it('an unreachable server gives a StoreOpenError that names the database but not the password', async () => {
      const closedPort = await freePort();
      const url = `postgres://dsp:hunter2-secret@127.0.0.1:${closedPort}/dsp`;
      const failure = await openPostgresStore(url).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StoreOpenError);
      const message = (failure as StoreOpenError).message;
      expect(message).toContain(`127.0.0.1:${closedPort}/dsp`);
      expect(message).not.toContain('hunter2');
    });

    it('calls fail during an outage and work again once the database is back, without reopening', async () => {
      const { url } = await schemaForTest();
      const target = new URL(url);
      const proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
      const port = await proxy.listen(0);
      cleanups.push(() => proxy.stop());
      target.host = `127.0.0.1:${port}`;
      const store = await openPostgresStore(target.toString());
      cleanups.push(() => store.close());
      await store.claimPost(claim({ periodKey: 'before' }));

      await proxy.stop();
      await expect(store.checkWritable()).rejects.toThrow();
      await expect(store.claimPost(claim({ periodKey: 'during' }))).rejects.toThrow();

      await proxy.listen(port);
      expect(await store.claimPost(claim({ periodKey: 'during' }))).toEqual({ won: true });
      await expect(store.checkWritable()).resolves.toBeUndefined();
      expect((await store.recentPosts('g1', 5)).map((post) => post.periodKey).sort()).toEqual([
        'before',
        'during',
      ]);
    });
  });
}

/** Stands between the store and PostgreSQL so a test can cut the network and restore it. */
class TcpProxy {
  readonly #host: string;
  readonly #port: number;
  readonly #sockets = new Set<Socket>();
  #server: Server | undefined;

  constructor(host: string, port: number) {
    this.#host = host;
    this.#port = port;
  }

  async listen(port: number): Promise<number> {
    const server = createServer((client) => this.#forward(client));
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.#server = server;
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return address.port;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
    if (server) await new Promise((resolve) => server.close(resolve));
  }

  #forward(client: Socket): void {
    const upstream = connect(this.#port, this.#host);
    for (const socket of [client, upstream]) {
      this.#sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        this.#sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  }
}
