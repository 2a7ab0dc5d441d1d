import { page, securityAlert, securityAlertQuery } from '@homeward/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/auth-hook.ts';
import type { AppDeps } from '../../http/app.ts';
import { listSecurityAlerts } from './security.service.ts';

export const securityRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/security/alerts',
      {
        config: { permission: 'audit.read' },
        schema: {
          tags: ['security'],
          description: "The party's misuse alerts (bulk reads, bursts of failed second factors, new devices), newest first.",
          querystring: securityAlertQuery,
          response: { 200: page(securityAlert) },
        },
      },
      async (request) => listSecurityAlerts(deps, actorOf(request), request.query),
    );
  };
