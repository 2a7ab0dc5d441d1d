import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth-hook.ts';
import type { AppDeps } from '../../http/app.ts';
import { idParams } from '../../http/params.ts';
import { actHandlers } from './approvals.acts.ts';
import { approval, approvalQuery, approveBody, declineBody } from './approvals.schemas.ts';
import { approve, decline, getApproval, listApprovals, listOwnPending } from './approvals.service.ts';

const tags = ['approvals'];

/** The two-person rule's second step: what awaits the caller, and their answer. */
export const approvalRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const handlers = actHandlers(deps);
    app.get(
      '/api/v1/approvals',
      {
        config: { permission: 'approval.give' },
        schema: { tags, description: "status=pending (default): the approvals the caller may give (eligible party and permission, not their own). Other statuses: their party's approvals.", querystring: approvalQuery, response: { 200: z.object({ items: z.array(approval) }) } },
      },
      async (request) => listApprovals(deps, actorOf(request), request.query),
    );
    app.get(
      '/api/v1/approvals/mine',
      {
        config: { permission: 'approval.give' },
        schema: { tags, description: "The caller's own approvals still waiting for a second person, newest first; the first person may withdraw one (POST /api/v1/approvals/:id/decline).", querystring: approvalQuery.pick({ limit: true }), response: { 200: z.object({ items: z.array(approval) }) } },
      },
      async (request) => listOwnPending(deps, actorOf(request), request.query.limit),
    );
    app.get(
      '/api/v1/approvals/:id',
      {
        config: { permission: 'approval.give' },
        schema: { tags, description: 'One approval, to its first party and the party its second may come from; others get 404.', params: idParams, response: { 200: approval } },
      },
      async (request) => getApproval(deps, actorOf(request), request.params.id),
    );
    app.post(
      '/api/v1/approvals/:id/approve',
      {
        config: { permission: 'approval.give' },
        schema: {
          tags,
          description: 'The second person approves and the act is performed in the same transaction. 409 SAME_PERSON, 403 NOT_ELIGIBLE_SECOND, 409 APPROVAL_NOT_PENDING (already answered), 409 APPROVAL_EXPIRED, 409 APPROVAL_CHANGED (payloadHash differs).',
          params: idParams,
          body: approveBody.default({}),
          response: { 200: approval },
        },
      },
      async (request) => approve(deps, actorOf(request), request.params.id, request.body, handlers),
    );
    app.post(
      '/api/v1/approvals/:id/decline',
      {
        config: { permission: 'approval.give' },
        schema: { tags, description: 'An eligible second person declines (or the first withdraws) with a reason; nothing of the act is done.', params: idParams, body: declineBody, response: { 200: approval } },
      },
      async (request) => decline(deps, actorOf(request), request.params.id, request.body.reason, handlers),
    );
  };
