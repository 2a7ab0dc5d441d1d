import { notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Actor } from '../auth/actor.ts';
import { findDossier } from '../dossiers/dossiers.repository.ts';
import { assertNotErased } from '../erasure/erasure.lookup.ts';
import { findSourcesOf } from '../sources/source-records.repository.ts';
import { withMatching } from '../matching/matching.tables.ts';
import { presentConsent, type ConsentDeps } from './consent.service.ts';
import { findConsentsOf, findSuspensions } from './consent.repository.ts';

/**
 * Subject access: everything Homeward holds about one child, for an authorised officer of the
 * party that holds the child's dossier (others get 404). The dossier, its sources and files
 * (metadata), match proposals, cases with their history, contact and messages, consent records,
 * age-out entries, attestations (metadata: the signed envelope stays in the log) and the audit
 * entries about the dossier and its cases. The export is audited with every id it holds.
 * `watermark` (a controlled export's id, user and times) is written into the result when given.
 */
export async function exportSubjectAccess(deps: ConsentDeps, actor: Actor, dossierId: string, watermark?: object) {
  return deps.db.transaction().execute(async (trx) => {
    const dossier = await findDossier(trx, dossierId);
    if (!dossier || (actor.kind !== 'system' && actor.partyId !== dossier.party_id)) throw notFound();
    // An erased dossier holds nothing more to give: its tombstone answers (410 RECORD_ERASED).
    await assertNotErased(trx, actor, dossier);
    const { name_search: _derived, ...dossierFields } = dossier;
    const sources = await findSourcesOf(trx, 'dossier', dossierId);
    const media = await trx
      .selectFrom('media_file')
      .select(['id', 'kind', 'status', 'content_hash', 'taken_on', 'captured_at', 'supplied_by', 'party_id', 'uploaded_by', 'created_at'])
      .where('subject_type', '=', 'dossier')
      .where('subject_id', '=', dossierId)
      .execute();
    const proposals = await withMatching(trx)
      .selectFrom('match_proposal')
      .select(['id', 'kind', 'left_id', 'right_id', 'party_id', 'other_party_id', 'score', 'decision', 'status', 'created_at', 'decided_by', 'decided_at', 'reason'])
      .where((eb) => eb.or([eb('left_id', '=', dossierId), eb('right_id', '=', dossierId)]))
      .execute();
    const cases = await trx.selectFrom('tracing_case').selectAll().where('dossier_id', '=', dossierId).execute();
    const caseIds = cases.map((c) => c.id);
    const some = caseIds.length ? caseIds : ['00000000-0000-0000-0000-000000000000'];
    const caseEvents = await trx.selectFrom('tracing_case_event').selectAll().where('case_id', 'in', some).orderBy('id').execute();
    const contactPlans = await trx.selectFrom('contact_plan').selectAll().where('case_id', 'in', some).execute();
    const contacts = await trx.selectFrom('contact_occurrence').selectAll().where('case_id', 'in', some).orderBy('due_at').execute();
    const messages = await trx.selectFrom('case_message').selectAll().where('case_id', 'in', some).orderBy('submitted_at').execute();
    const messageIds = messages.length ? messages.map((m) => m.id) : ['00000000-0000-0000-0000-000000000000'];
    const messageEvents = await trx.selectFrom('case_message_event').selectAll().where('message_id', 'in', messageIds).orderBy('id').execute();
    const consents = [...(await findConsentsOf(trx, 'dossier', [dossierId])), ...(await findConsentsOf(trx, 'case', caseIds))].map(presentConsent);
    const suspensions = await findSuspensions(trx, caseIds);
    const ageOut = await trx.selectFrom('age_out').selectAll().where('dossier_id', '=', dossierId).execute();
    const ageOutConsents = ageOut.length
      ? await trx.selectFrom('age_out_consent').selectAll().where('age_out_id', 'in', ageOut.map((a) => a.id)).orderBy('id').execute()
      : [];
    const attestations = await trx
      .selectFrom('attestation')
      .select(['id', 'subject_type', 'subject_id', 'subject_version', 'claim', 'decision', 'covered_fields', 'party_id', 'signer_user_id', 'signed_at'])
      .where((eb) => eb.or([eb.and([eb('subject_type', '=', 'dossier'), eb('subject_id', '=', dossierId)]), eb.and([eb('subject_type', '=', 'case'), eb('subject_id', 'in', some)])]))
      .execute();
    const audit = await trx
      .selectFrom('audit_log')
      .selectAll()
      .where((eb) => eb.or([eb.and([eb('record_type', '=', 'dossier'), eb('record_id', '=', dossierId)]), eb.and([eb('record_type', '=', 'case'), eb('record_id', 'in', some)])]))
      .orderBy('id')
      .execute();
    const ids = {
      caseIds,
      mediaIds: media.map((m) => m.id),
      proposalIds: proposals.map((p) => p.id),
      messageIds: messages.map((m) => m.id),
      contactIds: contacts.map((c) => c.id),
      consentIds: consents.map((c) => c.id),
      attestationIds: attestations.map((a) => a.id),
      auditIds: audit.map((a) => a.id),
    };
    await recordAudit(trx, actor, {
      action: 'subject-access.export',
      recordType: 'dossier',
      recordId: dossierId,
      fields: ['identity', 'sensitive', 'restricted'],
      details: ids,
    });
    return {
      ...(watermark ? { watermark } : {}),
      dossierId,
      generatedAt: deps.clock.now().toISOString(),
      sections: {
        dossier: dossierFields,
        sources,
        media,
        matchProposals: proposals,
        cases,
        caseEvents,
        contactPlans,
        contacts,
        messages,
        messageEvents,
        contactSuspensions: suspensions,
        consents,
        ageOut,
        ageOutConsents,
        attestations,
        audit,
      },
    };
  });
}
