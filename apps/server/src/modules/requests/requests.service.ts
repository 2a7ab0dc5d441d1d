import {
  tracingRequestInput,
  type RequestDisclosure,
  type RequestSearch,
  type TracingRequestInput,
  type TracingRequestPatch,
} from '@homeward/contracts';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound, validationFailed } from '../../errors.ts';
import { decodeCursor, toPage } from '../../lib/cursor.ts';
import { dropNulls } from '../../lib/drop-nulls.ts';
import { recordAudit, type Executor } from '../audit/audit.repository.ts';
import { assertNotErased, findErased } from '../erasure/erasure.lookup.ts';
import type { Actor } from '../auth/actor.ts';
import { logStatusTransition, publishCheckpoint } from '../transparency/log.service.ts';
import { hasTier } from '../auth/permissions.ts';
import { touchedFields } from '../dossiers/dossiers.columns.ts';
import type { SaveResult } from '../dossiers/dossiers.service.ts';
import { identityColumns } from '../names/identity-columns.ts';
import { identityDateIssues, isoDay } from '../names/date-rules.ts';
import { nameSkeleton } from '../names/search-key.ts';
import { findSourcePayloads, sameAsLastSent, upsertSourceRecords } from '../sources/source-records.repository.ts';
import { checkDisclosure } from '../sharing/sharing.disclosure.ts';
import { findDisclosures, findParties, saveDisclosure } from '../sharing/sharing.repository.ts';
import { loadReaderView, loadSharingView } from '../sharing/sharing.view.ts';
import { canSeeRequest, isRequestShared, presentRequest } from './requests.policy.ts';
import { findRequest, findRequests, insertRequests, updateRequest } from './requests.repository.ts';

export interface RequestDeps {
  db: Kysely<DB>;
  clock: Clock;
  /** Server secret: present when the transparency log is in use (status changes are logged). */
  secret?: Buffer;
}

function requestColumns(input: TracingRequestInput, today: string) {
  return {
    ...identityColumns(input.sought),
    last_known_place: input.sought.lastKnownPlace ?? null,
    requester: JSON.stringify(input.requester),
    filed_on: input.filedOn ?? today,
  };
}

export function requestIssues(input: Partial<TracingRequestInput>, today: string) {
  const issues = input.sought ? identityDateIssues(input.sought, today, 'sought.') : [];
  if (input.filedOn && input.filedOn > today) issues.push({ path: 'filedOn', message: 'is in the future' });
  return issues;
}

/** Saves a batch of validated requests from one party; a known source id updates (idempotent). */
export async function saveRequestBatch(
  trx: Executor,
  actor: Actor,
  partyId: string,
  inputs: TracingRequestInput[],
  receivedAt: Date,
): Promise<SaveResult[]> {
  const today = isoDay(receivedAt);
  const existing = await findSourcePayloads(trx, 'tracing_request', partyId, inputs.flatMap((i) => (i.sourceId ? [i.sourceId] : [])));
  const results: SaveResult[] = new Array(inputs.length);
  const fresh: number[] = [];
  for (const [i, input] of inputs.entries()) {
    const last = input.sourceId ? existing.get(input.sourceId) : undefined;
    if (!last) {
      fresh.push(i);
      continue;
    }
    const id = last.subjectId;
    if (sameAsLastSent(last.payload, input)) {
      results[i] = { id, created: false, unchanged: true };
      continue;
    }
    await trx
      .updateTable('tracing_request')
      .set((eb) => ({ ...requestColumns(input, today), version: eb('version', '+', 1), updated_at: receivedAt }))
      .where('id', '=', id)
      .execute();
    results[i] = { id, created: false };
  }
  const inserted = await insertRequests(
    trx,
    fresh.map((i) => ({ ...requestColumns(inputs[i]!, today), party_id: partyId, status: 'open', created_by: actor.userId })),
  );
  inserted.forEach((row, k) => (results[fresh[k]!] = { id: row.id, created: true }));
  await upsertSourceRecords(
    trx,
    'tracing_request',
    inputs.flatMap((input, i) =>
      input.sourceId && !results[i]!.unchanged ? [{ subjectId: results[i]!.id, partyId, sourceId: input.sourceId, payload: input, receivedAt }] : [],
    ),
  );
  await recordAudit(
    trx,
    actor,
    results.filter((r) => !r.unchanged).map((r) => ({ action: r.created ? 'request.create' : 'request.update', recordType: 'tracing_request', recordId: r.id })),
  );
  return results;
}

const disclosureOf = async (db: Executor, id: string) => ((await findDisclosures(db, [id])).get(id) as RequestDisclosure | undefined) ?? null;

export async function createRequest(deps: RequestDeps, actor: Actor, input: TracingRequestInput & { disclosure?: RequestDisclosure | undefined }) {
  if (!actor.partyId) throw new AppError('FORBIDDEN', 'Only a member of a party can file a request.');
  const issues = requestIssues(input, isoDay(deps.clock.now()));
  if (issues.length) throw validationFailed(issues);
  const { disclosure, ...request } = input;
  const [saved] = await deps.db.transaction().execute(async (trx) => {
    if (disclosure) await checkDisclosure(trx, actor.partyId!, disclosure);
    const results = await saveRequestBatch(trx, actor, actor.partyId!, [request], deps.clock.now());
    if (disclosure) await saveDisclosure(trx, results[0]!.id, disclosure, actor.userId, deps.clock.now());
    return results;
  });
  return getRequest(deps, actor, saved!.id, { audit: false });
}

