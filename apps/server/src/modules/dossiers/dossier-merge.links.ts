import type { Executor } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { findSourcesOfMany } from '../sources/source-records.repository.ts';
import { findAbsorbedBy, findConfirmedLinks, findMergedInto } from './dossier-merge.repository.ts';
import type { DossierLinks } from './dossiers.policy.ts';

type SourceRef = { party_id: string; source_id: string; received_at: Date };

/** How deep a chain of merges is followed (each merge absorbs a newer open dossier, so chains are short). */
const MAX_DEPTH = 32;

/**
 * The source records of each dossier and of every dossier merged into it (through chains of merges
 * too), oldest first. Source records are never moved by a merge, so an undo has nothing to put back.
 */
export async function sourcesWithMerged(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, SourceRef[]>> {
  const rootOf = new Map(ids.map((id) => [id, id]));
  let frontier = [...ids];
  for (let depth = 0; frontier.length && depth < MAX_DEPTH; depth++) {
    const edges = await findAbsorbedBy(db, frontier);
    frontier = [];
    for (const e of edges) {
      if (rootOf.has(e.absorbed_id)) continue;
      rootOf.set(e.absorbed_id, rootOf.get(e.survivor_id)!);
      frontier.push(e.absorbed_id);
    }
  }
  const sources = await findSourcesOfMany(db, 'dossier', [...rootOf.keys()]);
  const out = new Map<string, SourceRef[]>(ids.map((id) => [id, []]));
  for (const [id, root] of rootOf) out.get(root)!.push(...(sources.get(id) ?? []));
  for (const list of out.values()) list.sort((a, b) => a.received_at.getTime() - b.received_at.getTime());
  return out;
}

/**
 * Where each dossier was merged into, and the other parties' dossiers confirmed to be about the
 * same child. A link is shown to the two parties of its proposal only, as the proposal is.
 */
export async function linksOf(
  db: Executor,
  actor: Actor,
  ids: readonly string[],
): Promise<Map<string, DossierLinks>> {
  const mergedInto = await findMergedInto(db, ids);
  const party = actor.kind === 'system' ? null : (actor.partyId ?? '00000000-0000-0000-0000-000000000000');
  const pairs = await findConfirmedLinks(db, ids, party);
  const out = new Map<string, DossierLinks>(
    ids.map((id) => [id, { mergedInto: mergedInto.get(id) ?? null, sameChildAs: [] }]),
  );
  for (const p of pairs) {
    for (const [self, other] of [
      [p.left_id, p.right_id],
      [p.right_id, p.left_id],
    ] as const) {
      const links = out.get(self);
      if (links && !links.sameChildAs.includes(other)) links.sameChildAs.push(other);
    }
  }
  for (const links of out.values()) links.sameChildAs.sort();
  return out;
}
