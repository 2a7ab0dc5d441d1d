import { roleChangeInput, userActionInput, userChange, userCreateInput, userListQuery, userPage, userPatch, userView, type UserChange } from '@homeward/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { actorOf } from '../../http/auth-hook.ts';
import type { AppDeps } from '../../http/app.ts';
import { idParams } from '../../http/params.ts';
import { grantRoles, resetTwoFactor } from './users.approvals.ts';
import { createAccount, getUser, listUsers, renameUser, revokeRoles, setUserStatus } from './users.service.ts';

const tags = ['users'];
// A reason is optional: a POST with no body at all (curl, scripts) is the same as `{}`.
const actionBody = userActionInput.nullish().transform((b) => b ?? {});
const config = { permission: 'user.admin' } as const;
const twoPerson = 'Under the two-person rule the answer is 202 with the approval it waits for; a second administrator of the party gives it (POST /api/v1/approvals/:id/approve), never the same person (409 SAME_PERSON) nor the account itself (403 USER_SELF_CHANGE).';

/** 202 while the change waits for a second administrator, else 200. */
const sendChange = (reply: FastifyReply, change: UserChange) => reply.status(change.approval ? 202 : 200).send(change);

/** User administration (issues 8 and 13): an administrator manages the accounts of their own party; others' answer 404. */
export const userRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/users',
      { config, schema: { tags, description: "The accounts of the caller's party, newest first, by role and status.", querystring: userListQuery, response: { 200: userPage } } },
      async (request) => listUsers(deps, actorOf(request), request.query),
    );
    app.get(
      '/api/v1/users/:id',
      { config, schema: { tags, description: 'One account of the caller’s party, with the grants and resets waiting for a second administrator.', params: idParams, response: { 200: userView } } },
      async (request) => getUser(deps, actorOf(request), request.params.id),
    );
    app.post(
      '/api/v1/users',
      {
        config,
        schema: {
          tags,
          description: `Creates an account of the caller's party with a first password (the password rules of \`homeward user create\`). It holds no role until the roles asked for are approved. ${twoPerson}`,
          body: userCreateInput,
          response: { 201: userChange },
        },
      },
      async (request, reply) => reply.status(201).send(await createAccount(deps, actorOf(request), request.body)),
    );
    app.patch(
      '/api/v1/users/:id',
      { config, schema: { tags, description: 'Changes the display name.', params: idParams, body: userPatch, response: { 200: userView } } },
      async (request) => renameUser(deps, actorOf(request), request.params.id, request.body.displayName),
    );
    app.post(
      '/api/v1/users/:id/roles/grant',
      { config, schema: { tags, description: `Grants roles. ${twoPerson}`, params: idParams, body: roleChangeInput, response: { 200: userChange, 202: userChange } } },
      async (request, reply) => sendChange(reply, await grantRoles(deps, actorOf(request), request.params.id, request.body)),
    );
    app.post(
      '/api/v1/users/:id/roles/revoke',
      { config, schema: { tags, description: 'Revokes roles at once (it reduces power: no second person). Not one’s own (403 USER_SELF_CHANGE), nor the last active administrator’s (409 USER_LAST_ADMINISTRATOR).', params: idParams, body: roleChangeInput, response: { 200: userView } } },
      async (request) => revokeRoles(deps, actorOf(request), request.params.id, request.body),
    );
    app.post(
      '/api/v1/users/:id/disable',
      { config, schema: { tags, description: 'Disables the account at once: its sessions and API tokens end, and its waiting grants and resets expire.', params: idParams, body: actionBody, response: { 200: userView } } },
      async (request) => setUserStatus(deps, actorOf(request), request.params.id, 'disabled', request.body.reason ?? null),
    );
    app.post(
      '/api/v1/users/:id/enable',
      { config, schema: { tags, description: 'Enables a disabled account: the user signs in again, with the roles already approved.', params: idParams, body: actionBody, response: { 200: userView } } },
      async (request) => setUserStatus(deps, actorOf(request), request.params.id, 'active', request.body.reason ?? null),
    );
    app.post(
      '/api/v1/users/:id/2fa/reset',
      {
        config,
        schema: {
          tags,
          description: `Resets the account's second factor (enrolment and recovery codes) and ends its sessions: the user enrols again at the next sign-in. ${twoPerson}`,
          params: idParams,
          body: actionBody,
          response: { 200: userChange, 202: userChange },
        },
      },
      async (request, reply) => sendChange(reply, await resetTwoFactor(deps, actorOf(request), request.params.id, request.body)),
    );
  };
