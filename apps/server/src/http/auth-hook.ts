import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { DB } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { subKey } from '../lib/keys.ts';
import type { Actor } from '../modules/auth/actor.ts';
import { authenticate, type AuthenticatedSession } from '../modules/auth/auth.service.ts';
import { hasPermission, type Permission } from '../modules/auth/permissions.ts';
import { authenticateToken } from '../modules/auth/tokens.service.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission this route needs; every /api route declares one or `public: true`. */
    permission?: Permission;
    public?: boolean;
    /** Reachable by a user who still has to set up two-factor authentication. */
    duringEnrolment?: boolean;
  }
  interface FastifyRequest {
    session: AuthenticatedSession | undefined;
  }
  interface FastifyInstance {
    routeTable: RouteEntry[];
  }
}

export interface RouteEntry {
  method: string;
  url: string;
  permission: Permission | undefined;
  public: boolean;
}

export const SESSION_COOKIE = 'hw_session';
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function csrfTokenFor(secret: Buffer, sessionId: string): string {
  return createHmac('sha256', subKey(secret, 'csrf')).update(sessionId).digest('base64url');
}

/** The signed-in actor of a request that passed the auth hook. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.session) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
  return request.session.actor;
}

const sameToken = (a: unknown, b: string) => typeof a === 'string' && a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Deny by default: a route that declares neither a permission nor `public` cannot be registered,
 * and every request to a non-public route needs a live session (cookie, with a CSRF token for
 * writes) or API token holding the route's permission. A user who must still set up two-factor
 * authentication reaches only the enrolment routes.
 */
export function installAuth(app: FastifyInstance, deps: { db: Kysely<DB>; clock: Clock; secret: Buffer }) {
  app.decorateRequest('session', undefined);
  const table: RouteEntry[] = [];
  app.decorate('routeTable', table);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return;
    const cfg = route.config as { permission?: Permission; public?: boolean } | undefined;
    if (!cfg?.permission && !cfg?.public) {
      throw new Error(`Route ${route.method} ${route.url} declares no permission and is not marked public`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') table.push({ method, url: route.url, permission: cfg.permission, public: !!cfg.public });
    }
  });
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const cfg = request.routeOptions.config;
    // The web application's files and page URLs are public; the API is deny-by-default.
    if (cfg.public || !request.url.startsWith('/api/')) return;
    const bearer = request.headers.authorization;
    let session: AuthenticatedSession | undefined;
    if (bearer?.startsWith('Bearer ')) {
      session = await authenticateToken(deps.db, deps.clock, bearer.slice(7).trim(), request.id, request.routeOptions.url ?? '');
    } else {
      const token = request.cookies[SESSION_COOKIE];
      session = token ? await authenticate(deps.db, deps.clock, token, request.id) : undefined;
      if (!session) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
      if (!safeMethods.has(request.method) && !sameToken(request.headers['x-csrf-token'], csrfTokenFor(deps.secret, session.sessionId))) {
        throw new AppError('CSRF_REJECTED', 'The request is missing its CSRF token; reload the page and try again.');
      }
      if (session.twoFactor === 'enrolment-required' && !cfg.duringEnrolment) {
        throw new AppError('TWO_FACTOR_ENROLMENT_REQUIRED', 'Set up two-factor authentication first (your party requires it).');
      }
    }
    const p = cfg.permission;
    if (!p || !hasPermission(session.actor.roles, p) || (session.tokenPermissions && !session.tokenPermissions.includes(p))) {
      throw new AppError('FORBIDDEN', 'Your role does not allow this.');
    }
    request.session = session;
  });
}
