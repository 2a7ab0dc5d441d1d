import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { DB } from '../../db/schema.ts';
import type { Executor } from '../audit/audit.repository.ts';
import { systemActor, type Actor } from '../auth/actor.ts';
import { findBlocked } from '../consent/consent.gate.ts';
import type { ConsentSubjectType } from '../consent/consent.tables.ts';
import { isDossierShared, presentDossier } from '../dossiers/dossiers.policy.ts';
import { readMediaContent } from '../media/media.service.ts';
import type { MediaStorage } from '../media/media.storage.ts';
import { isRequestShared, presentRequest } from '../requests/requests.policy.ts';
import { findDisclosures } from '../sharing/sharing.repository.ts';
import { loadSharingView, type SharingView } from '../sharing/sharing.view.ts';
import type { BundlePayload, RecordRef } from './bundle-payload.ts';
import type { ExchangeSubject } from './exchange.tables.ts';

type Party = { id: string; code: string };
export type BundleContent = Omit<BundlePayload, 'manifest'>;

/**
 * How the receiving party sees the sender's records: identity and sensitive tiers, never the
 * restricted one (exact addresses, the requester's name and contact stay with their own party),
 * and then only the data points the sharing policy gives the recipient for tracing (with the
 * filing party's disclosure choice on requests).
 */
const readerFor = (recipient: Party): Actor => ({ kind: 'user', userId: null, partyId: recipient.id, roles: ['verifier'], requestId: null });

const dropEmpty = <T extends Record<string, unknown>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;

/** Names records by the party holding the original: the sender's own ids, or the recipient's ids for copies it sent earlier. */
async function refsOf(db: Executor, type: ExchangeSubject, ids: string[], sender: Party, recipient: Party) {
  const refs = new Map<string, RecordRef>();
  if (ids.length === 0) return refs;
  const rows = await db.selectFrom(type).select(['id', 'party_id']).where('id', 'in', ids).execute();
  for (const r of rows) if (r.party_id === sender.id) refs.set(r.id, { party: sender.code, id: r.id });
  const copies = rows.filter((r) => r.party_id === recipient.id).map((r) => r.id);
  if (copies.length) {
    const sources = await db.selectFrom('source_record').select(['subject_id', 'source_id']).where('subject_type', '=', type).where('party_id', '=', recipient.id).where('subject_id', 'in', copies).execute();
    for (const s of sources) refs.set(s.subject_id, { party: recipient.code, id: s.source_id });
  }
  return refs;
}

/**
 * Of these records, those whose consent stops sharing them with the recipient now: `sharing:<code>`
 * or `tracing` refused, withdrawn or lapsed (no override), in strict mode also not on record, or
 * the record erased. The batch form of `hasSharingConsent`.
 */
async function consentBlocked(db: Executor, type: ConsentSubjectType, ids: string[], recipient: Party, now: Date): Promise<Set<string>> {
  const [forParty, forTracing] = await Promise.all([findBlocked(db, type, ids, `sharing:${recipient.code}`, now), findBlocked(db, type, ids, 'tracing', now)]);
  return new Set([...forParty, ...forTracing]);
}

/** Takes the fields named in `withheld` out of a bundle record altogether (the record keeps the shape of an input). */
function dropWithheld<T extends Record<string, unknown>>(record: T, withheld: readonly string[]): T {
  for (const path of withheld) {
    const keys = path.split('.');
    const parent = keys.slice(0, -1).reduce<Record<string, unknown> | undefined>((o, k) => o?.[k] as Record<string, unknown> | undefined, record);
    if (parent && typeof parent === 'object') delete parent[keys.at(-1)!];
  }
  return record;
}

