import { canonicalJson, sha256Hex, utf8 } from '@homeward/translog';
import type { PlanDocumentItem, ReceivingAdult } from './reunification.tables.ts';

/** What both parties approve: everything about the journey, but not which documents are done yet. */
export interface PlanContent {
  caseId: string;
  route: string;
  escort: string;
  handoverPoint: string;
  /** ISO 8601 UTC. */
  handoverAt: string;
  receivingAdult: ReceivingAdult;
  documents: ReadonlyArray<Pick<PlanDocumentItem, 'item' | 'required'>>;
  welfareCheckOffsets: readonly number[];
}

export function planContentOf(row: {
  case_id: string;
  route: string;
  escort: string;
  handover_point: string;
  handover_at: Date;
  receiving_adult: ReceivingAdult;
  documents: readonly PlanDocumentItem[];
  welfare_offsets: readonly number[];
}): PlanContent {
  return {
    caseId: row.case_id,
    route: row.route,
    escort: row.escort,
    handoverPoint: row.handover_point,
    handoverAt: row.handover_at.toISOString(),
    receivingAdult: { name: row.receiving_adult.name, relationship: row.receiving_adult.relationship },
    // Ticking a document done is progress, not a change of plan: it keeps the approvals.
    documents: row.documents.map((d) => ({ item: d.item, required: d.required })),
    welfareCheckOffsets: [...row.welfare_offsets],
  };
}

const saltedHash = (salt: Uint8Array, body: unknown) =>
  sha256Hex(utf8(canonicalJson({ salt: Buffer.from(salt).toString('base64'), body })));

/**
 * The salted SHA-256 (hex) of a plan's content, over its RFC 8785 canonical JSON. An approval
 * records it; the transparency log carries it. The salt keeps the hash from confirming a guess.
 * @example planContentHash(row.content_salt, planContentOf(row)) // '3f2a…' (64 hex digits)
 */
export function planContentHash(salt: Uint8Array, content: PlanContent): string {
  return saltedHash(salt, content);
}

export interface HandoverContent {
  planId: string;
  planContentHash: string;
  side: 'holding' | 'family';
  handedOverAt: string;
  notes: string | null;
  childWellbeing: string | null;
}

/** The salted SHA-256 of one side's handover record, as entered in the transparency log. */
export function handoverRecordHash(salt: Uint8Array, record: HandoverContent): string {
  return saltedHash(salt, record);
}

/** Indexes of the required documents not done yet. */
export function missingDocuments(documents: readonly PlanDocumentItem[]): number[] {
  return documents.flatMap((d, i) => (d.required && !d.done ? [i] : []));
}

/** 'YYYY-MM-DD' plus whole days, in UTC. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The welfare checks due after a child came home on `homeOn`. */
export function welfareSchedule(homeOn: string, offsets: readonly number[]) {
  return [...offsets].sort((a, b) => a - b).map((offsetDays) => ({ offsetDays, dueOn: addDays(homeOn, offsetDays) }));
}

/** Days after its due date a check not recorded is flagged as overdue. */
export const WELFARE_GRACE_DAYS = 3;

/** The latest due date still within its grace period on `today`: checks due before it are overdue. */
export function overdueBefore(today: string): string {
  return addDays(today, -WELFARE_GRACE_DAYS);
}
