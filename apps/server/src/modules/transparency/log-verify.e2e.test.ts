import { sql, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../db/schema.ts';
import { verifyStoredLog } from './log-export.service.ts';
import { attestAs, createDossier, createWorld, type World } from './transparency-fixtures.ts';

// Tampering straight in the database, as a rogue operator with superuser rights could: each test
// edits inside a transaction that is rolled back, with the append-only triggers switched off.
let w: World;
let att: { id: string; logIndex: number };
let firstCheckpoint: string;
beforeAll(async () => {
  w = await createWorld();
  const d = await createDossier(w);
  att = (await attestAs(w.ua, d.id)).json();
  firstCheckpoint = (await w.viewer.get('/api/v1/log/checkpoint')).json().note;
  await attestAs(w.mediator, d.id);
  await attestAs(w.ua, d.id, 'services-overview-verified');
});
afterAll(() => w.t.close());

class Rollback extends Error {}

async function tampered(edit: (trx: Transaction<DB>) => Promise<unknown>, savedCheckpoint?: string) {
  let result: Awaited<ReturnType<typeof verifyStoredLog>> | undefined;
  await w.t.database.db
    .transaction()
    .execute(async (trx) => {
      for (const t of ['log_entry', 'log_checkpoint', 'attestation'])
        await sql`alter table ${sql.table(t)} disable trigger user`.execute(trx);
      await edit(trx);
      result = await verifyStoredLog(trx, { now: w.t.clock.now(), savedCheckpoint });
      throw new Rollback();
    })
    .catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });
  const { report, database } = result!;
  const findings = [...report.findings, ...database];
  return { ok: report.ok, errors: findings.filter((f) => f.severity === 'error'), findings };
}

const codes = (r: { errors: Array<{ code: string }> }) => [...new Set(r.errors.map((e) => e.code))];

describe('homeward log verify on the database', () => {
  it('passes an untouched log and proves it grew since a saved checkpoint', async () => {
    const r = await tampered(async () => undefined, firstCheckpoint);
    expect(r.errors).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.findings.map((f) => f.code)).toContain('LOG_GREW');
  });

  it('names an edited entry', async () => {
    const r = await tampered((trx) =>
      sql`update log_entry set entry = jsonb_set(entry, '{claim}', '"handover-completed"') where idx = ${att.logIndex}`.execute(
        trx,
      ),
    );
    expect(r.errors.find((e) => e.code === 'ENTRY_ALTERED')).toMatchObject({ entryIndex: att.logIndex });
    expect(codes(r)).toContain('ROOT_MISMATCH');
  });

  it('catches an entry edited together with its leaf hash by the signed root', async () => {
    const r = await tampered(async (trx) => {
      const row = await trx
        .selectFrom('log_entry')
        .selectAll()
        .where('idx', '=', att.logIndex)
        .executeTakeFirstOrThrow();
      const entry = { ...(row.entry as Record<string, unknown>), claim: 'handover-completed' };
      const { entryLeafHash, toHex } = await import('@homeward/translog');
      await trx
        .updateTable('log_entry')
        .set({ entry: JSON.stringify(entry), leaf_hash: toHex(entryLeafHash(entry as never)) })
        .where('idx', '=', att.logIndex)
        .execute();
    });
    expect(codes(r)).toContain('ROOT_MISMATCH');
    expect(codes(r)).not.toContain('ENTRY_ALTERED');
  });

  it('names deleted entries', async () => {
    const registration = await w.t.database.db
      .selectFrom('log_entry')
      .select('idx')
      .where('kind', '=', 'key-registration')
      .orderBy('idx')
      .executeTakeFirstOrThrow();
    const middle = await tampered((trx) =>
      trx.deleteFrom('log_entry').where('idx', '=', registration.idx).execute(),
    );
    expect(middle.errors.find((e) => e.code === 'ENTRY_INDEX_MISMATCH')?.message).toContain(
      'deleted, inserted or reordered',
    );
    const last = await tampered(async (trx) => {
      const { max } = await trx
        .selectFrom('log_entry')
        .select((eb) => eb.fn.max('idx').as('max'))
        .executeTakeFirstOrThrow();
      await trx.deleteFrom('attestation').where('log_index', '=', Number(max)).execute();
      await trx.deleteFrom('log_entry').where('idx', '=', Number(max)).execute();
    });
    expect(codes(last)).toContain('ENTRIES_MISSING');
  });

  it('names reordered entries', async () => {
    // Swaps what positions 0 and 1 hold (the rows keep their numbers: attestations point at them).
    const r = await tampered((trx) =>
      sql`update log_entry l set entry = o.entry, leaf_hash = o.leaf_hash, kind = o.kind from log_entry o where l.idx in (0, 1) and o.idx = 1 - l.idx`.execute(
        trx,
      ),
    );
    expect(codes(r)).toContain('ROOT_MISMATCH');
  });

  it('names an altered signature, an altered attestation row and a deleted attestation', async () => {
    const sig = await tampered((trx) =>
      sql`update attestation set envelope = jsonb_set(envelope, '{signatures,0,sig}', to_jsonb(${Buffer.alloc(64, 1).toString('base64')}::text)) where id = ${att.id}`.execute(
        trx,
      ),
    );
    expect(sig.errors.find((e) => e.code === 'ATTESTATION_ENVELOPE_ALTERED')).toMatchObject({
      entryIndex: att.logIndex,
    });
    const row = await tampered((trx) =>
      trx.updateTable('attestation').set({ claim: 'handover-completed' }).where('id', '=', att.id).execute(),
    );
    expect(row.errors.find((e) => e.code === 'ATTESTATION_ROW_MISMATCH')?.message).toContain(
      `entry ${att.logIndex}`,
    );
    const gone = await tampered((trx) => trx.deleteFrom('attestation').where('id', '=', att.id).execute());
    expect(gone.errors.find((e) => e.code === 'ATTESTATION_ENVELOPE_MISSING')).toMatchObject({
      entryIndex: att.logIndex,
    });
  });

  it('names a swapped party key', async () => {
    const r = await tampered((trx) =>
      trx
        .updateTable('party_key')
        .set({ public_key: Buffer.alloc(32, 3).toString('base64') })
        .where('party_id', '=', w.parties.ua.id)
        .execute(),
    );
    expect(codes(r)).toContain('KEY_MISMATCH');
  });

  it('names a log rewritten since a saved checkpoint', async () => {
    const r = await tampered(
      (trx) =>
        sql`update log_entry set entry = jsonb_set(entry, '{time}', '"2020-01-01T00:00:00.000Z"') where idx = 0`.execute(
          trx,
        ),
      firstCheckpoint,
    );
    expect(codes(r)).toContain('LOG_REWRITTEN');
  });

  it('reports covered content changed behind the log as stale, not as tampering', async () => {
    const r = await tampered((trx) =>
      sql`update dossier set birth_place = 'Одеса' where id in (select subject_id from attestation where id = ${att.id})`.execute(
        trx,
      ),
    );
    expect(r.errors).toEqual([]);
    expect(r.findings.filter((f) => f.code === 'STALE_CONTENT').length).toBe(2);
  });
});
