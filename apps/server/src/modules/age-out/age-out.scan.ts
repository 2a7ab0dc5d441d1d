import type { Insertable, Kysely } from 'kysely';
import type { Clock } from '../../clock.ts';
import type { DB } from '../../db/schema.ts';
import { recordAudit, type Executor } from '../audit/audit.repository.ts';
import { systemActor } from '../auth/actor.ts';
import { isoDay } from '../names/date-rules.ts';
import { consentRenewalsForAgeOut } from '../consent/consent.gate.ts';
import { notify } from '../notifications/notify.ts';
import {
  claimNewlyEligible,
  claimOverdue,
  findNewCandidates,
  findStaleEntries,
  insertEntries,
  linkCases,
  prioritiseCases,
  refreshDeadlines,
  updateEntry,
  type DossierFacts,
  type Recipients,
} from './age-out.repository.ts';
import { deadlineOn, evaluateAgeOut, windowBirthBound, type BirthPrecision, type Evaluation } from './age-out.rules.ts';
import type { AgeOutTable } from './age-out.tables.ts';

export interface ScanDeps {
  db: Kysely<DB>;
  clock: Clock;
}

export interface ScanResult {
  created: number;
  updated: number;
  withdrawn: number;
  casesLinked: number;
  casesPrioritised: number;
  eligibleNotified: number;
  overdueFlagged: number;
}

const evaluate = (f: DossierFacts, today: string): Evaluation =>
  evaluateAgeOut(
    {
      birthDate: f.birth_date,
      precision: f.birth_date_precision as BirthPrecision,
      birthYear: f.birth_year,
      displacementDate: f.displacement_date,
      dossierOpen: f.dossier_status === 'open',
    },
    today,
  );

/**
 * One pass of the age-out job, in one transaction and idempotent (a second pass on the same day
 * changes and notifies nothing): queues dossiers entering the 90-day window, re-evaluates entries
 * whose dossier changed, links active cases and puts them on the age-out track, and notifies the
 * caseworkers once when someone turns 18 and once when an entry passes its deadline unresolved.
 * Only dossiers in the birth-date window are read (SQL), never every dossier.
 */
export async function scanAgeOut(deps: ScanDeps, deadlineDays: number): Promise<ScanResult> {
  const now = deps.clock.now();
  const today = isoDay(now);
  const actor = systemActor();
  return deps.db.transaction().execute(async (trx) => {
    const result: ScanResult = { created: 0, updated: 0, withdrawn: 0, casesLinked: 0, casesPrioritised: 0, eligibleNotified: 0, overdueFlagged: 0 };

    const fresh: Insertable<AgeOutTable>[] = [];
    for (const f of await findNewCandidates(trx, windowBirthBound(today))) {
      const e = evaluate(f, today);
      if (!e.inQueue) continue;
      fresh.push({
        dossier_id: f.dossier_id,
        dossier_version: f.dossier_version,
        eligible_on: e.eligibleOn,
        adult_from: e.adultFrom,
        approximate: e.approximate,
        found_on: today,
        deadline_on: deadlineOn(e.adultFrom, today, deadlineDays),
        created_at: now,
        updated_at: now,
      });
    }
    for (let i = 0; i < fresh.length; i += 1000) {
      const inserted = await insertEntries(trx, fresh.slice(i, i + 1000));
      result.created += inserted.length;
      await recordAudit(trx, actor, inserted.map((r) => ({ action: 'age-out.create', recordType: 'age_out', recordId: r.id, details: { dossierId: r.dossier_id } })));
    }

    for (const s of await findStaleEntries(trx)) {
      const e = evaluate(s, today);
      // Still out of the window, nothing changed: looked at again next time, without a trace.
      if (!e.inQueue && s.withdrawn_reason === e.reason && s.entry_dossier_version === s.dossier_version) continue;
      if (e.inQueue) {
        await updateEntry(trx, s.id, {
          dossier_version: s.dossier_version,
          eligible_on: e.eligibleOn,
          adult_from: e.adultFrom,
          approximate: e.approximate,
          deadline_on: deadlineOn(e.adultFrom, s.found_on, deadlineDays),
          withdrawn_at: null,
          withdrawn_reason: null,
          updated_at: now,
        });
        result.updated++;
      } else {
        // A corrected birth date or a closed dossier takes the person out of the queue, visibly.
        await updateEntry(trx, s.id, { dossier_version: s.dossier_version, withdrawn_at: now, withdrawn_reason: e.reason, updated_at: now });
        result.withdrawn++;
      }
      await recordAudit(trx, actor, { action: e.inQueue ? 'age-out.update' : 'age-out.withdraw', recordType: 'age_out', recordId: s.id, details: e.inQueue ? {} : { reason: e.reason } });
    }

    await refreshDeadlines(trx, deadlineDays, now);
    result.casesLinked = await linkCases(trx, now);
    const prioritised = await prioritiseCases(trx);
    result.casesPrioritised = prioritised.length;
    await recordAudit(trx, actor, prioritised.map((id) => ({ action: 'case.priority', recordType: 'case', recordId: id, fields: ['priority'], details: { to: 'age-out' } })));

    const eligible = await claimNewlyEligible(trx, today, now);
    // A guardian's consent stops counting on this day too: the notice names what must be renewed.
    const renewals = await consentRenewalsForAgeOut(trx, eligible.map((r) => r.id), now);
    for (const r of eligible) {
      const renewal = renewals.get(r.id);
      await notifyCaseworkers(trx, now, r, 'age-out.eligible', `age-out-eligible:${r.id}`, renewal ? { consentRenewal: renewal } : undefined);
    }
    result.eligibleNotified = eligible.length;

    const overdue = await claimOverdue(trx, today, now);
    for (const r of overdue) await notifyCaseworkers(trx, now, r, 'age-out.overdue', `age-out-overdue:${r.id}`);
    if (overdue.length) await recordAudit(trx, actor, overdue.map((r) => ({ action: 'age-out.flag-overdue', recordType: 'age_out', recordId: r.id })));
    result.overdueFlagged = overdue.length;
    return result;
  });
}

/** The caseworkers of the party holding the dossier and of the family's party of the linked case. */
async function notifyCaseworkers(trx: Executor, now: Date, r: Recipients, kind: string, dedupeKey: string, details?: Record<string, string>) {
  const parties = new Set([r.dossier_party_id, ...(r.family_party_id ? [r.family_party_id] : [])]);
  for (const partyId of parties) {
    await notify(trx, now, { kind, subjectType: 'age-out', subjectId: r.id, partyId, roles: ['caseworker'], dedupeKey, ...(details ? { details } : {}) });
  }
}
