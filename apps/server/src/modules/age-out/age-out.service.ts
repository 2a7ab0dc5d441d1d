import type { AgeOutConsentInput, AgeOutListQuery, AgeOutResolveInput } from '@homeward/contracts';
import type { Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit, type Executor } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { hasTier } from '../auth/permissions.ts';
import { isoDay } from '../names/date-rules.ts';
import { appendLogEntry, newEntry, publishCheckpoint } from '../transparency/log.service.ts';
import { decodeQueueCursor, encodeQueueCursor } from './age-out.cursor.ts';
import { canSeeAgeOut, entryStatus, presentAgeOut, presentConsents } from './age-out.policy.ts';
import {
  countByStatus,
  countUnknownAge,
  findConsents,
  findEntries,
  findEntry,
  insertConsent,
  updateEntryVersioned,
  type EntryRow,
} from './age-out.repository.ts';
import { addDays } from './age-out.rules.ts';

export interface AgeOutDeps {
  db: Kysely<DB>;
  clock: Clock;
  /** Server secret: present when the transparency log is in use (consents and resolutions are logged). */
  secret?: Buffer;
}

const NO_PARTY = '00000000-0000-0000-0000-000000000000';
const visibleTo = (actor: Actor) => (actor.kind === 'system' ? undefined : (actor.partyId ?? NO_PARTY));

/** The caller's queue, soonest deadline first, with counts per status and of unknown ages. */
export async function listAgeOut(deps: AgeOutDeps, actor: Actor, query: AgeOutListQuery) {
  const today = isoDay(deps.clock.now());
  return deps.db.transaction().execute(async (trx) => {
    const party = visibleTo(actor);
    const rows = await findEntries(trx, {
      visibleToPartyId: party,
      today,
      status: query.status,
      dueBy: query.dueWithinDays === undefined ? undefined : addDays(today, query.dueWithinDays),
      after: decodeQueueCursor(query.cursor),
      limit: query.limit,
    });
    const items = rows.slice(0, query.limit).map((r) => presentAgeOut(r, actor, today));
    const last = items.at(-1);
    const nextCursor = rows.length > query.limit && last ? encodeQueueCursor({ deadlineOn: last.deadlineOn, id: last.id }) : null;
    const counts = await countByStatus(trx, party, today);
    const summary = {
      upcoming: counts.get('upcoming') ?? 0,
      eligible: counts.get('eligible') ?? 0,
      consentRecorded: counts.get('consent-recorded') ?? 0,
      overdue: counts.get('overdue') ?? 0,
      resolved: counts.get('resolved') ?? 0,
      unknownAge: await countUnknownAge(trx, party),
    };
    if (items.length) {
      await recordAudit(trx, actor, { action: 'age-out.list', recordType: 'age_out', recordId: null, details: { ids: items.map((i) => i.id) } });
    }
    return { items, nextCursor, summary };
  });
}

async function visibleEntry(trx: Executor, actor: Actor, id: string, forUpdate = false): Promise<EntryRow> {
  const row = await findEntry(trx, id, forUpdate);
  if (!row || !canSeeAgeOut(actor, row)) throw notFound();
  return row;
}

export async function getAgeOut(deps: AgeOutDeps, actor: Actor, id: string, opts = { audit: true }) {
  const today = isoDay(deps.clock.now());
  return deps.db.transaction().execute(async (trx) => {
    const row = await visibleEntry(trx, actor, id);
    const history = await findConsents(trx, id);
    // Consent notes are sensitive: a read that shows them is audited.
    if (opts.audit && hasTier(actor.roles, 'sensitive') && (history.length || row.resolved_at)) {
      await recordAudit(trx, actor, { action: 'age-out.read', recordType: 'age_out', recordId: id, fields: ['consent', 'resolution'] });
    }
    return { ...presentAgeOut(row, actor, today), consentHistory: presentConsents(history, actor) };
  });
}

function assertOpen(row: EntryRow, today: string) {
  const status = entryStatus(row, today);
  if (status === 'resolved' || status === 'withdrawn') {
    throw new AppError('AGE_OUT_CLOSED', `This entry is ${status}; nothing more can be recorded on it.`, { details: { status } });
  }
  return status;
}

const versionConflict = (row: EntryRow) =>
  new AppError('VERSION_CONFLICT', 'This entry was changed by someone else; reload it and try again.', { details: { currentVersion: row.version } });

