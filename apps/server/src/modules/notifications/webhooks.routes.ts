import { webhookDeliveryPage, webhookDeliveryQuery, webhookInput, webhookPatch, webhookSubscription, webhookWithSecret } from '@homeward/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth-hook.ts';
import type { AppDeps } from '../../http/app.ts';
import { idParams } from '../../http/params.ts';
import { createWebhook, deleteWebhook, listWebhookDeliveries, listWebhooks, patchWebhook, rotateWebhookSecret } from './webhooks.service.ts';

const tags = ['webhooks'];
const config = { permission: 'webhook.admin' as const };

export const webhookRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/v1/webhooks',
      {
        config,
        schema: {
          tags,
          description: "Subscribes a URL to the party's events (signed POSTs, see docs/NOTIFICATIONS.md). The signing secret is in this answer only.",
          body: webhookInput,
          response: { 201: webhookWithSecret },
        },
      },
      async (request, reply) => reply.status(201).send(await createWebhook(deps, actorOf(request), request.body)),
    );
    app.get(
      '/api/v1/webhooks',
      { config, schema: { tags, description: "The party's subscriptions (never their secrets).", response: { 200: z.object({ items: z.array(webhookSubscription) }) } } },
      async (request) => listWebhooks(deps, actorOf(request)),
    );
    app.patch(
      '/api/v1/webhooks/:id',
      { config, schema: { tags, description: 'Changes the URL or kinds, or turns a subscription off (`active: false`) and on.', params: idParams, body: webhookPatch, response: { 200: webhookSubscription } } },
      async (request) => patchWebhook(deps, actorOf(request), request.params.id, request.body),
    );
    app.delete(
      '/api/v1/webhooks/:id',
      { config, schema: { tags, params: idParams, response: { 204: z.null() } } },
      async (request, reply) => {
        await deleteWebhook(deps, actorOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
    app.post(
      '/api/v1/webhooks/:id/rotate-secret',
      { config, schema: { tags, description: 'A new signing secret, in this answer only; the old one stops working at once.', params: idParams, response: { 200: webhookWithSecret } } },
      async (request) => rotateWebhookSecret(deps, actorOf(request), request.params.id),
    );
    app.get(
      '/api/v1/webhooks/:id/deliveries',
      { config, schema: { tags, description: 'Recent deliveries to a subscription, newest first (status and codes, no payloads).', params: idParams, querystring: webhookDeliveryQuery, response: { 200: webhookDeliveryPage } } },
      async (request) => listWebhookDeliveries(deps, actorOf(request), request.params.id, request.query),
    );
  };
