import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth-hook.ts';
import type { AppDeps } from '../../http/app.ts';
import { queryAudit } from './audit.service.ts';

const entry = z.object({
  id: z.number(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorPartyId: z.string().nullable(),
  action: z.string(),
  recordType: z.string(),
  recordId: z.string().nullable(),
  fields: z.array(z.string()),
  reason: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

const query = z.object({
  recordType: z.string().max(40).optional(),
  recordId: z.string().max(64).optional(),
  actorUserId: z.uuid().optional(),
  action: z.string().max(60).optional(),
  tier: z.enum(['identity', 'sensitive', 'restricted']).optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const auditRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/audit',
      {
        config: { permission: 'audit.read' },
        schema: {
          tags: ['audit'],
          description: 'The audit trail visible to your party: e.g. `?recordType=dossier&recordId=…&tier=sensitive` answers "who saw this child\'s medical data"; `?actorUserId=…` "what did this user do". Page with `before`.',
          querystring: query,
          response: { 200: z.object({ items: z.array(entry), nextBefore: z.number().nullable() }) },
        },
      },
      async (request) => queryAudit(deps.db, actorOf(request), request.query),
    );
  };