/** The sender's dossiers and requests changed at or after `since`, shaped as the recipient may see them. */
async function records(db: Executor, sender: Party, recipient: Party, since: Date | null, sharing: SharingView, now: Date) {
  const reader = readerFor(recipient);
  let dq = db.selectFrom('dossier').selectAll().where('party_id', '=', sender.id).orderBy('id');
  let rq = db.selectFrom('tracing_request').selectAll().where('party_id', '=', sender.id).orderBy('id');
  if (since) {
    dq = dq.where('updated_at', '>=', since);
    rq = rq.where('updated_at', '>=', since);
  }
  const dossierRows = (await dq.execute()).filter((row) => isDossierShared(reader, row, sharing));
  const blockedDossiers = await consentBlocked(db, 'dossier', dossierRows.map((r) => r.id), recipient, now);
  const dossiers = dossierRows.filter((row) => !blockedDossiers.has(row.id)).map((row) => {
    const p = presentDossier(row, [], reader, undefined, sharing);
    const record = dropEmpty({
      names: p.names,
      sex: p.sex,
      birthDate: p.birthDate,
      birthPlace: p.birthPlace,
      displacement: p.displacement,
      currentLocation: dropEmpty({ placement: p.currentLocation.placement, region: p.currentLocation.region }),
      biography: p.biography,
      languages: p.languages,
      services: p.services,
    });
    dropWithheld(record, p.withheld);
    return { id: row.id, status: p.status, version: row.version, updatedAt: row.updated_at.toISOString(), record, withheld: p.withheld } as BundleContent['dossiers'][number];
  });
  const requestRows = await rq.execute();
  const disclosures = await findDisclosures(db, requestRows.map((r) => r.id));
  const disclosureOf = (id: string) => (disclosures.get(id) as Parameters<typeof presentRequest>[2]) ?? null;
  const sharedRequests = requestRows.filter((row) => isRequestShared(reader, row, disclosureOf(row.id), sharing));
  const blockedRequests = await consentBlocked(db, 'request', sharedRequests.map((r) => r.id), recipient, now);
  const requests = sharedRequests.flatMap((row) => {
    if (blockedRequests.has(row.id)) return [];
    const p = presentRequest(row, reader, disclosureOf(row.id), sharing);
    // The bundle format needs the relationship to file the request on the other side: without it the request stays here.
    if (!p.requester.relationship) return [];
    const record = dropWithheld(
      {
        sought: dropEmpty({ ...p.sought }),
        requester: { relationship: p.requester.relationship, contact: {} },
        filedOn: p.filedOn,
      },
      p.withheld.filter((w) => w.startsWith('sought.')),
    );
    return [{ id: row.id, status: p.status, version: row.version, updatedAt: row.updated_at.toISOString(), record, withheld: p.withheld } as BundleContent['requests'][number]];
  });
  return { dossiers, requests };
}

/** Whether the sender's dossier may reach the recipient at all: shared by the policy, and consent not stopping it. */
async function dossierGate(db: Executor, sender: Party, recipient: Party, sharing: SharingView, ids: string[], dataPoint: 'dossier.names' | 'dossier.photos', now: Date) {
  const fields = sharing.dossierFields(sender.id);
  const shared = fields === 'all' || (fields.has('dossier.names') && fields.has(dataPoint));
  const blocked = shared ? await consentBlocked(db, 'dossier', ids, recipient, now) : new Set<string>();
  return (id: string) => shared && !blocked.has(id);
}

async function attestations(db: Executor, sender: Party, recipient: Party, since: Date | null, sharing: SharingView, now: Date) {
  let q = db
    .selectFrom('attestation')
    .select(['id', 'subject_id', 'subject_version', 'claim', 'decision', 'key_id', 'signed_at', 'envelope'])
    .where('party_id', '=', sender.id)
    .where('subject_type', '=', 'dossier')
    .orderBy('signed_at');
  if (since) q = q.where('created_at', '>=', since);
  const rows = await q.execute();
  const refs = await refsOf(db, 'dossier', [...new Set(rows.map((r) => r.subject_id))], sender, recipient);
  const ownIds = [...refs].filter(([, ref]) => ref.party === sender.code).map(([id]) => id);
  const may = await dossierGate(db, sender, recipient, sharing, ownIds, 'dossier.names', now);
  return rows.flatMap((r) => {
    const dossier = refs.get(r.subject_id);
    if (!dossier || (dossier.party === sender.code && !may(r.subject_id))) return [];
    return [{ id: r.id, dossier, subjectVersion: r.subject_version, claim: r.claim, decision: r.decision, keyId: r.key_id, signedAt: r.signed_at.toISOString(), envelope: r.envelope as BundleContent['attestations'][number]['envelope'] }];
  });
}

