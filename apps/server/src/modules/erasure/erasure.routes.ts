import { erasureInput, erasureListQuery, erasureTombstone } from '@homeward/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth-hook.ts';
import type { AppDeps } from '../../http/app.ts';
import { idParams } from '../../http/params.ts';
import { approval } from '../approvals/approvals.schemas.ts';
import { presentApproval } from '../approvals/approvals.service.ts';
import { getTombstone, listTombstones, requestErasure } from './erasure.service.ts';

const tags = ['erasure'];

/** Erasure of a dossier or a request for a legal reason, under the two-person rule, and the tombstones it leaves. */
export const erasureRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/v1/erasures',
      {
        config: { permission: 'record.erase' },
        schema: {
          tags,
          description:
            "Erases one of the caller's party's dossiers or requests for a legal reason: its personal data, its files, the free text of its cases and history; a tombstone, the audit and the transparency log remain. Under the two-person rule the first officer gets 202 with the pending approval; a second officer of the party with `record.erase` approves it (POST /api/v1/approvals/:id/approve) and the erasure happens then. 404 for another party's record, 410 RECORD_ERASED if already erased.",
          body: erasureInput,
          response: { 201: erasureTombstone, 202: z.object({ approval }) },
        },
      },
      async (request, reply) => {
        const result = await requestErasure(deps, actorOf(request), request.body);
        return result.approval ? reply.status(202).send({ approval: presentApproval(result.approval) }) : reply.status(201).send(result.tombstone);
      },
    );
    app.get(
      '/api/v1/erasures',
      {
        config: { permission: 'party.read' },
        schema: {
          tags,
          description: "The tombstones the caller's party left, newest first; with subjectId, the tombstone of that record, also for the parties of the cases that referred to it.",
          querystring: erasureListQuery.extend({ subjectId: z.uuid().optional() }),
          response: { 200: z.object({ items: z.array(erasureTombstone) }) },
        },
      },
      async (request) => listTombstones(deps, actorOf(request), request.query),
    );
    app.get(
      '/api/v1/erasures/:id',
      {
        config: { permission: 'party.read' },
        schema: { tags, description: 'One tombstone: ids, time, reason code, who, and counts of what was erased (no value).', params: idParams, response: { 200: erasureTombstone } },
      },
      async (request) => getTombstone(deps, actorOf(request), request.params.id),
    );
  };
