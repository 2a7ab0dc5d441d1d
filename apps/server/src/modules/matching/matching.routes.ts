import { dossier, tracingRequest } from '@homeward/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth-hook.ts';
import type { AppDeps } from '../../http/app.ts';
import { idParams } from '../../http/params.ts';
import { decideProposal } from './matching.decisions.ts';
import { getProposal, listProposals, proposeForRequest } from './matching.service.ts';

const tags = ['matching'];
const statuses = ['proposed', 'awaiting-second', 'confirmed', 'rejected', 'superseded'] as const;
const kinds = ['request-dossier', 'dossier-dossier'] as const;

const proposal = z.object({
  id: z.uuid(),
  kind: z.enum(kinds),
  leftId: z.uuid().describe('The request (request-dossier) or the first dossier (dossier-dossier)'),
  rightId: z.uuid().describe('The dossier proposed'),
  score: z.number().describe('Calibrated probability that both are the same child'),
  decision: z.enum(['match', 'possible']),
  status: z.enum(statuses),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  reason: z.string().nullable(),
});

/** A decision's answer: the proposal, and the approval a first confirmation asked for (two-person rule). */
const decided = proposal.extend({
  approvalId: z.uuid().nullable().describe('Set when the confirmation waits for a second reviewer (status awaiting-second): the pending approval'),
});

const evidence = z.array(
  z.object({ field: z.string(), level: z.string(), weight: z.number(), values: z.tuple([z.string(), z.string()]).optional() }),
);

const presentedDossier = dossier.extend({ withheld: z.array(z.string()) });
const presentedRequest = tracingRequest.extend({ withheld: z.array(z.string()) });

const comparison = proposal.extend({
  left: z.object({ request: presentedRequest.nullable(), dossier: presentedDossier.nullable() }),
  right: presentedDossier.nullable(),
  evidence,
  history: z.array(z.object({ status: z.enum(statuses), actorUserId: z.string().nullable(), reason: z.string().nullable(), at: z.string() })),
});

const listQuery = z.object({
  status: z.enum(statuses).default('proposed'),
  kind: z.enum(kinds).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const reason = z.string().trim().min(1).max(2000);

export const matchingRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/matches',
      {
        config: { permission: 'match.read' },
        schema: { tags, description: "The review queue of the caller's party, most probable first (no names: open a proposal for the comparison).", querystring: listQuery, response: { 200: z.object({ items: z.array(proposal) }) } },
      },
      async (request) => listProposals(deps, actorOf(request), request.query),
    );
    app.get(
      '/api/v1/matches/:id',
      {
        config: { permission: 'match.read' },
        schema: { tags, description: 'Side-by-side comparison of both records with the match-weight evidence.', params: idParams, response: { 200: comparison } },
      },
      async (request) => getProposal(deps, actorOf(request), request.params.id),
    );
    app.post(
      '/api/v1/matches/:id/confirm',
      {
        config: { permission: 'match.review' },
        schema: {
          tags,
          description:
            'A person confirms the match; a request↔dossier confirmation marks the request matched and opens the case. Under the two-person rule the first confirmation answers 200 with status awaiting-second and the approvalId; the second, by an eligible other reviewer, completes it (409 SAME_PERSON for the same person, 403 NOT_ELIGIBLE_SECOND for the wrong party or permission).',
          params: idParams,
          body: z.object({ reason: reason.optional() }).default({}),
          response: { 200: decided },
        },
      },
      async (request) => decideProposal(deps, actorOf(request), request.params.id, 'confirmed', request.body.reason ?? null),
    );
    app.post(
      '/api/v1/matches/:id/reject',
      {
        config: { permission: 'match.review' },
        schema: { tags, description: 'A person rejects the match, with a reason; the pair is not proposed again unless one side changes.', params: idParams, body: z.object({ reason }), response: { 200: decided } },
      },
      async (request) => decideProposal(deps, actorOf(request), request.params.id, 'rejected', request.body.reason),
    );
    app.post(
      '/api/v1/requests/:id/match',
      {
        config: { permission: 'match.read' },
        schema: { tags, description: 'Runs matching for one request now and returns its open proposals, most probable first.', params: idParams, response: { 200: z.object({ items: z.array(proposal) }) } },
      },
      async (request) => ({ items: await proposeForRequest(deps, request.params.id, actorOf(request)) }),
    );
  };
