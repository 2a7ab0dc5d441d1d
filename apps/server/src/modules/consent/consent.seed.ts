import { sql, type Insertable } from 'kysely';
import type { BirthPrecision } from '../age-out/age-out.rules.ts';
import { recordAudit, type Executor } from '../audit/audit.repository.ts';
import { systemActor } from '../auth/actor.ts';
import { isoDay } from '../names/date-rules.ts';
import { ageStatus } from './consent.rules.ts';
import type { ConsentGiver, ConsentTable } from './consent.tables.ts';

/**
 * Consent records for records a party supplied in bulk itself (the demo), so that they are
 * processed under strict mode too. Each of the dossiers given without any consent record gets consent to tracing, photo use, contact and sharing with each party named, given by whoever
 * has standing that day: a guardian for a minor (or someone whose age is unknown), the young
 * person once they may be 18. Each of the requests given without one gets the parent's consent to
 * tracing and to sharing. Only the party's own records; idempotent: a record that has any consent
 * record is left alone. Audited per party.
 * @example await seedConsents(trx, now, { partyId: holder.id, dossierIds, requestIds: [], sharingWith: ['UA-DEMO'] });
 */
export async function seedConsents(
  trx: Executor,
  now: Date,
  opts: {
    partyId: string;
    dossierIds: readonly string[];
    requestIds: readonly string[];
    sharingWith: readonly string[];
  },
): Promise<{ dossiers: number; requests: number }> {
  const today = isoDay(now);
  const sharing = opts.sharingWith.map((code) => `sharing:${code}`);
  const unconsented = async (
    table: 'dossier' | 'tracing_request',
    subjectType: 'dossier' | 'request',
    ids: readonly string[],
  ) =>
    ids.length === 0
      ? []
      : trx
          .selectFrom(table)
          .select(['id', 'birth_date', 'birth_date_precision', 'birth_year'])
          .where('party_id', '=', opts.partyId)
          .where('id', 'in', [...ids])
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('consent')
                  .select(sql`1`.as('one'))
                  .where('subject_type', '=', subjectType)
                  .whereRef('subject_id', '=', `${table}.id`),
              ),
            ),
          )
          .execute();
  const row = (
    subjectType: 'dossier' | 'request',
    subjectId: string,
    purpose: string,
    givenBy: ConsentGiver,
  ): Insertable<ConsentTable> => ({
    subject_type: subjectType,
    subject_id: subjectId,
    purpose,
    basis: 'consent',
    decision: 'given',
    given_by: givenBy,
    how: 'written',
    given_on: today,
    evidence_media_id: null,
    legal_basis: null,
    reason: null,
    side: null,
    party_id: opts.partyId,
    recorded_by: null,
    recorded_at: now,
  });
  const rows: Insertable<ConsentTable>[] = [];
  const dossiers = await unconsented('dossier', 'dossier', opts.dossierIds);
  for (const d of dossiers) {
    const age = ageStatus(
      {
        birthDate: d.birth_date,
        precision: d.birth_date_precision as BirthPrecision,
        birthYear: d.birth_year,
      },
      today,
    );
    const givenBy = age === 'minor' || age === 'unknown' ? 'guardian' : 'young-person';
    for (const purpose of ['tracing', 'photo-use', 'contact', ...sharing])
      rows.push(row('dossier', d.id, purpose, givenBy));
  }
  const requests = await unconsented('tracing_request', 'request', opts.requestIds);
  for (const r of requests)
    for (const purpose of ['tracing', ...sharing]) rows.push(row('request', r.id, purpose, 'parent'));
  for (let i = 0; i < rows.length; i += 1000)
    await trx
      .insertInto('consent')
      .values(rows.slice(i, i + 1000))
      .execute();
  if (rows.length) {
    await recordAudit(trx, systemActor(opts.partyId), {
      action: 'consent.seed',
      recordType: 'party',
      recordId: opts.partyId,
      details: { dossiers: dossiers.length, requests: requests.length, records: rows.length },
    });
  }
  return { dossiers: dossiers.length, requests: requests.length };
}
