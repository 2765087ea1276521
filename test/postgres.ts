/**
 * A throwaway database on the PostgreSQL server named by TEST_POSTGRES_URL:
 * created for a test file, dropped (with force) after it.
 */
import pg from "pg";

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(serverUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function scratchPostgres(serverUrl: string, tag: string): Promise<ScratchDatabase> {
  const name = `linli_pg_${tag}_${process.pid}_${Date.now().toString(36)}`.toLowerCase();
  await admin(serverUrl, (c) => c.query(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin(serverUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}
