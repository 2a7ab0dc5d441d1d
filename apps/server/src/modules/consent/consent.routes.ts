import {
  consentInput,
  consentList,
  consentModeInput,
  consentModeView,
  consentOverrideInput,
  consentQuery,
  consentRecord,
  consentWithdrawal,
  contactSuspension,
  contactSuspensionInput,
  contactSuspensionView,
} from '@homeward/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth-hook.ts';
import { approval } from '../approvals/approvals.schemas.ts';
import { presentApproval } from '../approvals/approvals.service.ts';
import type { AppDeps } from '../../http/app.ts';
import { idParams } from '../../http/params.ts';
import { listConsents, listOverrides, recordConsent, recordOverride, withdrawConsent } from './consent.service.ts';
import { getConsentMode, setConsentMode } from './consent-mode.service.ts';
import { getContactSuspension, liftContactSuspension, suspendContact } from './contact-suspension.service.ts';

const tags = ['consent'];

/** Consent records and overrides, emergency suspension of contact, and subject access. */
export const consentRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/v1/consents',
      {
        config: { permission: 'consent.write' },
        schema: { tags, description: 'Records a consent (or a refusal) given by someone with standing, for one purpose; 403 CONSENT_NO_STANDING otherwise.', body: consentInput, response: { 201: consentRecord } },
      },
      async (request, reply) => reply.status(201).send(await recordConsent(deps, actorOf(request), request.body)),
    );
    app.get(
      '/api/v1/consents',
      {
        config: { permission: 'consent.read' },
        schema: { tags, description: "A record's consent history and the state of each purpose.", querystring: consentQuery, response: { 200: consentList } },
      },
      async (request) => listConsents(deps, actorOf(request), { type: request.query.subjectType, id: request.query.subjectId }),
    );
    app.get(
      '/api/v1/consents/mode',
      {
        config: { permission: 'consent.read' },
        schema: { tags, description: "The caller's party's consent mode: transitional (the default; unknown consent does not stop processing) or strict.", response: { 200: consentModeView } },
      },
      async (request) => getConsentMode(deps, actorOf(request)),
    );
    app.put(
      '/api/v1/consents/mode',
      {
        config: { permission: 'consent.override' },
        schema: {
          tags,
          description: "Sets the caller's party's consent mode. Strict: nothing of the party's records is matched, shared, shown to another party or contacted without consent (or an override) on record. Audited.",
          body: consentModeInput,
          response: { 200: consentModeView },
        },
      },
      async (request) => setConsentMode(deps, actorOf(request), request.body.mode),
    );
    app.post(
      '/api/v1/consents/:id/withdraw',
      {
        config: { permission: 'consent.write' },
        schema: { tags, description: 'Withdraws a consent (or ends an override): recorded as a new entry, the history stays.', params: idParams, body: consentWithdrawal, response: { 200: consentRecord } },
      },
      async (request) => withdrawConsent(deps, actorOf(request), request.params.id, request.body.reason),
    );
    app.post(
      '/api/v1/consents/overrides',
      {
        config: { permission: 'consent.override' },
        schema: {
          tags,
          description:
            'A legal-basis override (e.g. the best interests of the child) with a written reason; audited and reported. Under the two-person rule the first administrator gets 202 with the pending approval; a second administrator of the party approves it (POST /api/v1/approvals/:id/approve) and it takes effect then.',
          body: consentOverrideInput,
          response: { 201: consentRecord, 202: z.object({ approval }) },
        },
      },
      async (request, reply) => {
        const result = await recordOverride(deps, actorOf(request), request.body);
        return result.approval ? reply.status(202).send({ approval: presentApproval(result.approval) }) : reply.status(201).send(result.record);
      },
    );
    app.get(
      '/api/v1/consents/overrides',
      {
        config: { permission: 'audit.read' },
        schema: { tags, description: "The overrides report: the caller's party's legal-basis overrides, newest first.", querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }), response: { 200: z.object({ items: z.array(consentRecord) }) } },
      },
      async (request) => listOverrides(deps, actorOf(request), request.query.limit),
    );
    app.post(
      '/api/v1/cases/:id/contact-suspension',
      {
        config: { permission: 'contact.write' },
        schema: { tags, description: "Suspends all of a case's contact and message delivery at once, with a reason; both sides' officers are told.", params: idParams, body: contactSuspensionInput, response: { 201: contactSuspension } },
      },
      async (request, reply) => reply.status(201).send(await suspendContact(deps, actorOf(request), request.params.id, request.body.reason)),
    );
    app.post(
      '/api/v1/cases/:id/contact-suspension/lift',
      {
        config: { permission: 'contact.write' },
        schema: { tags, description: 'Lifts the suspension: only an officer other than the one who suspended (409 SECOND_OFFICER_REQUIRED).', params: idParams, body: contactSuspensionInput, response: { 200: contactSuspension } },
      },
      async (request) => liftContactSuspension(deps, actorOf(request), request.params.id, request.body.reason),
    );
    app.get(
      '/api/v1/cases/:id/contact-suspension',
      {
        config: { permission: 'case.read' },
        schema: { tags, description: "The case's contact suspension in force, if any, and the history; seen by both sides.", params: idParams, response: { 200: contactSuspensionView } },
      },
      async (request) => getContactSuspension(deps, actorOf(request), request.params.id),
    );
  };
