import type { ColumnType, Generated, Selectable } from 'kysely';
import type { StoredName } from '../names/identity-columns.ts';

// Row types of the dossier merge table; migrations/0012-dossier-merge.ts is the truth.
type Json<T> = ColumnType<T, string, string>;

export type MergeStatus = 'active' | 'undone';

export interface DossierMergeTable {
  id: Generated<string>;
  /** The older dossier, which stays open and gains the other's names. */
  survivor_id: string;
  /** The newer dossier, set to `merged` (kept, never deleted: cases and media still point at it). */
  absorbed_id: string;
  /** The confirmed dossier↔dossier proposal that caused the merge. */
  proposal_id: string;
  party_id: string;
  status: MergeStatus;
  /** Exactly the names appended to the survivor: holds names, so never copied to audit or log. */
  names_added: Json<StoredName[]>;
  survivor_version_after: number;
  merged_by: string | null;
  merged_at: Date;
  undone_by: string | null;
  undone_at: Date | null;
  undo_reason: string | null;
}

export type DossierMergeTables = {
  dossier_merge: DossierMergeTable;
};

export type DossierMergeRow = Selectable<DossierMergeTable>;
