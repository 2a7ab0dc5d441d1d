import { ageOutConsentInput, ageOutDetail, ageOutListQuery, ageOutPage, ageOutResolveInput } from '@homeward/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/auth-hook.ts';
import type { AppDeps } from '../../http/app.ts';
import { idParams } from '../../http/params.ts';
import { getAgeOut, listAgeOut, recordConsent, resolveAgeOut } from './age-out.service.ts';

const tags = ['age-out'];

export const ageOutRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/age-out',
      { config: { permission: 'case.read' }, schema: { tags, querystring: ageOutListQuery, response: { 200: ageOutPage } } },
      async (request) => listAgeOut(deps, actorOf(request), request.query),
    );
    app.get(
      '/api/v1/age-out/:id',
      { config: { permission: 'case.read' }, schema: { tags, params: idParams, response: { 200: ageOutDetail } } },
      async (request) => getAgeOut(deps, actorOf(request), request.params.id),
    );
    app.post(
      '/api/v1/age-out/:id/consent',
      { config: { permission: 'case.write' }, schema: { tags, params: idParams, body: ageOutConsentInput, response: { 200: ageOutDetail } } },
      async (request) => recordConsent(deps, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/v1/age-out/:id/resolve',
      { config: { permission: 'case.write' }, schema: { tags, params: idParams, body: ageOutResolveInput, response: { 200: ageOutDetail } } },
      async (request) => resolveAgeOut(deps, actorOf(request), request.params.id, request.body),
    );
  };
