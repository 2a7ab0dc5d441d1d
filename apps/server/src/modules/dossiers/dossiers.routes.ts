import { dossier, dossierHistory as dossierHistoryPage, dossierHistoryQuery, dossierInput, dossierListQuery, dossierMerge, dossierMergeUndo, dossierMergeUndone, dossierPatch, dossierSearch, page } from '@homeward/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth-hook.ts';
import type { AppDeps } from '../../http/app.ts';
import { idParams, searchRateLimit } from '../../http/params.ts';
import { proposeForNewDossier } from '../matching/matching.runs.ts';
import { dossierHistory } from './dossier-history.service.ts';
import { listMergesOf, undoMerge } from './dossier-merge.service.ts';
import { createDossier, getDossier, listDossiers, patchDossier } from './dossiers.service.ts';

const presented = dossier.extend({ withheld: z.array(z.string()) });
const tags = ['dossiers'];

export const dossierRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/v1/dossiers',
      { config: { permission: 'dossier.write' }, schema: { tags, body: dossierInput, response: { 201: presented } } },
      async (request, reply) => {
        const created = await createDossier(deps, actorOf(request), request.body);
        // Requests it may answer and likely duplicates are proposed at once, for review; a matching
        // failure must not lose the dossier (the catch-up job proposes them later).
        await proposeForNewDossier(deps, created.id).catch((err: Error & { code?: string }) =>
          request.log.error({ err: { name: err.name, code: err.code } }, 'matching after create failed'),
        );
        return reply.status(201).send(created);
      },
    );
    app.get(
      '/api/v1/dossiers',
      { config: { permission: 'dossier.read' }, schema: { tags, querystring: dossierListQuery, response: { 200: page(presented) } } },
      async (request) => listDossiers(deps, actorOf(request), request.query),
    );
    app.post(
      '/api/v1/dossiers/search',
      {
        config: { permission: 'dossier.read', rateLimit: searchRateLimit(deps) },
        schema: { tags, description: 'Search by name in any script (names go in the body, never in the URL).', body: dossierSearch, response: { 200: page(presented) } },
      },
      async (request) => listDossiers(deps, actorOf(request), request.body),
    );
    app.get(
      '/api/v1/dossiers/:id',
      { config: { permission: 'dossier.read' }, schema: { tags, params: idParams, response: { 200: presented } } },
      async (request) => getDossier(deps, actorOf(request), request.params.id),
    );
    app.patch(
      '/api/v1/dossiers/:id',
      { config: { permission: 'dossier.write' }, schema: { tags, params: idParams, body: dossierPatch, response: { 200: presented } } },
      async (request) => patchDossier(deps, actorOf(request), request.params.id, request.body),
    );
    app.get(
      '/api/v1/dossiers/:id/history',
      {
        config: { permission: 'dossier.read' },
        schema: { tags, description: 'The changes made to a dossier, newest first: actions and field names, never values (reads are in the audit trail).', params: idParams, querystring: dossierHistoryQuery, response: { 200: dossierHistoryPage } },
      },
      async (request) => dossierHistory(deps, actorOf(request), request.params.id, request.query),
    );
    app.get(
      '/api/v1/dossiers/:id/merges',
      {
        config: { permission: 'dossier.read' },
        schema: { tags, description: 'Merges this dossier took part in, as survivor or absorbed, newest first (ids, dates and status; no names).', params: idParams, response: { 200: z.object({ items: z.array(dossierMerge) }) } },
      },
      async (request) => listMergesOf(deps, actorOf(request), request.params.id),
    );
    app.post(
      '/api/v1/dossier-merges/:id/undo',
      {
        config: { permission: 'dossier.write' },
        schema: {
          tags,
          description: "Undoes a merge of the caller's party: the absorbed dossier is open again, the survivor loses the names the merge added, and the duplicate proposal becomes rejected with the reason.",
          params: idParams,
          body: dossierMergeUndo,
          response: { 200: dossierMergeUndone },
        },
      },
      async (request) => undoMerge(deps, actorOf(request), request.params.id, request.body.reason),
    );
  };