/**
 * The filing party reads its request (restricted tier by role); another party reads it only as
 * far as the sharing policy and the filing party's disclosure give it, and otherwise gets 404.
 */
export async function getRequest(deps: RequestDeps, actor: Actor, id: string, opts = { audit: true }) {
  return deps.db.transaction().execute(async (trx) => {
    const row = await findRequest(trx, id);
    const sharing = await loadReaderView(trx, actor);
    const disclosure = row ? await disclosureOf(trx, id) : null;
    const own = row && canSeeRequest(actor, row);
    if (!row || (!own && !isRequestShared(actor, row, disclosure, sharing))) throw notFound();
    await assertNotErased(trx, actor, row);
    if (opts.audit && (!own || hasTier(actor.roles, 'restricted'))) {
      await recordAudit(trx, actor, { action: 'request.read', recordType: 'tracing_request', recordId: id, fields: own ? ['identity', 'restricted'] : ['identity'] });
    }
    return presentRequest(row, actor, disclosure, sharing);
  });
}

/**
 * The request exactly as a user of another party (with every tier its roles can have) would
 * read it now: what the policy and the disclosure give that party, or not visible at all.
 */
export async function previewDisclosure(deps: RequestDeps, actor: Actor, id: string, partyCode: string) {
  return deps.db.transaction().execute(async (trx) => {
    const row = await findRequest(trx, id);
    if (!row || !canSeeRequest(actor, row)) throw notFound();
    const party = (await findParties(trx)).find((p) => p.code === partyCode);
    if (!party) throw notFound('PARTY_NOT_FOUND');
    const reader: Actor = { kind: 'user', userId: null, partyId: party.id, roles: ['administrator'], requestId: null };
    const sharing = await loadSharingView(trx, party.id, 'case-work');
    const disclosure = await disclosureOf(trx, id);
    const visible = party.id === row.party_id || isRequestShared(reader, row, disclosure, sharing);
    return { party: party.code, visible, request: visible ? presentRequest(row, reader, disclosure, sharing) : null };
  });
}

export async function patchRequest(deps: RequestDeps, actor: Actor, id: string, patch: TracingRequestPatch) {
  const today = isoDay(deps.clock.now());
  const issues = requestIssues(patch, today);
  if (issues.length) throw validationFailed(issues);
  let logged = false;
  await deps.db.transaction().execute(async (trx) => {
    const row = await findRequest(trx, id);
    if (!row || !canSeeRequest(actor, row)) throw notFound();
    await assertNotErased(trx, actor, row);
    const current = presentRequest(row, { ...actor, kind: 'system', roles: ['administrator'] });
    const { version, status, disclosure, ...fields } = patch;
    if (disclosure) await checkDisclosure(trx, row.party_id, disclosure);
    if (disclosure !== undefined) await saveDisclosure(trx, id, disclosure, actor.userId, deps.clock.now());
    const merged = tracingRequestInput.parse(dropNulls({ ...current, ...fields, sourceId: undefined }));
    const updated = await updateRequest(trx, id, version, { ...requestColumns(merged, today), ...(status ? { status } : {}) });
    if (!updated) {
      throw new AppError('VERSION_CONFLICT', 'This request was changed by someone else; reload it and apply your change again.', {
        details: { currentVersion: row.version },
      });
    }
    if (status && status !== row.status) {
      await logStatusTransition(trx, { subjectType: 'tracing-request', subjectId: id, from: row.status, to: status, partyId: row.party_id }, deps.clock.now());
      logged = true;
    }
    await recordAudit(trx, actor, { action: 'request.update', recordType: 'tracing_request', recordId: id, fields: touchedFields(patch) });
  });
  if (logged && deps.secret) await publishCheckpoint({ db: deps.db, clock: deps.clock, secret: deps.secret });
  return getRequest(deps, actor, id, { audit: false });
}

export async function listRequests(deps: RequestDeps, actor: Actor, search: RequestSearch) {
  const skeleton = search.name ? nameSkeleton(search.name) : undefined;
  return deps.db.transaction().execute(async (trx) => {
    const rows = await findRequests(trx, {
      ...search,
      visibleToPartyId: actor.kind === 'system' ? undefined : (actor.partyId ?? '00000000-0000-0000-0000-000000000000'),
      nameSkeleton: skeleton || undefined,
      cursor: decodeCursor(search.cursor),
    });
    const { items: page, nextCursor } = toPage(rows, search.limit);
    // An erased request is listed to nobody.
    const erased = await findErased(trx, page.map((r) => r.id));
    const items = page.filter((r) => !erased.has(r.id));
    const disclosures = await findDisclosures(trx, items.map((r) => r.id));
    const presented = items.map((r) => presentRequest(r, actor, (disclosures.get(r.id) as RequestDisclosure | undefined) ?? null));
    if (presented.length) {
      await recordAudit(trx, actor, {
        action: search.name ? 'request.search' : 'request.list',
        recordType: 'tracing_request',
        recordId: null,
        details: { ids: presented.map((p) => p.id) },
      });
    }
    return { items: presented, nextCursor };
  });
}
