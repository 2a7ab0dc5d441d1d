import type { Executor } from '../audit/audit.repository.ts';

export type SubjectType = 'dossier' | 'tracing_request';

/** Which of these source ids a party has already supplied, and for which subject. */
export async function findSubjectsBySourceIds(db: Executor, type: SubjectType, partyId: string, sourceIds: string[]) {
  if (sourceIds.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('source_record')
    .select(['source_id', 'subject_id'])
    .where('subject_type', '=', type)
    .where('party_id', '=', partyId)
    .where('source_id', 'in', sourceIds)
    .execute();
  return new Map(rows.map((r) => [r.source_id, r.subject_id]));
}

/**
 * The same lookup with the payload each source id last supplied, to tell a re-sent unchanged
 * record (nothing to do) from a changed one.
 */
export async function findSourcePayloads(db: Executor, type: SubjectType, partyId: string, sourceIds: string[]) {
  if (sourceIds.length === 0) return new Map<string, { subjectId: string; payload: unknown }>();
  const rows = await db
    .selectFrom('source_record')
    .select(['source_id', 'subject_id', 'payload'])
    .where('subject_type', '=', type)
    .where('party_id', '=', partyId)
    .where('source_id', 'in', sourceIds)
    .execute();
  return new Map(rows.map((r) => [r.source_id, { subjectId: r.subject_id, payload: r.payload }]));
}

/** JSON with object keys sorted (jsonb does not keep key order), undefined left out. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** Whether a record re-sent by its source is exactly what that source sent last time. */
export function sameAsLastSent(last: unknown, input: unknown): boolean {
  const stored = typeof last === 'string' ? (JSON.parse(last) as unknown) : last;
  return canonicalJson(stored) === canonicalJson(JSON.parse(JSON.stringify(input)));
}

export async function upsertSourceRecords(
  db: Executor,
  type: SubjectType,
  rows: Array<{ subjectId: string; partyId: string; sourceId: string; payload: unknown; receivedAt: Date }>,
) {
  if (rows.length === 0) return;
  await db
    .insertInto('source_record')
    .values(
      rows.map((r) => ({
        subject_type: type,
        subject_id: r.subjectId,
        party_id: r.partyId,
        source_id: r.sourceId,
        payload: JSON.stringify(r.payload),
        received_at: r.receivedAt,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['subject_type', 'party_id', 'source_id']).doUpdateSet((eb) => ({
        payload: eb.ref('excluded.payload'),
        received_at: eb.ref('excluded.received_at'),
      })),
    )
    .execute();
}

export async function findSourcesOf(db: Executor, type: SubjectType, subjectId: string) {
  return db
    .selectFrom('source_record')
    .select(['party_id', 'source_id', 'received_at'])
    .where('subject_type', '=', type)
    .where('subject_id', '=', subjectId)
    .orderBy('received_at')
    .execute();
}

export async function findSourcesOfMany(db: Executor, type: SubjectType, subjectIds: string[]) {
  const map = new Map<string, Array<{ party_id: string; source_id: string; received_at: Date }>>();
  if (subjectIds.length === 0) return map;
  const rows = await db
    .selectFrom('source_record')
    .select(['subject_id', 'party_id', 'source_id', 'received_at'])
    .where('subject_type', '=', type)
    .where('subject_id', 'in', subjectIds)
    .orderBy('received_at')
    .execute();
  for (const r of rows) {
    const list = map.get(r.subject_id) ?? [];
    list.push(r);
    map.set(r.subject_id, list);
  }
  return map;
}
