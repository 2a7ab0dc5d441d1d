import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/auth-hook.ts';
import type { AppDeps } from '../../http/app.ts';
import { retentionRuleInput, retentionRules, retentionRunQuery, retentionRuns } from './retention.schemas.ts';
import { getRetentionRules, listRetentionRuns, putRetentionRules } from './retention.service.ts';

export const retentionRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/retention/rules',
      {
        config: { permission: 'retention.admin' },
        schema: { tags: ['retention'], description: "The party's retention rules (every kind; months null means off, the default).", response: { 200: retentionRules } },
      },
      async (request) => getRetentionRules(deps, actorOf(request)),
    );
    app.put(
      '/api/v1/retention/rules',
      {
        config: { permission: 'retention.admin' },
        schema: { tags: ['retention'], description: "Replaces the party's retention rules (a kind left out is off). Audited.", body: retentionRuleInput, response: { 200: retentionRules } },
      },
      async (request) => putRetentionRules(deps, actorOf(request), request.body),
    );
    app.get(
      '/api/v1/retention/runs',
      {
        config: { permission: 'retention.admin' },
        schema: { tags: ['retention'], description: "Reports of the retention job's runs for the party, newest first: per rule, counts of rows and fields minimised.", querystring: retentionRunQuery, response: { 200: retentionRuns } },
      },
      async (request) => listRetentionRuns(deps, actorOf(request), request.query.limit),
    );
  };
