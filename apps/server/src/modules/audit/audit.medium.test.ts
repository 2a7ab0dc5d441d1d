import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-db.ts';
import type { Database } from '../../db/database.ts';
import { systemActor } from '../auth/actor.ts';
import { recordAudit } from './audit.repository.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('audit log', () => {
  it('is append-only in the database itself: update, delete and truncate are refused', async () => {
    await recordAudit(database.db, systemActor(), { action: 'test.write', recordType: 'test', recordId: 'x' });
    await expect(sql`update audit_log set action = 'forged'`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(database.db)).rejects.toThrow(/append-only/);
    const rows = await database.db.selectFrom('audit_log').select('action').execute();
    expect(rows.map((r) => r.action)).toContain('test.write');
  });

  it('rolls back with the change it records', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await recordAudit(trx, systemActor(), { action: 'test.rolled-back', recordType: 'test', recordId: 'y' });
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    const rows = await database.db.selectFrom('audit_log').select('action').where('action', '=', 'test.rolled-back').execute();
    expect(rows).toEqual([]);
  });
});
