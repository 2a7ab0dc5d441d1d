import { createHmac } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { DB } from '../../db/schema.ts';
import { recordAudit, type Executor } from '../audit/audit.repository.ts';
import { systemActor } from '../auth/actor.ts';
import { notify } from '../notifications/notify.ts';

/** Thresholds of the misuse scan; the defaults suit a caseworker's day, parties can tighten them. */
export interface MisuseSettings {
  /** Distinct child and family records (dossiers, requests) one user may read in an hour. */
  bulkReadsPerHour: number;
  /** Failed second factors of one account within 15 minutes. */
  secondFactorFailures: number;
  /** What a bulk-read alert does besides alerting: end the user's sessions, so the next step needs both factors again. */
  bulkReadAction: 'alert' | 'end-sessions';
}

export const defaultMisuseSettings: MisuseSettings = { bulkReadsPerHour: 300, secondFactorFailures: 5, bulkReadAction: 'end-sessions' };

type AlertKind = 'bulk-read' | 'second-factor-failures' | 'new-device';

const HOUR = 3_600_000;
const QUARTER = 15 * 60_000;
const floorTo = (t: Date, ms: number) => new Date(Math.floor(t.getTime() / ms) * ms);

/**
 * Records an alert once per kind, user and window, and tells the party's administrators (ids and
 * counts only). Returns whether it was new: a scan that runs again, or on a second server, adds nothing.
 */
async function raise(
  trx: Executor,
  now: Date,
  a: { kind: AlertKind; userId: string; partyId: string; windowStart: Date; details: Record<string, string | number | boolean>; action: 'alerted' | 'sessions-ended' },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('security_alert')
    .values({ party_id: a.partyId, user_id: a.userId, kind: a.kind, window_start: a.windowStart, details: JSON.stringify(a.details), action: a.action, created_at: now })
    .onConflict((oc) => oc.columns(['kind', 'user_id', 'window_start']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return false;
  await recordAudit(trx, systemActor(a.partyId), { action: `security.${a.kind}`, recordType: 'user', recordId: a.userId, details: { alertId: inserted.id, ...a.details, action: a.action } });
  await notify(trx, now, {
    kind: `security.${a.kind}`,
    subjectType: 'user',
    subjectId: a.userId,
    partyId: a.partyId,
    roles: ['administrator'],
    dedupeKey: `security:${inserted.id}`,
    details: { alertId: inserted.id, userId: a.userId, ...a.details },
  });
  return true;
}

/** Ends every live session of a user: the next request needs a fresh login with both factors. */
async function endSessions(trx: Executor, userId: string, now: Date): Promise<void> {
  await trx.updateTable('session').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}

/**
 * The misuse scan (a job every 5 minutes): users who read more distinct child or family records in
 * the current hour than allowed (lists and searches count every record they returned, from the
 * audit's ids), and accounts with a burst of failed second factors in the current quarter hour.
 */
export async function scanForMisuse(deps: { db: Kysely<DB>; clock: Clock }, settings: MisuseSettings = defaultMisuseSettings) {
  const now = deps.clock.now();
  const hour = floorTo(now, HOUR);
  const quarter = floorTo(now, QUARTER);
  return deps.db.transaction().execute(async (trx) => {
    const bulk = await sql<{ user_id: string; party_id: string; n: string }>`
      with reads as (
        select actor_user_id as user_id, actor_party_id as party_id, record_id::text as id
        from audit_log
        where at >= ${hour} and actor_user_id is not null and record_id is not null
          and action in ('dossier.read', 'request.read')
        union all
        select actor_user_id, actor_party_id, jsonb_array_elements_text(details -> 'ids')
        from audit_log
        where at >= ${hour} and actor_user_id is not null
          and action in ('dossier.list', 'dossier.search', 'request.list', 'request.search')
          and jsonb_typeof(details -> 'ids') = 'array'
      )
      select user_id, party_id, count(distinct id)::text as n from reads
      where party_id is not null
      group by user_id, party_id
      having count(distinct id) > ${settings.bulkReadsPerHour}`.execute(trx);
    let bulkAlerts = 0;
    for (const b of bulk.rows) {
      const action = settings.bulkReadAction === 'end-sessions' ? 'sessions-ended' : 'alerted';
      const fresh = await raise(trx, now, { kind: 'bulk-read', userId: b.user_id, partyId: b.party_id, windowStart: hour, details: { records: Number(b.n), limit: settings.bulkReadsPerHour }, action });
      if (fresh) {
        bulkAlerts++;
        if (action === 'sessions-ended') await endSessions(trx, b.user_id, now);
      }
    }
    const failures = await sql<{ user_id: string; party_id: string; n: string }>`
      select u.id as user_id, u.party_id, count(*)::text as n
      from audit_log a join app_user u on u.id::text = a.record_id::text
      where a.at >= ${quarter} and a.action = 'auth.login-failed' and a.details ->> 'factor' = 'second'
      group by u.id, u.party_id
      having count(*) >= ${settings.secondFactorFailures}`.execute(trx);
    let factorAlerts = 0;
    for (const f of failures.rows) {
      if (await raise(trx, now, { kind: 'second-factor-failures', userId: f.user_id, partyId: f.party_id, windowStart: quarter, details: { failures: Number(f.n) }, action: 'alerted' })) factorAlerts++;
    }
    return { bulkReads: bulkAlerts, secondFactorFailures: factorAlerts };
  });
}

/** A device as a keyed hash of the browser and the network (/24 or /48): no address is stored. */
export function deviceHash(secret: Buffer, userAgent: string, ip: string): string {
  const network = ip.includes(':') ? ip.split(':').slice(0, 3).join(':') : ip.split('.').slice(0, 3).join('.');
  return createHmac('sha256', secret).update('homeward:device').update(`${userAgent}\n${network}`).digest('hex');
}

/**
 * Notes a successful login's device; a device (browser and network) not seen before for a user
 * who has logged in before raises a `new-device` alert for the party's administrators.
 */
export async function noteLoginDevice(trx: Executor, now: Date, user: { id: string; party_id: string }, hash: string): Promise<boolean> {
  const known = await trx.selectFrom('login_device').select(['device_hash']).where('user_id', '=', user.id).execute();
  if (known.some((d) => d.device_hash === hash)) {
    await trx.updateTable('login_device').set({ last_seen_at: now }).where('user_id', '=', user.id).where('device_hash', '=', hash).execute();
    return false;
  }
  await trx.insertInto('login_device').values({ user_id: user.id, device_hash: hash, first_seen_at: now, last_seen_at: now }).onConflict((oc) => oc.doNothing()).execute();
  if (known.length === 0) return false;
  return raise(trx, now, { kind: 'new-device', userId: user.id, partyId: user.party_id, windowStart: now, details: { knownDevices: known.length }, action: 'alerted' });
}
