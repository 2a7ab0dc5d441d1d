import { dossierInput, type DossierInput, type DossierPatch, type DossierSearch } from '@homeward/contracts';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound, validationFailed } from '../../errors.ts';
import { decodeCursor, toPage } from '../../lib/cursor.ts';
import { dropNulls } from '../../lib/drop-nulls.ts';
import { findBlocked } from '../consent/consent.gate.ts';
import { assertNotErased, findErased } from '../erasure/erasure.lookup.ts';
import { recordAudit, type Executor } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { logStatusTransition, publishCheckpoint } from '../transparency/log.service.ts';
import { identityDateIssues, isoDay } from '../names/date-rules.ts';
import { nameSkeleton } from '../names/search-key.ts';
import { findSourcePayloads, sameAsLastSent, upsertSourceRecords } from '../sources/source-records.repository.ts';
import { linksOf, sourcesWithMerged } from './dossier-merge.links.ts';
import { dossierColumns, touchedFields } from './dossiers.columns.ts';
import { loadReaderView } from '../sharing/sharing.view.ts';
import { presentDossier, canWriteDossier, isDossierShared, tiersShown } from './dossiers.policy.ts';
import { findDossier, findDossiers, insertDossiers, updateDossier } from './dossiers.repository.ts';

export interface DossierDeps {
  db: Kysely<DB>;
  clock: Clock;
  /** Server secret: present when the transparency log is in use (status changes are logged). */
  secret?: Buffer;
}

export interface SaveResult {
  id: string;
  created: boolean;
  /** Re-sent exactly as its source sent it last time: nothing was written (no new version, no audit entry). */
  unchanged?: boolean;
}

/**
 * Saves a batch of validated dossiers from one party in the caller's transaction. A source id the
 * party supplied before updates that dossier instead of creating a duplicate (idempotent imports).
 */
export async function saveDossierBatch(
  trx: Executor,
  actor: Actor,
  partyId: string,
  inputs: DossierInput[],
  receivedAt: Date,
): Promise<SaveResult[]> {
  const sourceIds = inputs.flatMap((i) => (i.sourceId ? [i.sourceId] : []));
  const existing = await findSourcePayloads(trx, 'dossier', partyId, sourceIds);
  const fresh: DossierInput[] = [];
  const results: Array<SaveResult | undefined> = new Array(inputs.length);
  const freshIndex: number[] = [];
  for (const [i, input] of inputs.entries()) {
    const last = input.sourceId ? existing.get(input.sourceId) : undefined;
    const id = last?.subjectId;
    if (last && sameAsLastSent(last.payload, input)) {
      results[i] = { id: last.subjectId, created: false, unchanged: true };
    } else if (id) {
      await trx
        .updateTable('dossier')
        .set((eb) => ({ ...dossierColumns(input), version: eb('version', '+', 1), updated_at: receivedAt }))
        .where('id', '=', id)
        .execute();
      results[i] = { id, created: false };
    } else {
      fresh.push(input);
      freshIndex.push(i);
    }
  }
  const inserted = await insertDossiers(
    trx,
    fresh.map((input) => ({ ...dossierColumns(input), party_id: partyId, status: 'open', created_by: actor.userId })),
  );
  inserted.forEach((row, k) => (results[freshIndex[k]!] = { id: row.id, created: true }));
  const saved = results as SaveResult[];
  await upsertSourceRecords(
    trx,
    'dossier',
    inputs.flatMap((input, i) =>
      input.sourceId && !saved[i]!.unchanged ? [{ subjectId: saved[i]!.id, partyId, sourceId: input.sourceId, payload: input, receivedAt }] : [],
    ),
  );
  await recordAudit(
    trx,
    actor,
    saved.filter((r) => !r.unchanged).map((r) => ({ action: r.created ? 'dossier.create' : 'dossier.update', recordType: 'dossier', recordId: r.id })),
  );
  return saved;
}

export async function createDossier(deps: DossierDeps, actor: Actor, input: DossierInput) {
  if (!actor.partyId) throw new AppError('FORBIDDEN', 'Only a member of a party can supply a dossier.');
  const issues = identityDateIssues(input, isoDay(deps.clock.now()));
  if (issues.length) throw validationFailed(issues);
  const [saved] = await deps.db.transaction().execute((trx) => saveDossierBatch(trx, actor, actor.partyId!, [input], deps.clock.now()));
  return getDossier(deps, actor, saved!.id, { audit: false });
}

/**
 * Consent reaches search too: another party's dossier whose tracing consent stops processing
 * (refused, withdrawn or lapsed and not overridden; in strict mode also not on record) is neither
 * listed nor readable by other parties; its own party still sees it. An erased dossier is listed
 * to nobody.
 */
