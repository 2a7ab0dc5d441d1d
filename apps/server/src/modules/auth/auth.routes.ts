import { loginBody, me } from '@homeward/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE, actorOf, csrfTokenFor } from '../../http/auth-hook.ts';
import type { AppDeps } from '../../http/app.ts';
import { login, logout, sessionPolicy } from './auth.service.ts';

const session = me.extend({ csrfToken: z.string() });

export const authRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const cookieOptions = (secure: boolean) => ({
      httpOnly: true,
      sameSite: 'strict' as const,
      secure,
      path: '/',
      maxAge: Math.floor(sessionPolicy.absoluteMs / 1000),
    });

    app.post(
      '/api/v1/auth/login',
      {
        config: { public: true, rateLimit: { max: deps.loginRateLimit ?? 20, timeWindow: '1 minute' } },
        schema: { tags: ['auth'], body: loginBody, response: { 200: session } },
      },
      async (request, reply) => {
        const { token, session: s } = await login(deps.db, deps.clock, { ...request.body, requestId: request.id });
        const secure = request.protocol === 'https' || !['127.0.0.1', 'localhost', '::1'].includes(request.hostname);
        reply.setCookie(SESSION_COOKIE, token, cookieOptions(secure));
        return { ...s.me, csrfToken: csrfTokenFor(deps.secret, s.sessionId) };
      },
    );

    app.get(
      '/api/v1/auth/me',
      { config: { permission: 'party.read' }, schema: { tags: ['auth'], response: { 200: session } } },
      async (request) => ({ ...request.session!.me, csrfToken: csrfTokenFor(deps.secret, request.session!.sessionId) }),
    );

    for (const everywhere of [false, true]) {
      app.post(
        everywhere ? '/api/v1/auth/logout-everywhere' : '/api/v1/auth/logout',
        { config: { permission: 'party.read' }, schema: { tags: ['auth'], response: { 204: z.null() } } },
        async (request, reply) => {
          actorOf(request);
          await logout(deps.db, deps.clock, request.session!, everywhere);
          reply.clearCookie(SESSION_COOKIE, { path: '/' });
          return reply.status(204).send(null);
        },
      );
    }
  };
