import { loginBody, me } from '@homeward/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SESSION_COOKIE, actorOf, csrfTokenFor } from '../../http/auth-hook.ts';
import type { AppDeps } from '../../http/app.ts';
import { login, logout, sessionPolicy, type AuthenticatedSession } from './auth.service.ts';
import { confirmEnrolment, startEnrolment } from './two-factor.service.ts';

const sessionView = me.extend({ csrfToken: z.string(), twoFactor: z.enum(['done', 'not-required', 'enrolment-required']) });
const tags = ['auth'];

export const authRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const view = (s: AuthenticatedSession) => ({ ...s.me, csrfToken: csrfTokenFor(deps.secret, s.sessionId), twoFactor: s.twoFactor });

    app.post(
      '/api/v1/auth/login',
      {
        config: { public: true, rateLimit: { max: deps.loginRateLimit ?? 20, timeWindow: '1 minute' } },
        schema: {
          tags,
          description: 'Password, plus `totp` (or `recoveryCode`) for users with two-factor authentication: without it the answer is 401 TWO_FACTOR_REQUIRED.',
          body: loginBody.extend({ totp: z.string().max(10).optional(), recoveryCode: z.string().max(40).optional() }),
          response: { 200: sessionView },
        },
      },
      async (request, reply) => {
        const { token, session } = await login(deps.db, deps.clock, deps.secret, {
          ...request.body,
          requestId: request.id,
          device: { userAgent: String(request.headers['user-agent'] ?? ''), ip: request.ip },
        });
        const secure = request.protocol === 'https' || !['127.0.0.1', 'localhost', '::1'].includes(request.hostname);
        reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: Math.floor(sessionPolicy.absoluteMs / 1000) });
        return view(session);
      },
    );

    app.get(
      '/api/v1/auth/me',
      { config: { permission: 'party.read', duringEnrolment: true }, schema: { tags, response: { 200: sessionView } } },
      async (request) => view(request.session!),
    );

    for (const everywhere of [false, true]) {
      app.post(
        everywhere ? '/api/v1/auth/logout-everywhere' : '/api/v1/auth/logout',
        { config: { permission: 'party.read', duringEnrolment: true }, schema: { tags, response: { 204: z.null() } } },
        async (request, reply) => {
          actorOf(request);
          await logout(deps.db, deps.clock, request.session!, everywhere);
          reply.clearCookie(SESSION_COOKIE, { path: '/' });
          return reply.status(204).send(null);
        },
      );
    }

    app.post(
      '/api/v1/auth/2fa/enrol',
      {
        config: { permission: 'party.read', duringEnrolment: true },
        schema: { tags, description: 'Starts two-factor set-up: a secret for an authenticator app (as an otpauth:// URI for a QR code).', response: { 200: z.object({ secret: z.string(), otpauthUri: z.string() }) } },
      },
      async (request) => startEnrolment(deps.db, deps.secret, actorOf(request), request.session!.me.user.email),
    );

    app.post(
      '/api/v1/auth/2fa/confirm',
      {
        config: { permission: 'party.read', duringEnrolment: true },
        schema: { tags, description: 'Confirms set-up with a current code; returns ten single-use recovery codes, shown once.', body: z.object({ code: z.string().regex(/^\d{6}$/, 'must be 6 digits') }), response: { 200: z.object({ recoveryCodes: z.array(z.string()) }) } },
      },
      async (request) => {
        const s = request.session!;
        return confirmEnrolment(deps.db, deps.clock, deps.secret, actorOf(request), s.via === 'session' ? s.sessionId : null, request.body.code);
      },
    );

    // Resetting a user's second factor is user administration (two-person rule): users/users.routes.ts.
  };
