import {
  caseContact,
  caseMessage,
  caseMessageWithHistory,
  contactOccurrence,
  contactPlan,
  contactPlanInput,
  contactPlanPatch,
  contactRecordInput,
  messageInput,
  messageReview,
  regionalRegularity,
  regularityQuery,
} from '@homeward/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth-hook.ts';
import type { AppDeps } from '../../http/app.ts';
import { idParams } from '../../http/params.ts';
import { getMessage, listMessages, reviewMessage, submitMessage } from './contact-messages.service.ts';
import { getCaseContact, recordContact, regionalRegularity as regionalReport } from './contact-occurrences.service.ts';
import { createPlan, patchPlan } from './contact-plans.service.ts';

const tags = ['contact'];

/** Contact plans, the contacts they schedule, regularity, and the reviewed message relay. */
export const contactRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/v1/cases/:id/contact-plan',
      {
        config: { permission: 'contact.write' },
        schema: { tags, description: 'A contact plan for an active case; a plan already in force is cancelled and replaced.', params: idParams, body: contactPlanInput, response: { 201: contactPlan } },
      },
      async (request, reply) => reply.status(201).send(await createPlan(deps, actorOf(request), request.params.id, request.body)),
    );
    app.patch(
      '/api/v1/contact-plans/:id',
      {
        config: { permission: 'contact.write' },
        schema: { tags, description: 'Changes a plan, or suspends, resumes or cancels it (a reason to stop); a changed schedule is redrawn from now.', params: idParams, body: contactPlanPatch, response: { 200: contactPlan } },
      },
      async (request) => patchPlan(deps, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/v1/contact-occurrences/:id/record',
      {
        config: { permission: 'contact.write' },
        schema: { tags, description: 'Records how a scheduled contact went: held, missed or cancelled (with a reason).', params: idParams, body: contactRecordInput, response: { 200: contactOccurrence } },
      },
      async (request) => recordContact(deps, actorOf(request), request.params.id, request.body),
    );
    app.get(
      '/api/v1/cases/:id/contact',
      {
        config: { permission: 'case.read' },
        schema: { tags, description: "The case's contact plan, its contacts and how regular contact has been.", params: idParams, response: { 200: caseContact } },
      },
      async (request) => getCaseContact(deps, actorOf(request), request.params.id),
    );
    app.get(
      '/api/v1/contact/regularity',
      {
        config: { permission: 'report.read' },
        schema: { tags, description: "Contact regularity per region over the cases of the caller's party; regions with fewer than 5 cases are suppressed.", querystring: regularityQuery, response: { 200: regionalRegularity } },
      },
      async (request) => regionalReport(deps, actorOf(request), request.query),
    );
    app.post(
      '/api/v1/cases/:id/messages',
      {
        config: { permission: 'contact.write' },
        schema: { tags, description: "Relays a message from the sender's side of the case; it is delivered only once a reviewer approves it.", params: idParams, body: messageInput, response: { 201: caseMessage } },
      },
      async (request, reply) => reply.status(201).send(await submitMessage(deps, actorOf(request), request.params.id, request.body)),
    );
    app.get(
      '/api/v1/cases/:id/messages',
      {
        config: { permission: 'case.read' },
        schema: { tags, description: "The case's messages the caller may see: the other side's only once approved.", params: idParams, response: { 200: z.object({ items: z.array(caseMessage) }) } },
      },
      async (request) => listMessages(deps, actorOf(request), request.params.id),
    );
    app.get(
      '/api/v1/messages/:id',
      {
        config: { permission: 'case.read' },
        schema: { tags, description: 'One message with its review history.', params: idParams, response: { 200: caseMessageWithHistory } },
      },
      async (request) => getMessage(deps, actorOf(request), request.params.id),
    );
    app.post(
      '/api/v1/messages/:id/review',
      {
        config: { permission: 'message.review' },
        schema: { tags, description: 'Safeguarding review: approve (deliver) or return with a reason; never by the officer who relayed it.', params: idParams, body: messageReview, response: { 200: caseMessage } },
      },
      async (request) => reviewMessage(deps, actorOf(request), request.params.id, request.body),
    );
  };
