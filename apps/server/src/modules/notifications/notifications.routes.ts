import { notificationListQuery, notificationPage, notification, readAllResult, unreadCount } from '@homeward/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/auth-hook.ts';
import type { AppDeps } from '../../http/app.ts';
import { idParams } from '../../http/params.ts';
import { getUnreadCount, listNotifications, readAllNotifications, readNotification } from './notifications.service.ts';
import { webhookRoutes } from './webhooks.routes.ts';

const tags = ['notifications'];

export const notificationRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/notifications',
      {
        config: { permission: 'notification.read' },
        schema: { tags, description: "The caller's own notifications, newest first.", querystring: notificationListQuery, response: { 200: notificationPage } },
      },
      async (request) => listNotifications(deps, actorOf(request), request.query),
    );
    app.get(
      '/api/v1/notifications/unread-count',
      { config: { permission: 'notification.read' }, schema: { tags, response: { 200: unreadCount } } },
      async (request) => getUnreadCount(deps, actorOf(request)),
    );
    app.post(
      '/api/v1/notifications/read-all',
      { config: { permission: 'notification.read' }, schema: { tags, response: { 200: readAllResult } } },
      async (request) => readAllNotifications(deps, actorOf(request)),
    );
    app.post(
      '/api/v1/notifications/:id/read',
      { config: { permission: 'notification.read' }, schema: { tags, params: idParams, response: { 200: notification } } },
      async (request) => readNotification(deps, actorOf(request), request.params.id),
    );
    await app.register(webhookRoutes(deps));
  };
