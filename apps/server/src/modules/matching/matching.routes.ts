import { matchComparison, matchDecided, matchListQuery, matchProposal, matchReason } from '@homeward/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth-hook.ts';
import type { AppDeps } from '../../http/app.ts';
import { idParams } from '../../http/params.ts';
import { decideProposal } from './matching.decisions.ts';
import { getProposal, listProposals, proposeForRequest } from './matching.service.ts';

const tags = ['matching'];

export const matchingRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/matches',
      {
        config: { permission: 'match.read' },
        schema: { tags, description: "The review queue of the caller's party, most probable first (no names: open a proposal for the comparison).", querystring: matchListQuery, response: { 200: z.object({ items: z.array(matchProposal) }) } },
      },
      async (request) => listProposals(deps, actorOf(request), request.query),
    );
    app.get(
      '/api/v1/matches/:id',
      {
        config: { permission: 'match.read' },
        schema: { tags, description: 'Side-by-side comparison of both records with the match-weight evidence.', params: idParams, response: { 200: matchComparison } },
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
          body: z.object({ reason: matchReason.optional() }).default({}),
          response: { 200: matchDecided },
        },
      },
      async (request) => decideProposal(deps, actorOf(request), request.params.id, 'confirmed', request.body.reason ?? null),
    );
    app.post(
      '/api/v1/matches/:id/reject',
      {
        config: { permission: 'match.review' },
        schema: { tags, description: 'A person rejects the match, with a reason; the pair is not proposed again unless one side changes.', params: idParams, body: z.object({ reason: matchReason }), response: { 200: matchDecided } },
      },
      async (request) => decideProposal(deps, actorOf(request), request.params.id, 'rejected', request.body.reason),
    );
    app.post(
      '/api/v1/requests/:id/match',
      {
        config: { permission: 'match.read' },
        schema: { tags, description: 'Runs matching for one request now and returns its open proposals, most probable first.', params: idParams, response: { 200: z.object({ items: z.array(matchProposal) }) } },
      },
      async (request) => ({ items: await proposeForRequest(deps, request.params.id, actorOf(request)) }),
    );
  };
