import { sql } from 'kysely';
import { authorParty, caseClosedBy, closedDossier, holdsText, sentinelIfSet, type Target } from './retention-sql.ts';

// The history that keeps copies of the free text the current-row targets minimise: status reasons
// of a case and its history, review reasons of messages, the young person's consent history,
// suspension reasons, the reasons officials gave in the audit trail, and conflicting versions
// received in exchange bundles. The append-only tables allow exactly this (migration 0025): their
// free-text column set to null or '[minimised]', in a transaction that says so, every other
// column unchanged. The transparency log and attestations are not touched: they hold hashes.

/** The records of a case whose audit entries may carry an official's reason, by record type. */
const caseRecords = ['case_message', 'contact_plan', 'contact_occurrence', 'reunification_plan', 'welfare_check', 'age_out']
  .map((type) => `(t.record_type = '${type}' and exists (select 1 from ${type} x where x.case_id = c.id and x.id::text = t.record_id))`)
  .join(' or ');

export const historyTargets: readonly Target[] = [
  {
    // The reason of the case's current status: the party of whoever made the last move.
    rule: 'closed-case-sensitive',
    table: 'tracing_case',
    recordType: 'case',
    id: 't.id::text',
    due: (p, cutoff) =>
      sql`t.closed_at is not null and t.closed_at <= ${cutoff} and coalesce((select u.party_id from tracing_case_event e join app_user u on u.id = e.actor_user_id
        where e.case_id = t.id order by e.id desc limit 1), t.holding_party_id) = ${p}`,
    holds: [{ field: 'status_reason', sql: holdsText('status_reason') }],
    set: sentinelIfSet('status_reason'),
  },
  {
    rule: 'closed-case-sensitive',
    table: 'tracing_case_event',
    recordType: 'tracing_case_event',
    id: 't.id::text',
    due: (p, cutoff) => sql`exists (select 1 from tracing_case c where c.id = t.case_id and ${caseClosedBy(cutoff)} and ${authorParty('actor_user_id', 'holding_party_id')} = ${p})`,
    holds: [{ field: 'reason', sql: holdsText('reason') }],
    set: sentinelIfSet('reason'),
  },
  {
    // A returned message's reason, as its review history keeps it; the reviewer's party.
    rule: 'closed-case-sensitive',
    table: 'case_message_event',
    recordType: 'case_message_event',
    id: 't.id::text',
    due: (p, cutoff) =>
      sql`exists (select 1 from case_message m join tracing_case c on c.id = m.case_id where m.id = t.message_id and ${caseClosedBy(cutoff)}
        and coalesce((select u.party_id from app_user u where u.id = t.actor_user_id), m.sender_party_id) = ${p})`,
    holds: [{ field: 'reason', sql: holdsText('reason') }],
    set: sentinelIfSet('reason'),
  },
  {
    // The young person's own decisions stay; the official's notes about each go, as on the entry.
    rule: 'closed-case-sensitive',
    table: 'age_out_consent',
    recordType: 'age_out_consent',
    id: 't.id::text',
    due: (p, cutoff) =>
      sql`exists (select 1 from age_out a join dossier d on d.id = a.dossier_id join tracing_case c on c.id = a.case_id
        where a.id = t.age_out_id and d.party_id = ${p} and ${caseClosedBy(cutoff)})`,
    holds: [{ field: 'notes', sql: 't.notes is not null' }],
    set: 'notes = null',
  },
  {
    rule: 'closed-case-sensitive',
    table: 'contact_suspension',
    recordType: 'contact_suspension',
    id: 't.id::text',
    due: (p, cutoff) => sql`t.suspended_party_id = ${p} and exists (select 1 from tracing_case c where c.id = t.case_id and ${caseClosedBy(cutoff)})`,
    holds: [{ field: 'reason', sql: holdsText('reason') }],
    set: sentinelIfSet('reason'),
  },
  {
    // The lifting officer's reason belongs to the lifting officer's party.
    rule: 'closed-case-sensitive',
    table: 'contact_suspension',
    recordType: 'contact_suspension',
    id: 't.id::text',
    due: (p, cutoff) => sql`t.lifted_party_id = ${p} and exists (select 1 from tracing_case c where c.id = t.case_id and ${caseClosedBy(cutoff)})`,
    holds: [{ field: 'lift_reason', sql: holdsText('lift_reason') }],
    set: sentinelIfSet('lift_reason'),
  },
  {
    // The reasons officials gave, as the audit trail keeps them, about the case and its records;
    // the acting party's. Who did what and when stays.
    rule: 'closed-case-sensitive',
    table: 'audit_log',
    recordType: 'audit_log',
    id: 't.id::text',
    due: (p, cutoff) =>
      sql`exists (select 1 from tracing_case c where ${caseClosedBy(cutoff)} and coalesce(t.actor_party_id, c.holding_party_id) = ${p}
        and ((t.record_type = 'case' and t.record_id = c.id::text) or ${sql.raw(caseRecords)}))`,
    holds: [{ field: 'reason', sql: holdsText('reason') }],
    set: sentinelIfSet('reason'),
  },
  {
    // A settled conflict keeps the version a partner sent: the same sensitive fields go from it.
    rule: 'closed-dossier-sensitive',
    table: 'exchange_conflict',
    recordType: 'exchange_conflict',
    id: 't.id::text',
    due: (p, cutoff) =>
      sql`t.subject_type = 'dossier' and t.status = 'resolved' and exists (select 1 from dossier d where d.id = t.subject_id and ${closedDossier('d', p, cutoff)})`,
    holds: [
      { field: 'incoming.record.biography', sql: `t.incoming #> '{record,biography}' is not null` },
      { field: 'incoming.record.services', sql: `t.incoming #> '{record,services}' is not null` },
    ],
    set: `incoming = t.incoming #- '{record,biography}' #- '{record,services}'`,
  },
];
