import { sql } from 'kysely';
import { expect } from 'vitest';
import type { Client, TestApp } from '../../../test/test-app.ts';

/** Parses a response after checking its status. */
export function ok<T = Record<string, unknown>>(res: { statusCode: number; body: string }, status = 200): T {
  expect(res.statusCode, res.body).toBe(status);
  return JSON.parse(res.body) as T;
}

/** Signing in is not what these tests are about: the parties let officials in without a second factor. */
export async function withoutTwoFactor(t: TestApp, partyIds: string[]) {
  await sql`update party set require_two_factor = false where id = any(${partyIds}::uuid[])`.execute(t.database.db);
}

/** Asks for an erasure (202 with the approval) as the first officer. */
export async function askErasure(first: Client, body: Record<string, unknown>): Promise<string> {
  return ok<{ approval: { id: string; act: string } }>(await first.post('/api/v1/erasures', body), 202).approval.id;
}

/**
 * Every row of every table of the application's schema, as text, that matches `pattern`: the scan
 * that proves no personal data of an erased record is left anywhere in the database.
 */
export async function rowsMatching(t: TestApp, pattern: RegExp): Promise<string[]> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(t.database.db);
  const found: string[] = [];
  for (const { table_name } of tables.rows) {
    const rows = await sql<{ row: string }>`select t::text as row from ${sql.table(table_name)} t`.execute(t.database.db);
    for (const r of rows.rows) if (pattern.test(r.row)) found.push(`${table_name}: ${r.row.slice(0, 300)}`);
  }
  return found;
}
