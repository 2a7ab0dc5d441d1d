import { logEntries, sharingPolicy, sharingPolicyDocument, sharingPolicyList, sharingPolicyVersionParams } from '@homeward/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth-hook.ts';
import type { AppDeps } from '../../http/app.ts';
import { agreeToPolicy, getPolicyLogEntries, listSharingParties, listSharingPolicies, proposePolicy } from './sharing.service.ts';

const tags = ['sharing policy'];

/** Sharing policy versions: proposed by a party's administrator, in force once every party named agreed. */
export const sharingRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/sharing-policies',
      { config: { permission: 'party.read' }, schema: { tags, description: 'The policy in force, the built-in default and every version proposed.', response: { 200: sharingPolicyList } } },
      async () => listSharingPolicies(deps),
    );
    app.get(
      '/api/v1/sharing-policies/:version/log',
      {
        config: { permission: 'log.read' },
        schema: { tags, description: "The version's transparency-log entries (proposed, each party's agreement, in force), in log order: hashes, ids and codes only.", params: sharingPolicyVersionParams, response: { 200: logEntries } },
      },
      async (request) => getPolicyLogEntries(deps, request.params.version),
    );
    app.get(
      '/api/v1/sharing/parties',
      {
        config: { permission: 'party.read' },
        schema: { tags, description: 'The parties this instance knows (id, code, name, kind): those a policy names, a disclosure preview is asked for and log entries refer to.', response: { 200: z.object({ items: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string(), kind: z.string().describe('The party kind') })) }) } },
      },
      async () => listSharingParties(deps),
    );
    app.post(
      '/api/v1/sharing-policies',
      {
        config: { permission: 'key.admin' },
        schema: { tags, description: 'Proposes a new version; it comes into force once every party it names agreed.', body: sharingPolicyDocument, response: { 201: sharingPolicy } },
      },
      async (request, reply) => reply.status(201).send(await proposePolicy(deps, actorOf(request), request.body)),
    );
    app.post(
      '/api/v1/sharing-policies/:version/agree',
      {
        config: { permission: 'key.admin' },
        schema: {
          tags,
          description: "The caller's party agrees: its signing key signs the version's hash (409 SHARING_PARTY_KEY_MISSING without one).",
          params: sharingPolicyVersionParams,
          body: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/).describe('The hash of the version as read') }),
          response: { 200: sharingPolicy },
        },
      },
      async (request) => agreeToPolicy(deps, actorOf(request), request.params.version, request.body.sha256),
    );
  };
