import type { DossierInput, TracingRequestInput } from '@homeward/contracts';
import { stringify } from 'csv-stringify';
import type { Kysely } from 'kysely';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { DB, DossierRow, TracingRequestRow } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { identityFromRow } from '../names/identity-columns.ts';
import { isDossierShared, presentDossier } from '../dossiers/dossiers.policy.ts';
import { isRequestShared, presentRequest } from '../requests/requests.policy.ts';
import { findDisclosures } from '../sharing/sharing.repository.ts';
import { loadSharingView } from '../sharing/sharing.view.ts';
import { dossierCsvColumns, dossierToCsv, requestCsvColumns, requestToCsv } from './csv-mapping.ts';
import type { FileFormat, RecordKind } from './import.service.ts';

const PAGE = 1000;

/** For one row: the paths to leave out of its export line, or null to leave the whole record out. */
type Gate<R> = (rows: R[]) => Promise<(row: R) => string[] | null>;
const openGate = async () => () => [];

function dropPaths<T extends object>(input: T, paths: readonly string[]): T {
  for (const path of paths) {
    const keys = path.split('.');
    const parent = keys.slice(0, -1).reduce<Record<string, unknown> | undefined>((o, k) => o?.[k] as Record<string, unknown> | undefined, input as Record<string, unknown>);
    if (parent && typeof parent === 'object') delete parent[keys.at(-1)!];
  }
  return input;
}

/**
 * Another party's records leave in an export only as the sharing policy gives them to the
 * exporting party (purpose case-work), like a read by its administrator: a record not shared is
 * left out, and withheld fields are left out of the line. The exporting party's own records, and
 * an instance-wide export by the operator (no party), are exported whole.
 */
async function gatesFor(db: Kysely<DB>, actor: Actor): Promise<{ dossier: Gate<DossierRow>; request: Gate<TracingRequestRow> }> {
  if (!actor.partyId) return { dossier: openGate, request: openGate };
  const sharing = await loadSharingView(db, actor.partyId, 'case-work');
  const reader: Actor = { kind: 'user', userId: actor.userId, partyId: actor.partyId, roles: actor.roles, requestId: actor.requestId };
  return {
    dossier: async () => (row) => {
      if (row.party_id === actor.partyId) return [];
      return isDossierShared(reader, row, sharing) ? presentDossier(row, [], reader, undefined, sharing).withheld : null;
    },
    request: async (rows) => {
      const disclosures = await findDisclosures(db, rows.filter((r) => r.party_id !== actor.partyId).map((r) => r.id));
      return (row) => {
        if (row.party_id === actor.partyId) return [];
        const disclosure = (disclosures.get(row.id) as Parameters<typeof presentRequest>[2]) ?? null;
        return isRequestShared(reader, row, disclosure, sharing) ? presentRequest(row, reader, disclosure, sharing).withheld : null;
      };
    },
  };
}

async function* dossierInputs(db: Kysely<DB>, partyId: string | undefined, gate: Gate<DossierRow>) {
  let after: string | undefined;
  for (;;) {
    let q = db
      .selectFrom('dossier')
      .leftJoin('source_record as s', (j) => j.onRef('s.subject_id', '=', 'dossier.id').on('s.subject_type', '=', 'dossier').onRef('s.party_id', '=', 'dossier.party_id'))
      .selectAll('dossier')
      .select('s.source_id')
      .orderBy('dossier.id')
      .limit(PAGE);
    if (partyId) q = q.where('dossier.party_id', '=', partyId);
    if (after) q = q.where('dossier.id', '>', after);
    const rows = await q.execute();
    const withheldOf = await gate(rows);
    for (const r of rows) {
      const withheld = withheldOf(r);
      if (!withheld) continue;
      const input: DossierInput & { sourceId: string } = {
        sourceId: r.source_id ?? `homeward:${r.id}`,
        ...(identityFromRow(r) as Omit<DossierInput, 'currentLocation' | 'languages' | 'services'>),
        birthDate: identityFromRow(r).birthDate ?? undefined,
        birthPlace: r.birth_place ?? undefined,
        currentLocation: { placement: r.current_placement as DossierInput['currentLocation']['placement'], ...(r.current_region ? { region: r.current_region } : {}), ...(r.current_address ? { address: r.current_address } : {}) },
        ...(r.biography ? { biography: r.biography } : {}),
        languages: r.languages,
        services: structuredClone(r.services) as DossierInput['services'],
      };
      yield { id: r.id, input: dropPaths(input, withheld) };
    }
    if (rows.length < PAGE) return;
    after = rows.at(-1)!.id;
  }
}

