import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../clock.ts';
import type { Database } from '../../db/database.ts';
import { createTestDatabase } from '../../../test/test-db.ts';
import { findLogEntries } from './log.repository.ts';
import { logStatusTransition, publishCheckpoint } from './log.service.ts';

let database: Database;
const clock = fixedClock('2026-06-01T10:00:00Z');
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('the log service', () => {
  it('gives concurrent appenders gap-free indexes and checkpoints the result', async () => {
    const deps = { db: database.db, clock, secret: Buffer.alloc(32, 1) };
    const partyId = '00000000-0000-4000-8000-000000000001';
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        database.db
          .transaction()
          .execute((trx) =>
            logStatusTransition(
              trx,
              {
                subjectType: 'case',
                subjectId: `00000000-0000-4000-8000-00000000000${i}`,
                from: 'open',
                to: 'closed',
                partyId,
              },
              clock.now(),
            ),
          ),
      ),
    );
    const entries = await findLogEntries(database.db, 0);
    expect(entries.map((e) => e.index)).toEqual(entries.map((_, i) => i));
    expect(entries.filter((e) => e.entry.kind === 'status-transition')).toHaveLength(8);
    const cp = await publishCheckpoint(deps);
    expect(cp.size).toBe(entries.length + 1); // plus the log key's own registration
  });

  it('refuses personal data in an entry and rolls the transaction back', async () => {
    const before = (await findLogEntries(database.db, 0)).length;
    const bad = database.db
      .transaction()
      .execute((trx) =>
        logStatusTransition(
          trx,
          { subjectType: 'case', subjectId: 'x', from: 'open', to: 'olena@example.org', partyId: 'p' },
          clock.now(),
        ),
      );
    await expect(bad).rejects.toMatchObject({ code: 'PERSONAL_DATA_REFUSED' });
    expect((await findLogEntries(database.db, 0)).length).toBe(before);
  });
});
