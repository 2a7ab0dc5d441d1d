import { caseDetail, caseListQuery, caseOpenInput, casePage, caseTransitionInput } from '@homeward/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/auth-hook.ts';
import type { AppDeps } from '../../http/app.ts';
import { idParams } from '../../http/params.ts';
import { getCase, listCases, openCase, transitionCase } from './cases.service.ts';

const tags = ['cases'];

export const caseRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/v1/cases',
      {
        config: { permission: 'case.write' },
        schema: {
          tags,
          description: 'Opens the case of a confirmed request↔dossier match (confirming a match already does; 409 ALREADY_EXISTS names the case).',
          body: caseOpenInput,
          response: { 201: caseDetail },
        },
      },
      async (request, reply) => reply.status(201).send(await openCase(deps, actorOf(request), request.body.proposalId)),
    );
    app.get(
      '/api/v1/cases',
      {
        config: { permission: 'case.read' },
        schema: { tags, description: "The cases of the caller's party, on either side, newest first (ids only: no names).", querystring: caseListQuery, response: { 200: casePage } },
      },
      async (request) => listCases(deps, actorOf(request), request.query),
    );
    app.get(
      '/api/v1/cases/:id',
      {
        config: { permission: 'case.read' },
        schema: { tags, description: 'One case with its status history and the moves open to a person now.', params: idParams, response: { 200: caseDetail } },
      },
      async (request) => getCase(deps, actorOf(request), request.params.id),
    );
    app.post(
      '/api/v1/cases/:id/transitions',
      {
        config: { permission: 'case.write' },
        schema: {
          tags,
          description: 'Moves a case along its state table (docs/CASES.md). 409 INVALID_TRANSITION lists the allowed statuses in details.allowed.',
          params: idParams,
          body: caseTransitionInput,
          response: { 200: caseDetail },
        },
      },
      async (request) => transitionCase(deps, actorOf(request), request.params.id, request.body),
    );
  };