async function* requestInputs(db: Kysely<DB>, partyId: string | undefined, gate: Gate<TracingRequestRow>) {
  let after: string | undefined;
  for (;;) {
    let q = db
      .selectFrom('tracing_request as t')
      .leftJoin('source_record as s', (j) => j.onRef('s.subject_id', '=', 't.id').on('s.subject_type', '=', 'tracing_request').onRef('s.party_id', '=', 't.party_id'))
      .selectAll('t')
      .select('s.source_id')
      .orderBy('t.id')
      .limit(PAGE);
    if (partyId) q = q.where('t.party_id', '=', partyId);
    if (after) q = q.where('t.id', '>', after);
    const rows = await q.execute();
    const withheldOf = await gate(rows);
    for (const r of rows) {
      const withheld = withheldOf(r);
      if (!withheld) continue;
      const identity = identityFromRow(r);
      const input: TracingRequestInput & { sourceId: string } = {
        sourceId: r.source_id ?? `homeward:${r.id}`,
        sought: {
          ...identity,
          birthDate: identity.birthDate ?? undefined,
          birthPlace: identity.birthPlace ?? undefined,
          ...(r.last_known_place ? { lastKnownPlace: r.last_known_place } : {}),
        } as TracingRequestInput['sought'],
        requester: structuredClone(r.requester) as TracingRequestInput['requester'],
        filedOn: r.filed_on,
      };
      yield { id: r.id, input: dropPaths(input, withheld) };
    }
    if (rows.length < PAGE) return;
    after = rows.at(-1)!.id;
  }
}

export type ExportItem<K extends RecordKind> = { id: string; input: (K extends 'dossiers' ? DossierInput : TracingRequestInput) & { sourceId: string } };

/**
 * Every dossier or request the actor may export (optionally one party's), in the import shape,
 * through the sharing gate: records not shared are skipped, withheld fields are left out. Every
 * export format is written from this one generator, so no format can bypass the gate.
 */
export async function* exportRecords<K extends RecordKind>(db: Kysely<DB>, actor: Actor, opts: { kind: K; partyId?: string | undefined }): AsyncGenerator<ExportItem<K>> {
  const gates = await gatesFor(db, actor);
  if (opts.kind === 'dossiers') yield* dossierInputs(db, opts.partyId, gates.dossier) as AsyncGenerator<ExportItem<K>>;
  else yield* requestInputs(db, opts.partyId, gates.request) as AsyncGenerator<ExportItem<K>>;
}

/**
 * Writes every dossier or request (optionally one party's) in the import format, so an export
 * imports back unchanged. A party's own records carry all tiers: the CLI is an operator's tool,
 * and the export itself is audited with the ids it contains. Other parties' records go through
 * the sharing policy (see `gatesFor`).
 */
export async function exportFile(
  db: Kysely<DB>,
  actor: Actor,
  path: string,
  opts: { kind: RecordKind; format: Extract<FileFormat, 'jsonl' | 'csv'>; partyId?: string },
): Promise<{ written: number }> {
  const out = createWriteStream(path, { encoding: 'utf8', mode: 0o600 });
  const ids: string[] = [];
  const csv = opts.format === 'csv' ? stringify({ header: true, columns: [...(opts.kind === 'dossiers' ? dossierCsvColumns : requestCsvColumns)] }) : undefined;
  csv?.pipe(out);
  const write = async (chunk: string | Record<string, unknown>) => {
    const ok = csv ? csv.write(chunk) : out.write(chunk as string);
    if (!ok) await once(csv ?? out, 'drain');
  };
  for await (const { id, input } of exportRecords(db, actor, opts)) {
    ids.push(id);
    const row = () => (opts.kind === 'dossiers' ? dossierToCsv(input as DossierInput & { sourceId: string }) : requestToCsv(input as TracingRequestInput & { sourceId: string }));
    await write(csv ? row() : JSON.stringify(input) + '\n');
  }
  if (csv) csv.end();
  else out.end();
  await once(out, 'finish');
  await recordAudit(db, actor, {
    action: `${opts.kind === 'dossiers' ? 'dossier' : 'request'}.export`,
    recordType: opts.kind === 'dossiers' ? 'dossier' : 'tracing_request',
    recordId: null,
    fields: ['identity', 'sensitive', 'restricted'],
    details: { format: opts.format, count: ids.length, ids },
  });
  return { written: ids.length };
}
