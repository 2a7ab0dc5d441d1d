import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../auth/actor.ts';

export type Executor = Kysely<DB> | Transaction<DB>;

export interface AuditEntry {
  action: string;
  recordType: string;
  recordId: string | null;
  fields?: readonly string[];
  reason?: string | null;
  /** Ids and counts only: never names, dates of birth, addresses or contacts. */
  details?: Record<string, unknown>;
}

/** Writes audit rows with the executor given, so they commit or roll back with the change. */
export async function recordAudit(db: Executor, actor: Actor, entries: AuditEntry | readonly AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries as AuditEntry];
  if (list.length === 0) return;
  for (let i = 0; i < list.length; i += 1000) {
    await db
      .insertInto('audit_log')
      .values(
        list.slice(i, i + 1000).map((e) => ({
          actor_user_id: actor.userId,
          actor_party_id: actor.partyId,
          action: e.action,
          record_type: e.recordType,
          record_id: e.recordId,
          fields: [...(e.fields ?? [])],
          reason: e.reason ?? null,
          request_id: actor.requestId,
          details: JSON.stringify(e.details ?? {}),
        })),
      )
      .execute();
  }
}

export async function findAuditForRecord(db: Executor, recordType: string, recordId: string) {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('record_type', '=', recordType)
    .where('record_id', '=', recordId)
    .orderBy('id')
    .execute();
}