async function withdrawnForOthers(trx: Executor, actor: Actor, rows: ReadonlyArray<{ id: string; party_id: string }>, now: Date): Promise<Set<string>> {
  const erased = await findErased(trx, rows.map((r) => r.id));
  if (actor.kind === 'system') return erased;
  const others = rows.filter((r) => r.party_id !== actor.partyId && !erased.has(r.id)).map((r) => r.id);
  return others.length ? new Set([...erased, ...(await findBlocked(trx, 'dossier', others, 'tracing', now))]) : erased;
}

export async function getDossier(deps: DossierDeps, actor: Actor, id: string, opts = { audit: true }) {
  return deps.db.transaction().execute(async (trx) => {
    const row = await findDossier(trx, id);
    // Another party's dossier the sharing policy does not share with the reader's party answers like a missing one.
    const sharing = await loadReaderView(trx, actor);
    if (!row || !isDossierShared(actor, row, sharing)) throw notFound();
    await assertNotErased(trx, actor, row);
    if ((await withdrawnForOthers(trx, actor, [row], deps.clock.now())).has(row.id)) throw notFound();
    // A survivor lists the source records of the dossiers merged into it too.
    const sources = await sourcesWithMerged(trx, [id]);
    const links = await linksOf(trx, actor, [id]);
    const presented = presentDossier(row, sources.get(id) ?? [], actor, links.get(id), sharing);
    const tiers = tiersShown(presented);
    if (opts.audit && tiers.length > 1) {
      await recordAudit(trx, actor, { action: 'dossier.read', recordType: 'dossier', recordId: id, fields: tiers });
    }
    return presented;
  });
}

export async function patchDossier(deps: DossierDeps, actor: Actor, id: string, patch: DossierPatch) {
  const issues = identityDateIssues(patch, isoDay(deps.clock.now()));
  if (issues.length) throw validationFailed(issues);
  let logged = false;
  await deps.db.transaction().execute(async (trx) => {
    const row = await findDossier(trx, id);
    if (!row || !canWriteDossier(actor, row)) throw notFound();
    await assertNotErased(trx, actor, row);
    const current = presentDossier(row, [], { ...actor, kind: 'system' });
    const { version, status, ...fields } = patch;
    if (status && status !== row.status && (status === 'merged' || row.status === 'merged')) {
      // Only a confirmed duplicate merges a dossier and only an undo reopens it: both keep the merge record true.
      throw new AppError('INVALID_TRANSITION', 'A dossier is merged by confirming a duplicate proposal, and reopened by undoing that merge.');
    }
    const merged = dossierInput.parse(dropNulls({ ...current, ...fields, sourceId: undefined }));
    const updated = await updateDossier(trx, id, version, { ...dossierColumns(merged), ...(status ? { status } : {}) });
    if (!updated) {
      throw new AppError('VERSION_CONFLICT', 'This dossier was changed by someone else; reload it and apply your change again.', {
        details: { currentVersion: row.version },
      });
    }
    if (status && status !== row.status) {
      await logStatusTransition(trx, { subjectType: 'dossier', subjectId: id, from: row.status, to: status, partyId: row.party_id }, deps.clock.now());
      logged = true;
    }
    await recordAudit(trx, actor, { action: 'dossier.update', recordType: 'dossier', recordId: id, fields: touchedFields(patch) });
  });
  if (logged && deps.secret) await publishCheckpoint({ db: deps.db, clock: deps.clock, secret: deps.secret });
  return getDossier(deps, actor, id, { audit: false });
}

export async function listDossiers(deps: DossierDeps, actor: Actor, search: DossierSearch) {
  const skeleton = search.name ? nameSkeleton(search.name) : undefined;
  return deps.db.transaction().execute(async (trx) => {
    const rows = await findDossiers(trx, {
      ...search,
      nameSkeleton: skeleton || undefined,
      cursor: decodeCursor(search.cursor),
    });
    const { items: page, nextCursor } = toPage(rows, search.limit);
    const sharing = await loadReaderView(trx, actor);
    const withdrawn = await withdrawnForOthers(trx, actor, page, deps.clock.now());
    const items = page.filter((r) => isDossierShared(actor, r, sharing) && !withdrawn.has(r.id));
    const ids = items.map((r) => r.id);
    const sources = await sourcesWithMerged(trx, ids);
    const links = await linksOf(trx, actor, ids);
    const presented = items.map((r) => presentDossier(r, sources.get(r.id) ?? [], actor, links.get(r.id), sharing));
    // Audit of reads names every record returned (DESIGN: decisions that refine the issues).
    if (presented.length) {
      await recordAudit(trx, actor, {
        action: search.name ? 'dossier.search' : 'dossier.list',
        recordType: 'dossier',
        recordId: null,
        details: { ids: presented.map((p) => p.id) },
      });
    }
    return { items: presented, nextCursor };
  });
}