/**
 * Records the young person's own consent (by them, or with them by an official). It replaces a
 * guardian's, and the newest replaces any earlier one of theirs; the history is kept. Refused
 * with NOT_YET_ADULT until the person is surely 18: with a birth date known only to the month or
 * year, that is the latest possible 18th birthday.
 */
export async function recordConsent(deps: AgeOutDeps, actor: Actor, id: string, input: AgeOutConsentInput) {
  const now = deps.clock.now();
  const today = isoDay(now);
  await deps.db.transaction().execute(async (trx) => {
    const row = await visibleEntry(trx, actor, id, true);
    const from = assertOpen(row, today);
    if (today < row.adult_from) {
      throw new AppError(
        'NOT_YET_ADULT',
        row.approximate
          ? 'This person may still be under 18 (the birth date is approximate): their own consent can be recorded from the day they are surely 18 (adultFrom). Until then the guardian decides.'
          : 'This person is under 18: their own consent can be recorded from their 18th birthday (adultFrom). Until then the guardian decides.',
      );
    }
    const ok = await updateEntryVersioned(trx, id, input.version, {
      consent_decision: input.decision,
      consent_recorded_how: input.recordedHow,
      consent_recorded_by: actor.userId,
      consent_at: now,
      consent_notes: input.notes ?? null,
      updated_at: now,
    });
    if (!ok) throw versionConflict(row);
    const replaces = row.consent_decision ? 'young-person' : 'guardian';
    await insertConsent(trx, {
      age_out_id: id,
      decision: input.decision,
      recorded_how: input.recordedHow,
      recorded_by: actor.userId,
      replaces,
      notes: input.notes ?? null,
      at: now,
    });
    // The decision itself stays out of the audit details and the log: it is the young person's.
    await recordAudit(trx, actor, { action: 'age-out.consent', recordType: 'age_out', recordId: id, fields: ['consent'], details: { recordedHow: input.recordedHow, replaces } });
    await logTransition(trx, actor, row, from, 'consent-recorded', now);
  });
  if (deps.secret) await publishCheckpoint({ db: deps.db, clock: deps.clock, secret: deps.secret });
  return getAgeOut(deps, actor, id, { audit: false });
}

/**
 * Closes the entry with its outcome. `returned` and `stays` must agree with the young person's
 * latest consent (`return` / `stay`); `other` (moved on, unreachable, dossier merged…) needs only
 * the reason. A resolution is final here; a change of mind goes through the case.
 */
export async function resolveAgeOut(deps: AgeOutDeps, actor: Actor, id: string, input: AgeOutResolveInput) {
  const now = deps.clock.now();
  const today = isoDay(now);
  await deps.db.transaction().execute(async (trx) => {
    const row = await visibleEntry(trx, actor, id, true);
    const from = assertOpen(row, today);
    const needs = { returned: 'return', stays: 'stay', other: null }[input.outcome];
    if (needs && row.consent_decision !== needs) {
      throw new AppError(
        'AGE_OUT_CONSENT_REQUIRED',
        `The outcome "${input.outcome}" needs the young person's own consent "${needs}" recorded first.`,
        { details: { outcome: input.outcome, needs } },
      );
    }
    const ok = await updateEntryVersioned(trx, id, input.version, {
      resolution_outcome: input.outcome,
      resolution_reason: input.reason,
      resolved_by: actor.userId,
      resolved_at: now,
      updated_at: now,
    });
    if (!ok) throw versionConflict(row);
    await recordAudit(trx, actor, { action: 'age-out.resolve', recordType: 'age_out', recordId: id, fields: ['resolution'], reason: input.reason, details: { outcome: input.outcome } });
    await logTransition(trx, actor, row, from, 'resolved', now, { outcome: input.outcome });
  });
  if (deps.secret) await publishCheckpoint({ db: deps.db, clock: deps.clock, secret: deps.secret });
  return getAgeOut(deps, actor, id, { audit: false });
}

/** A transparency-log entry: the entry's id and status codes only. */
async function logTransition(trx: Executor, actor: Actor, row: EntryRow, from: string, to: string, now: Date, meta?: Record<string, string>) {
  await appendLogEntry(
    trx,
    newEntry({ kind: 'status-transition', party: actor.partyId ?? row.dossier_party_id, subjectRef: `age-out/${row.id}`, from, to, ...(meta ? { meta } : {}) }, now),
  );
}
