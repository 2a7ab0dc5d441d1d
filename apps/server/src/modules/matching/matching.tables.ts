import type { ColumnType, Generated, Kysely, Selectable, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

// Row types of the matching tables; migrations/0005-matching.ts is the truth.
type Json<T> = ColumnType<T, string, string>;

export type ProposalKind = 'request-dossier' | 'dossier-dossier';
/** `awaiting-second`: confirmed by one reviewer, waiting for the second (two-person rule, migration 0020). */
export type ProposalStatus = 'proposed' | 'awaiting-second' | 'confirmed' | 'rejected' | 'superseded';

export interface MatchProposalTable {
  id: Generated<string>;
  kind: ProposalKind;
  left_id: string;
  right_id: string;
  /** The party whose queue holds the proposal: the request's party (or the left dossier's). */
  party_id: string;
  /** For dossier pairs, the right dossier's party (it sees the proposal too). */
  other_party_id: string | null;
  score: number;
  decision: 'match' | 'possible';
  /** The match-weight waterfall: holds names, so it goes to authorised readers only, never to logs. */
  evidence: Json<unknown>;
  status: ProposalStatus;
  /** Hash of both sides' matching fields: a rejected pair comes back only when it changes. */
  version_hash: string;
  created_at: Generated<Date>;
  decided_by: string | null;
  decided_at: Date | null;
  reason: string | null;
}

export interface MatchProposalEventTable {
  id: Generated<number>;
  proposal_id: string;
  status: ProposalStatus;
  actor_user_id: string | null;
  reason: string | null;
  at: Date;
}

export interface MatchingRunStateTable {
  name: string;
  watermark: Date;
  updated_at: Date;
}

export type MatchingTables = {
  match_proposal: MatchProposalTable;
  match_proposal_event: MatchProposalEventTable;
  matching_run_state: MatchingRunStateTable;
};

export type MatchProposalRow = Selectable<MatchProposalTable>;
export type MatchingDb = Kysely<DB & MatchingTables>;

/** The same executor, typed with the matching tables (db/schema.ts is not ours to extend). */
export function withMatching(db: Kysely<DB> | Transaction<DB>): MatchingDb {
  return db.withTables<MatchingTables>() as unknown as MatchingDb;
}
