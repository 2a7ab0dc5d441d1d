import type { Executor } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { canSeeCase } from '../cases/cases.policy.ts';
import { planContentHash, planContentOf } from '../reunification/reunification-content.ts';
import {
  caseCoveredContent,
  coveredContent,
  handoverOf,
  type CaseFacts,
  type HandoverFacts,
  type PhotoRef,
  type SubjectType,
} from './covered-content.ts';
import type { SubjectParties } from './verification-policy.ts';

/**
 * What an attestation is about, loaded with everything needed to rebuild its covered content:
 * the attestation service, the stale check and `homeward log verify` all go through here, so
 * that they commit to and compare exactly the same content.
 */
export interface AttestedSubject {
  type: SubjectType;
  id: string;
  version: number;
  parties: SubjectParties;
  canSee(actor: Actor): boolean;
  /** Exactly these covered fields as `partyId` attests them (a handover is that party's side's own). */
  covered(fields: readonly string[], partyId: string): Record<string, unknown>;
  /** False when the party has nothing to attest yet (a handover its side has not recorded). */
  isReady(fields: readonly string[], partyId: string): boolean;
}

async function loadDossiers(db: Executor, ids: readonly string[]): Promise<AttestedSubject[]> {
  const rows = await db.selectFrom('dossier').selectAll().where('id', 'in', ids).execute();
  const photos = await db
    .selectFrom('media_file as f')
    .innerJoin('media_blob as b', (j) => j.onRef('b.media_id', '=', 'f.id').on('b.variant', '=', 'original'))
    .select(['f.subject_id', 'b.sha256'])
    .where('f.subject_type', '=', 'dossier')
    .where('f.subject_id', 'in', ids)
    .where('f.kind', '=', 'photo')
    .where('f.status', '=', 'ready')
    .execute();
  return rows.map((row) => {
    const mine: PhotoRef[] = photos.filter((p) => p.subject_id === row.id).map((p) => ({ sha256: p.sha256 }));
    return {
      type: 'dossier',
      id: row.id,
      version: row.version,
      parties: { supplierPartyId: row.party_id },
      canSee: () => true,
      covered: (fields) => coveredContent(row, fields, mine),
      isReady: () => true,
    };
  });
}

async function loadCases(
  db: Executor,
  ids: readonly string[],
  pending?: HandoverFacts,
): Promise<AttestedSubject[]> {
  const rows = await db.selectFrom('tracing_case').selectAll().where('id', 'in', ids).execute();
  if (rows.length === 0) return [];
  const requests = await db
    .selectFrom('tracing_request')
    .selectAll()
    .where(
      'id',
      'in',
      rows.map((r) => r.request_id),
    )
    .execute();
  const plans = await db.selectFrom('reunification_plan').selectAll().where('case_id', 'in', ids).execute();
  const handovers = plans.length
    ? await db
        .selectFrom('reunification_handover')
        .selectAll()
        .where(
          'plan_id',
          'in',
          plans.map((p) => p.id),
        )
        .execute()
    : [];
  const planById = new Map(plans.map((p) => [p.id, p]));
  const facts = handovers.map((h) => {
    const plan = planById.get(h.plan_id)!;
    const f: HandoverFacts = {
      planId: plan.id,
      side: h.side,
      handedOverAt: h.handed_over_at.toISOString(),
      planContentHash: planContentHash(plan.content_salt, planContentOf(plan)),
      recordSha256: h.record_hash,
      confirmedAt: h.confirmed_at,
    };
    return { caseId: plan.case_id, f };
  });
  if (pending) facts.push({ caseId: planById.get(pending.planId)?.case_id ?? '', f: pending });
  return rows.map((row) =>
    caseSubject({
      row,
      request: requests.find((r) => r.id === row.request_id),
      handovers: facts.filter((x) => x.caseId === row.id).map((x) => x.f),
    }),
  );
}

function caseSubject(facts: CaseFacts): AttestedSubject {
  const { row } = facts;
  return {
    type: 'case',
    id: row.id,
    version: row.version,
    // The family link is the family's claim: the party that filed the request supplied it.
    parties: {
      supplierPartyId: row.family_party_id,
      sides: { holding: row.holding_party_id, family: row.family_party_id },
    },
    canSee: (actor) => canSeeCase(actor, row),
    covered: (fields, partyId) => caseCoveredContent(facts, fields, partyId),
    isReady: (fields, partyId) => !fields.includes('handover') || handoverOf(facts, partyId) !== null,
  };
}

/**
 * A case with a handover record about to be stored in the caller's transaction: the handover
 * attestation is signed before the record is written, over the record as it will read back.
 */
export async function loadCaseWithHandover(db: Executor, caseId: string, pending: HandoverFacts) {
  const [subject] = await loadCases(db, [caseId], pending);
  return subject;
}

/** The subjects of one type with these ids that still exist, by id. */
export async function loadSubjects(
  db: Executor,
  type: SubjectType,
  ids: readonly string[],
): Promise<Map<string, AttestedSubject>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const list = type === 'case' ? await loadCases(db, unique) : await loadDossiers(db, unique);
  return new Map(list.map((s) => [s.id, s]));
}

/** Subjects of attestation rows of any type, keyed `type/id`. */
export async function loadSubjectsOf(
  db: Executor,
  rows: ReadonlyArray<{ subject_type: SubjectType; subject_id: string }>,
): Promise<Map<string, AttestedSubject>> {
  const out = new Map<string, AttestedSubject>();
  for (const type of ['dossier', 'case'] as const) {
    const ids = rows.filter((r) => r.subject_type === type).map((r) => r.subject_id);
    for (const s of (await loadSubjects(db, type, ids)).values()) out.set(subjectKey(type, s.id), s);
  }
  return out;
}

export const subjectKey = (type: string, id: string) => `${type}/${id}`;
