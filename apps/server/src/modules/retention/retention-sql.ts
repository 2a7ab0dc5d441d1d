import { sql, type RawBuilder } from 'kysely';
import type { RuleKind } from './retention.tables.ts';

/**
 * What each rule minimises: one target per table. A target names the rows of one party that are
 * due (`due`, over the row alias `t`), the fields a row may still hold (`holds`: a row holding none
 * is done, which makes every run idempotent), and how the row is rewritten (`set`, the same on every
 * run). Columns that may be null become null; NOT NULL text becomes the sentinel '[minimised]'.
 * Rows are never deleted. The SQL here is constant: party and cutoff are the only parameters.
 *
 * Whose rows: a party's rules apply to its own records only. On a case (shared by two parties)
 * a row belongs to the party whose official wrote it (the recorder, the sender, the plan's author,
 * the handover's side), falling back to the side that usually writes it when no user is named.
 */
export interface Target {
  rule: RuleKind;
  /** SQL table (constant). */
  table: string;
  /** Record type written to the audit trail and to `retention_minimised`. */
  recordType: string;
  /** The row's id as text. */
  id: string;
  due(partyId: string, cutoff: Date): RawBuilder<boolean>;
  holds: Array<{ field: string; sql: string }>;
  set: string;
}

export const SENTINEL = '[minimised]';

// SQL fragments the targets share (constant text; only party and cutoff are parameters).
export const caseClosedBy = (cutoff: Date) => sql`c.closed_at is not null and c.closed_at <= ${cutoff}`;
export const authorParty = (userColumn: string, fallback: string) =>
  sql.raw(`coalesce((select u.party_id from app_user u where u.id = t.${userColumn}), c.${fallback})`);
export const closedDossier = (alias: string, partyId: string, cutoff: Date) =>
  sql`${sql.raw(alias)}.party_id = ${partyId} and ${sql.raw(alias)}.status in ('closed','merged') and ${sql.raw(alias)}.updated_at <= ${cutoff}`;
export const sentinelIfSet = (column: string) => `${column} = case when t.${column} is null then null else '${SENTINEL}' end`;
export const holdsText = (column: string) => `t.${column} is not null and t.${column} <> '${SENTINEL}'`;
