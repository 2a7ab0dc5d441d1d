import { disclosurePreview, disclosurePreviewQuery, page, requestListQuery, requestSearch, tracingRequest, tracingRequestFiling, tracingRequestPatch } from '@homeward/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth-hook.ts';
import type { AppDeps } from '../../http/app.ts';
import { idParams, searchRateLimit } from '../../http/params.ts';
import { proposeForRequest } from '../matching/matching.service.ts';
import { createRequest, getRequest, listRequests, patchRequest, previewDisclosure } from './requests.service.ts';

const presented = tracingRequest.extend({ withheld: z.array(z.string()) });
const tags = ['tracing requests'];

export const requestRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/v1/requests',
      { config: { permission: 'request.write' }, schema: { tags, body: tracingRequestFiling, response: { 201: presented } } },
      async (request, reply) => {
        const created = await createRequest(deps, actorOf(request), request.body);
        // Candidates are proposed at once, for review; a matching failure must not lose the request.
        await proposeForRequest(deps, created.id, actorOf(request)).catch((err: Error & { code?: string }) =>
          request.log.error({ err: { name: err.name, code: err.code } }, 'matching after create failed'),
        );
        return reply.status(201).send(created);
      },
    );
    app.get(
      '/api/v1/requests',
      { config: { permission: 'request.read' }, schema: { tags, querystring: requestListQuery, response: { 200: page(presented) } } },
      async (request) => listRequests(deps, actorOf(request), request.query),
    );
    app.post(
      '/api/v1/requests/search',
      { config: { permission: 'request.read', rateLimit: searchRateLimit(deps) }, schema: { tags, body: requestSearch, response: { 200: page(presented) } } },
      async (request) => listRequests(deps, actorOf(request), request.body),
    );
    app.get(
      '/api/v1/requests/:id',
      { config: { permission: 'request.read' }, schema: { tags, params: idParams, response: { 200: presented } } },
      async (request) => getRequest(deps, actorOf(request), request.params.id),
    );
    app.patch(
      '/api/v1/requests/:id',
      { config: { permission: 'request.write' }, schema: { tags, params: idParams, body: tracingRequestPatch, response: { 200: presented } } },
      async (request) => patchRequest(deps, actorOf(request), request.params.id, request.body),
    );
    app.get(
      '/api/v1/requests/:id/disclosure-preview',
      {
        config: { permission: 'request.read' },
        schema: {
          tags,
          description: "The filing party sees its request exactly as the party with this code would read it (the sharing policy and the disclosure applied).",
          params: idParams,
          querystring: disclosurePreviewQuery,
          response: { 200: disclosurePreview },
        },
      },
      async (request) => previewDisclosure(deps, actorOf(request), request.params.id, request.query.party),
    );
  };
