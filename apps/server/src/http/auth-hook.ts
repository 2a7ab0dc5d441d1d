import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../modules/auth/actor.ts';
import { authenticate, type AuthenticatedSession } from '../modules/auth/auth.service.ts';
import { hasPermission, type Permission } from '../modules/auth/permissions.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission this route needs; every /api route declares one or `public: true`. */
    permission?: Permission;
    public?: boolean;
  }
  interface FastifyRequest {
    session: AuthenticatedSession | undefined;
  }
}

export const SESSION_COOKIE = 'hw_session';
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function csrfTokenFor(secret: Buffer, sessionId: string): string {
  return createHmac('sha256', secret).update(`csrf:${sessionId}`).digest('base64url');
}

/** The signed-in actor of a request that passed the auth hook. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.session) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
  return request.session.actor;
}

/**
 * Deny by default: a route that declares neither a permission nor `public` cannot be registered,
 * and every request to a non-public route needs a live session holding the route's permission.
 * Cookie-authenticated writes also need the session's CSRF token in `x-csrf-token`.
 */
export function installAuth(app: FastifyInstance, deps: { db: Kysely<DB>; clock: Clock; secret: Buffer }) {
  app.decorateRequest('session', undefined);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return;
    const cfg = route.config as { permission?: string; public?: boolean } | undefined;
    if (!cfg?.permission && !cfg?.public) {
      throw new Error(`Route ${route.method} ${route.url} declares no permission and is not marked public`);
    }
  });
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    const cfg = request.routeOptions.config;
    if (cfg.public) return;
    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await authenticate(deps.db, deps.clock, token, request.id) : undefined;
    if (!session) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
    if (!safeMethods.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      const expected = csrfTokenFor(deps.secret, session.sessionId);
      if (typeof sent !== 'string' || sent.length !== expected.length || !timingSafeEqual(Buffer.from(sent), Buffer.from(expected))) {
        throw new AppError('CSRF_REJECTED', 'The request is missing its CSRF token; reload the page and try again.');
      }
    }
    if (!cfg.permission || !hasPermission(session.actor.roles, cfg.permission)) {
      throw new AppError('FORBIDDEN', 'Your role does not allow this.');
    }
    request.session = session;
  });
}
