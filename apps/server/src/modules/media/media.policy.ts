import type { Actor } from '../auth/actor.ts';
import { hasPermission, hasTier } from '../auth/permissions.ts';
import type { Executor } from '../audit/audit.repository.ts';
import { mayShowPhotos } from '../consent/consent.gate.ts';
import { findErased } from '../erasure/erasure.lookup.ts';
import { canWriteDossier } from '../dossiers/dossiers.policy.ts';
import { findDossier } from '../dossiers/dossiers.repository.ts';
import { canSeeCase } from '../cases/cases.policy.ts';
import { findCase } from '../cases/cases.repository.ts';
import type { CaseRow } from '../cases/cases.tables.ts';
import { canSeeRequest } from '../requests/requests.policy.ts';
import { findRequest } from '../requests/requests.repository.ts';
import type { SubjectRef } from './media.repository.ts';
import type { MediaBlobRow, MediaFileRow } from './media.tables.ts';

/** A subject's row, as far as media rules need it. */
export interface SubjectRow {
  party_id: string;
}

/**
 * Media follow their subject: whoever may see the dossier or request may see its photos, and whoever
 * may change it may add and arrange them. Photos are identity tier. A new subject type adds one entry
 * here and one value to the `subject_type` check (migrations 0003, 0023).
 */
const subjectRules: Record<SubjectRef['type'], { find: (db: Executor, id: string) => Promise<SubjectRow | undefined>; canSee: (a: Actor, r: SubjectRow) => boolean; canWrite: (a: Actor, r: SubjectRow) => boolean }> = {
  // Dossiers are shared with every party that may read dossiers (dossiers.service getDossier).
  dossier: {
    find: findDossier,
    canSee: (actor) => hasPermission(actor.roles, 'dossier.read'),
    canWrite: (actor, row) => hasPermission(actor.roles, 'dossier.write') && canWriteDossier(actor, row),
  },
  // A family's request, and what the family sent with it, stays with the party that filed it.
  tracing_request: {
    find: findRequest,
    canSee: (actor, row) => hasPermission(actor.roles, 'request.read') && canSeeRequest(actor, row),
    canWrite: (actor, row) => hasPermission(actor.roles, 'request.write') && canSeeRequest(actor, row),
  },
  // A case's files (a handover photo, a travel document) are shared by its two parties.
  case: {
    find: async (db, id) => {
      const row = await findCase(db, id);
      return row ? { ...row, party_id: row.holding_party_id } : undefined;
    },
    canSee: (actor, row) => hasPermission(actor.roles, 'case.read') && canSeeCase(actor, row as unknown as CaseRow),
    canWrite: (actor, row) => hasPermission(actor.roles, 'case.write') && canSeeCase(actor, row as unknown as CaseRow),
  },
};

/** The subject if the actor may see its media now; undefined answers like a missing record (404). */
export async function findVisibleSubject(db: Executor, actor: Actor, subject: SubjectRef, now: Date): Promise<SubjectRow | undefined> {
  if (actor.kind !== 'system' && !hasTier(actor.roles, 'identity')) return undefined;
  const rules = subjectRules[subject.type];
  const row = await rules.find(db, subject.id);
  if (!row || !(actor.kind === 'system' || rules.canSee(actor, row))) return undefined;
  // An erased dossier or request has no files any more (they were crypto-shredded with it).
  if (subject.type !== 'case' && (await findErased(db, [subject.id])).has(subject.id)) return undefined;
  // Consent gate: another party is shown a child's photos only while photo-use consent lets it
  // (not refused, withdrawn or lapsed; in strict mode, on record) or an override is in force; the
  // owning party's own access is unchanged.
  if (actor.kind !== 'system' && actor.partyId !== row.party_id && subject.type === 'dossier' && !(await mayShowPhotos(db, { type: 'dossier', id: subject.id }, now))) return undefined;
  return row;
}

/** The subject if the actor may add or arrange its media. */
export async function findWritableSubject(db: Executor, actor: Actor, subject: SubjectRef, now: Date): Promise<SubjectRow | undefined> {
  const row = await findVisibleSubject(db, actor, subject, now);
  return row && (actor.kind === 'system' || subjectRules[subject.type].canWrite(actor, row)) ? row : undefined;
}

export interface PresentedMedia {
  id: string;
  subjectType: SubjectRef['type'];
  subjectId: string;
  kind: MediaFileRow['kind'];
  contentHash: string;
  takenOn: string | null;
  capturedAt: string | null;
  suppliedBy: MediaFileRow['supplied_by'];
  partyId: string;
  uploadedBy: string | null;
  position: number | null;
  isPrimary: boolean;
  createdAt: string;
  variants: Array<{ name: MediaBlobRow['variant']; mime: string; width: number | null; height: number | null; size: number }>;
}

const variantOrder = ['original', 'medium', 'thumbnail'];

/** Metadata only: the bytes are served by the content route, one audited view at a time. */
export function presentMedia(row: MediaFileRow, blobs: readonly MediaBlobRow[]): PresentedMedia {
  return {
    id: row.id,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    kind: row.kind,
    contentHash: row.content_hash,
    takenOn: row.taken_on,
    capturedAt: row.captured_at,
    suppliedBy: row.supplied_by,
    partyId: row.party_id,
    uploadedBy: row.uploaded_by,
    position: row.position,
    isPrimary: row.is_primary,
    createdAt: row.created_at.toISOString(),
    variants: blobs
      .filter((b) => b.media_id === row.id)
      .sort((a, b) => variantOrder.indexOf(a.variant) - variantOrder.indexOf(b.variant))
      .map((b) => ({ name: b.variant, mime: b.mime, width: b.width, height: b.height, size: b.size })),
  };
}
