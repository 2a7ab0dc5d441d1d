/** Pure helpers of the audit viewer. */
import type { AuditQuery } from '../../api/client.ts';

export type AuditFilters = {
  action: string;
  recordType: string;
  recordId: string;
  actorUserId: string;
  /** YYYY-MM-DD, the first day shown (from midnight UTC). */
  from: string;
  /** YYYY-MM-DD, the last day shown (until the next midnight UTC). */
  to: string;
};

export const emptyAuditFilters: AuditFilters = {
  action: '',
  recordType: '',
  recordId: '',
  actorUserId: '',
  from: '',
  to: '',
};

/** Record types the audit trail uses (the field also takes any other). */
export const auditRecordTypes = [
  'dossier',
  'tracing_request',
  'match_proposal',
  'case',
  'media',
  'user',
  'api_token',
  'webhook_subscription',
  'consent',
  'case_message',
  'contact_plan',
  'contact_occurrence',
  'reunification_plan',
  'welfare_check',
  'age_out',
  'party_key',
  'verification_policy',
  'exchange_bundle',
  'dossier_merge',
] as const;

const day = /^\d{4}-\d{2}-\d{2}$/;

/** The API query for the filters and page: trimmed, empty ones left out, days as UTC instants. */
export function auditQuery(f: AuditFilters, before: number | null, limit = 50): AuditQuery {
  const q: AuditQuery = { limit };
  const set = (k: 'action' | 'recordType' | 'recordId' | 'actorUserId', v: string) => {
    const s = v.trim();
    if (s) q[k] = s;
  };
  set('action', f.action);
  set('recordType', f.recordType);
  set('recordId', f.recordId);
  set('actorUserId', f.actorUserId);
  if (day.test(f.from)) q.from = `${f.from}T00:00:00.000Z`;
  if (day.test(f.to)) {
    const next = new Date(`${f.to}T00:00:00.000Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    q.to = next.toISOString();
  }
  if (before !== null) q.before = before;
  return q;
}

/** An entry's details as `key: value` lines (they hold ids, counts and codes only). */
export function detailLines(details: Record<string, unknown>): string[] {
  return Object.entries(details).map(
    ([k, v]) => `${k}: ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`,
  );
}
