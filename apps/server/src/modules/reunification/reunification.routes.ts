import {
  handoverInput,
  reunificationApproval,
  reunificationPlanInput,
  reunificationPlanPatch,
  reunificationStart,
  reunificationView,
  reunificationWithdrawal,
  welfareCheck,
  welfareRecord,
} from '@homeward/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/auth-hook.ts';
import type { AppDeps } from '../../http/app.ts';
import { idParams } from '../../http/params.ts';
import { recordHandover } from './reunification.handover.service.ts';
import { approvePlan, createPlan, getReunification, patchPlan, startPlan, withdrawPlan } from './reunification.service.ts';
import { recordWelfare } from './reunification.welfare.service.ts';

const tags = ['reunification'];

export const reunificationRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/v1/cases/:id/reunification-plan',
      {
        config: { permission: 'case.write' },
        schema: {
          tags,
          description: 'Draws up the plan of an in-contact case (which moves to reunification-planned). One live plan per case.',
          params: idParams,
          body: reunificationPlanInput,
          response: { 201: reunificationView },
        },
      },
      async (request, reply) => reply.status(201).send(await createPlan(deps, actorOf(request), request.params.id, request.body)),
    );
    app.get(
      '/api/v1/cases/:id/reunification',
      {
        config: { permission: 'case.read' },
        schema: { tags, description: 'The plan with its approvals, the handover records and the welfare checks.', params: idParams, response: { 200: reunificationView } },
      },
      async (request) => getReunification(deps, actorOf(request), request.params.id),
    );
    app.patch(
      '/api/v1/reunification-plans/:id',
      {
        config: { permission: 'case.write' },
        schema: {
          tags,
          description: 'Changes a draft or approved plan. Any change of content clears both approvals (an approved plan goes back to draft); ticking documents done does not.',
          params: idParams,
          body: reunificationPlanPatch,
          response: { 200: reunificationView },
        },
      },
      async (request) => patchPlan(deps, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/v1/reunification-plans/:id/approve',
      {
        config: { permission: 'case.write' },
        schema: { tags, description: "The caller's side approves the plan's content as read (contentHash). Both sides approved: the plan is approved.", params: idParams, body: reunificationApproval, response: { 200: reunificationView } },
      },
      async (request) => approvePlan(deps, actorOf(request), request.params.id, request.body.contentHash),
    );
    app.post(
      '/api/v1/reunification-plans/:id/start',
      {
        config: { permission: 'case.write' },
        schema: { tags, description: 'Starts an approved plan whose required documents are done; the case goes in-transit.', params: idParams, body: reunificationStart.default({}), response: { 200: reunificationView } },
      },
      async (request) => startPlan(deps, actorOf(request), request.params.id, request.body.version),
    );
    app.post(
      '/api/v1/reunification-plans/:id/withdraw',
      {
        config: { permission: 'case.write' },
        schema: { tags, description: 'Withdraws a plan that has not completed, with a reason (an in-transit case steps back to reunification-planned).', params: idParams, body: reunificationWithdrawal, response: { 200: reunificationView } },
      },
      async (request) => withdrawPlan(deps, actorOf(request), request.params.id, request.body.reason),
    );
    app.post(
      '/api/v1/reunification-plans/:id/handover',
      {
        config: { permission: 'case.write' },
        schema: {
          tags,
          description: "The caller's side records the handover of a started plan (refused with PLAN_NOT_APPROVED without an approved plan). When both sides have, the case is reunited and welfare checks are scheduled.",
          params: idParams,
          body: handoverInput,
          response: { 200: reunificationView },
        },
      },
      async (request) => recordHandover(deps, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/v1/welfare-checks/:id/record',
      {
        config: { permission: 'case.write' },
        schema: { tags, description: 'Records a welfare check once: done with an outcome, or missed with a reason.', params: idParams, body: welfareRecord, response: { 200: welfareCheck } },
      },
      async (request) => recordWelfare(deps, actorOf(request), request.params.id, request.body),
    );
  };
