import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth-hook.ts';
import type { AppDeps } from '../../http/app.ts';
import { createToken, listTokens, revokeToken } from './tokens.service.ts';

const tags = ['api tokens'];
const tokenView = z.object({
  id: z.string(),
  name: z.string(),
  userId: z.uuid(),
  permissions: z.array(z.string()),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});

export const tokenRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/v1/tokens',
      {
        config: { permission: 'token.admin' },
        schema: {
          tags,
          description: 'Creates a scoped API token for machine-to-machine exchange (`Authorization: Bearer hwt_…`). The token is shown once.',
          body: z.object({
            name: z.string().trim().min(1).max(100),
            userId: z.uuid().optional().describe('The owner (a user of your party); defaults to you'),
            permissions: z.array(z.string()).min(1).max(30),
            expiresInDays: z.number().int().min(1).max(365).default(90),
          }),
          response: { 201: z.object({ id: z.string(), token: z.string(), expiresAt: z.string() }) },
        },
      },
      async (request, reply) => reply.status(201).send(await createToken(deps.db, deps.clock, actorOf(request), request.body)),
    );
    app.get(
      '/api/v1/tokens',
      { config: { permission: 'token.admin' }, schema: { tags, response: { 200: z.object({ items: z.array(tokenView) }) } } },
      async (request) => ({ items: await listTokens(deps.db, actorOf(request)) }),
    );
    app.delete(
      '/api/v1/tokens/:id',
      { config: { permission: 'token.admin' }, schema: { tags, params: z.object({ id: z.string().max(40) }), response: { 204: z.null() } } },
      async (request, reply) => {
        await revokeToken(deps.db, deps.clock, actorOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
