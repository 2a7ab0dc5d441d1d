import { sql } from 'kysely';
import { historyTargets } from './retention-history-targets.ts';
import { authorParty, caseClosedBy, closedDossier, holdsText, SENTINEL, sentinelIfSet, type Target } from './retention-sql.ts';

export { SENTINEL, type Target } from './retention-sql.ts';

// What each rule minimises in the current rows (below) and in the history tables that keep copies
// of the same free text (retention-history-targets.ts). The Target shape is in retention-sql.ts.

const currentTargets: readonly Target[] = [
  // closed-case-sensitive: N months after a case reached a terminal status.
  {
    rule: 'closed-case-sensitive',
    table: 'contact_occurrence',
    recordType: 'contact_occurrence',
    id: 't.id::text',
    due: (p, cutoff) =>
      sql`exists (select 1 from tracing_case c where c.id = t.case_id and ${caseClosedBy(cutoff)} and ${authorParty('recorded_by', 'holding_party_id')} = ${p})`,
    holds: [
      { field: 'notes', sql: 't.notes is not null' },
      { field: 'wellbeing', sql: 't.wellbeing is not null' },
    ],
    set: 'notes = null, wellbeing = null',
  },
  {
    rule: 'closed-case-sensitive',
    table: 'case_message',
    recordType: 'case_message',
    id: 't.id::text',
    due: (p, cutoff) => sql`t.sender_party_id = ${p} and exists (select 1 from tracing_case c where c.id = t.case_id and ${caseClosedBy(cutoff)})`,
    holds: [
      { field: 'body', sql: holdsText('body') },
      { field: 'return_reason', sql: holdsText('return_reason') },
    ],
    set: `body = '${SENTINEL}', ${sentinelIfSet('return_reason')}`,
  },
  {
    rule: 'closed-case-sensitive',
    table: 'welfare_check',
    recordType: 'welfare_check',
    id: 't.id::text',
    due: (p, cutoff) =>
      sql`exists (select 1 from tracing_case c where c.id = t.case_id and ${caseClosedBy(cutoff)} and ${authorParty('recorded_by', 'family_party_id')} = ${p})`,
    holds: [
      { field: 'notes', sql: 't.notes is not null' },
      { field: 'missed_reason', sql: holdsText('missed_reason') },
    ],
    set: `notes = null, ${sentinelIfSet('missed_reason')}`,
  },
  {
    rule: 'closed-case-sensitive',
    table: 'reunification_plan',
    recordType: 'reunification_plan',
    id: 't.id::text',
    due: (p, cutoff) =>
      sql`exists (select 1 from tracing_case c where c.id = t.case_id and ${caseClosedBy(cutoff)} and ${authorParty('created_by', 'holding_party_id')} = ${p})`,
    holds: [
      { field: 'route', sql: holdsText('route') },
      { field: 'escort', sql: holdsText('escort') },
      { field: 'handover_point', sql: holdsText('handover_point') },
      { field: 'receiving_adult.name', sql: `t.receiving_adult ->> 'name' is distinct from '${SENTINEL}'` },
    ],
    set: `route = '${SENTINEL}', escort = '${SENTINEL}', handover_point = '${SENTINEL}', receiving_adult = jsonb_set(t.receiving_adult, '{name}', '"${SENTINEL}"'::jsonb)`,
  },
  {
    rule: 'closed-case-sensitive',
    table: 'reunification_handover',
    recordType: 'reunification_handover',
    id: `t.plan_id::text || ':' || t.side`,
    due: (p, cutoff) =>
      sql`exists (select 1 from reunification_plan rp join tracing_case c on c.id = rp.case_id where rp.id = t.plan_id and ${caseClosedBy(cutoff)}
        and (case when t.side = 'holding' then c.holding_party_id else c.family_party_id end) = ${p})`,
    holds: [
      { field: 'notes', sql: 't.notes is not null' },
      { field: 'child_wellbeing', sql: 't.child_wellbeing is not null' },
    ],
    set: 'notes = null, child_wellbeing = null',
  },
  {
    // The young person's own decision stays; the official's notes about it go.
    rule: 'closed-case-sensitive',
    table: 'age_out',
    recordType: 'age_out',
    id: 't.id::text',
    due: (p, cutoff) =>
      sql`exists (select 1 from dossier d where d.id = t.dossier_id and d.party_id = ${p})
        and exists (select 1 from tracing_case c where c.id = t.case_id and ${caseClosedBy(cutoff)})`,
    holds: [
      { field: 'consent_notes', sql: 't.consent_notes is not null' },
      { field: 'resolution_reason', sql: 't.resolution_reason is not null' },
    ],
    set: 'consent_notes = null, resolution_reason = null',
  },

  // closed-request-contact: M months after a request was closed or withdrawn without ever becoming a case.
  {
    rule: 'closed-request-contact',
    table: 'tracing_request',
    recordType: 'tracing_request',
    id: 't.id::text',
    due: (p, cutoff) =>
      sql`t.party_id = ${p} and t.status in ('closed','withdrawn') and t.updated_at <= ${cutoff}
        and not exists (select 1 from tracing_case c where c.request_id = t.id)`,
    holds: [
      { field: 'requester.name', sql: `t.requester -> 'name' is not null` },
      { field: 'requester.contact', sql: `coalesce(t.requester -> 'contact', '{}'::jsonb) <> '{}'::jsonb` },
    ],
    set: `requester = jsonb_build_object('relationship', t.requester -> 'relationship', 'contact', '{}'::jsonb), version = t.version + 1`,
  },
  {
    // The request as imported (its source record) holds the same requester.
    rule: 'closed-request-contact',
    table: 'source_record',
    recordType: 'source_record',
    id: 't.id::text',
    due: (p, cutoff) =>
      sql`t.subject_type = 'tracing_request' and t.party_id = ${p} and exists (select 1 from tracing_request r where r.id = t.subject_id and r.party_id = ${p}
        and r.status in ('closed','withdrawn') and r.updated_at <= ${cutoff} and not exists (select 1 from tracing_case c where c.request_id = r.id))`,
    holds: [
      { field: 'payload.requester.name', sql: `t.payload #> '{requester,name}' is not null` },
      { field: 'payload.requester.contact', sql: `t.payload #> '{requester,contact}' is not null` },
    ],
    set: `payload = t.payload #- '{requester,name}' #- '{requester,contact}'`,
  },

  // closed-dossier-sensitive: K months after a dossier was closed or merged.
  {
    rule: 'closed-dossier-sensitive',
    table: 'dossier',
    recordType: 'dossier',
    id: 't.id::text',
    due: (p, cutoff) => sql<boolean>`${closedDossier('t', p, cutoff)}`,
    holds: [
      { field: 'biography', sql: 't.biography is not null' },
      { field: 'current_address', sql: 't.current_address is not null' },
      { field: 'services', sql: `t.services <> '{}'::jsonb` },
    ],
    set: `biography = null, current_address = null, services = '{}'::jsonb, version = t.version + 1`,
  },
  {
    rule: 'closed-dossier-sensitive',
    table: 'source_record',
    recordType: 'source_record',
    id: 't.id::text',
    due: (p, cutoff) =>
      sql`t.subject_type = 'dossier' and t.party_id = ${p} and exists (select 1 from dossier d where d.id = t.subject_id and ${closedDossier('d', p, cutoff)})`,
    holds: [
      { field: 'payload.biography', sql: `t.payload -> 'biography' is not null` },
      { field: 'payload.currentLocation.address', sql: `t.payload #> '{currentLocation,address}' is not null` },
      { field: 'payload.services', sql: `t.payload -> 'services' is not null` },
    ],
    set: `payload = t.payload - 'biography' - 'services' #- '{currentLocation,address}'`,
  },
];

/** Every target, current rows first, then the history rows holding copies of the same text. */
export const targets: readonly Target[] = [...currentTargets, ...historyTargets];

/** Dossiers whose photos and documents are due for crypto-shredding (media-of-closed). */
export const mediaDue = (partyId: string, cutoff: Date) =>
  sql<boolean>`m.subject_type = 'dossier' and m.status = 'ready' and exists (select 1 from dossier d where d.id = m.subject_id and ${closedDossier('d', partyId, cutoff)})`;

/** `months` months before `now` (calendar months, UTC; the 31st falls back to the month's end). */
export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}