/** Status changes of the cases the two parties share (one holds the child, the other the family). */
async function caseEvents(db: Executor, sender: Party, recipient: Party, since: Date | null) {
  let q = db
    .selectFrom('tracing_case_event as e')
    .innerJoin('tracing_case as c', 'c.id', 'e.case_id')
    .select(['e.id', 'e.case_id', 'c.dossier_id', 'c.request_id', 'e.from_status', 'e.to_status', 'e.reason', 'e.at'])
    .where((eb) =>
      eb.or([
        eb.and([eb('c.holding_party_id', '=', sender.id), eb('c.family_party_id', '=', recipient.id)]),
        eb.and([eb('c.holding_party_id', '=', recipient.id), eb('c.family_party_id', '=', sender.id)]),
      ]),
    )
    .orderBy('e.id');
  if (since) q = q.where('e.at', '>=', since);
  const rows = await q.execute();
  const dossiers = await refsOf(db, 'dossier', [...new Set(rows.map((r) => r.dossier_id))], sender, recipient);
  const requests = await refsOf(db, 'tracing_request', [...new Set(rows.map((r) => r.request_id))], sender, recipient);
  return rows.flatMap((r) => {
    const dossier = dossiers.get(r.dossier_id);
    const request = requests.get(r.request_id);
    if (!dossier || !request) return [];
    return [{ id: Number(r.id), caseId: r.case_id, dossier, request, from: r.from_status, to: r.to_status, reason: r.reason, at: r.at.toISOString() }];
  });
}

/**
 * Photos of the sender's dossiers, decrypted from the media store: inside the bundle they are
 * protected by the bundle's own encryption, and the recipient stores them under its own keys.
 */
async function files(deps: { db: Kysely<DB>; clock: Clock; media: () => MediaStorage }, sender: Party, recipient: Party, since: Date | null, sharing: SharingView) {
  let q = deps.db
    .selectFrom('media_file as m')
    .innerJoin('dossier as d', 'd.id', 'm.subject_id')
    .select(['m.id', 'm.subject_id', 'm.taken_on', 'm.supplied_by', 'm.content_hash'])
    .where('m.subject_type', '=', 'dossier')
    .where('m.kind', '=', 'photo')
    .where('m.status', '=', 'ready')
    .where('d.party_id', '=', sender.id)
    .orderBy('m.id');
  if (since) q = q.where('m.created_at', '>=', since);
  const rows = await q.execute();
  const may = await dossierGate(deps.db, sender, recipient, sharing, [...new Set(rows.map((r) => r.subject_id))], 'dossier.photos', deps.clock.now());
  const out: BundleContent['files'] = [];
  for (const r of rows) {
    if (!may(r.subject_id)) continue;
    const content = await readMediaContent({ db: deps.db, clock: deps.clock, storage: deps.media() }, systemActor(sender.id), r.id, 'original');
    out.push({
      id: r.id,
      dossierId: r.subject_id,
      kind: 'photo',
      mime: content.mime,
      takenOn: r.taken_on,
      suppliedBy: r.supplied_by,
      sha256: createHash('sha256').update(content.bytes).digest('hex'),
      data: content.bytes.toString('base64'),
    });
  }
  return out;
}

/** Everything a bundle from `sender` to `recipient` carries for changes at or after `since`. */
export async function collectContent(
  deps: { db: Kysely<DB>; clock: Clock; media: () => MediaStorage },
  sender: Party,
  recipient: Party,
  since: Date | null,
): Promise<BundleContent> {
  const sharing = await loadSharingView(deps.db, recipient.id, 'tracing');
  const now = deps.clock.now();
  const { dossiers, requests } = await records(deps.db, sender, recipient, since, sharing, now);
  return {
    dossiers,
    requests,
    attestations: await attestations(deps.db, sender, recipient, since, sharing, now),
    caseEvents: await caseEvents(deps.db, sender, recipient, since),
    files: await files(deps, sender, recipient, since, sharing),
  };
}
