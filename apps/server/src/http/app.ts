import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { auditRoutes } from '../modules/audit/audit.routes.ts';
import { authRoutes } from '../modules/auth/auth.routes.ts';
import { tokenRoutes } from '../modules/auth/tokens.routes.ts';
import { dossierRoutes } from '../modules/dossiers/dossiers.routes.ts';
import { requestRoutes } from '../modules/requests/requests.routes.ts';
import { mediaRoutes } from '../modules/media/media.routes.ts';
import { matchingRoutes } from '../modules/matching/matching.routes.ts';
import { transparencyRoutes } from '../modules/transparency/transparency.routes.ts';
import { ageOutRoutes } from '../modules/age-out/age-out.routes.ts';
import { caseRoutes } from '../modules/cases/cases.routes.ts';
import { contactRoutes } from '../modules/contact/contact.routes.ts';
import { notificationRoutes } from '../modules/notifications/notifications.routes.ts';
import { reunificationRoutes } from '../modules/reunification/reunification.routes.ts';
import { exchangeRoutes } from '../modules/exchange/exchange.routes.ts';
import { reportRoutes } from '../modules/reports/reports.routes.ts';
import { securityRoutes } from '../modules/security/security.routes.ts';
import { consentRoutes } from '../modules/consent/consent.routes.ts';
import { approvalRoutes } from '../modules/approvals/approvals.routes.ts';
import { sharingRoutes } from '../modules/sharing/sharing.routes.ts';
import { retentionRoutes } from '../modules/retention/retention.routes.ts';
import { userRoutes } from '../modules/users/users.routes.ts';
import { erasureRoutes } from '../modules/erasure/erasure.routes.ts';
import { exportRoutes } from '../modules/exports/exports.routes.ts';
import { transferRoutes } from '../modules/transfer/transfer.routes.ts';
import { defaultJobSettings, type JobSettings } from '../jobs/job-types.ts';
import { installAuth } from './auth-hook.ts';
import { installErrorHandler, installNotFound } from './error-handler.ts';
import { installWebAssets } from './web-assets.ts';

export interface AppDeps {
  db: Kysely<DB>;
  database: Database;
  clock: Clock;
  /** Server-side secret for CSRF tokens (derived from the master key). */
  secret: Buffer;
  logLevel?: string;
  /** Searches per account per minute (default 300). */
  searchRateLimit?: number;
  /** Login attempts per IP per minute (default 20). */
  loginRateLimit?: number;
  /** Settings shared with the background jobs (age-out deadline, e-mail); defaults when absent. */
  settings?: JobSettings;
}

export const settingsOf = (deps: AppDeps): JobSettings => deps.settings ?? defaultJobSettings;

export const BODY_LIMIT = 1024 * 1024;

/**
 * Builds the HTTP API. Logs carry method, route pattern, status and request id only: never URLs
 * with their query strings, bodies or anything else that could hold personal data.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    genReqId: () => randomUUID(),
    logController: new LogController({ disableRequestLogging: true }),
    logger: {
      level: deps.logLevel ?? 'info',
      serializers: { req: (r) => ({ method: r.method }), res: (r) => ({ statusCode: r.statusCode }) },
    },
    trustProxy: false,
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: { defaultSrc: ["'self'"], imgSrc: ["'self'", 'data:', 'blob:'], styleSrc: ["'self'", "'unsafe-inline'"] },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Homeward API', version: '1.0.0', description: 'Tracing displaced children and bringing them home.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'hw_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  installAuth(app, { db: deps.db, clock: deps.clock, secret: deps.secret });

  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      { method: request.method, route: request.routeOptions.url ?? '(unmatched)', status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  app.get(
    '/api/health',
    { config: { public: true }, schema: { tags: ['system'], response: { 200: z.object({ status: z.literal('ok') }), 503: z.object({ status: z.literal('unavailable') }) } } },
    async (_request, reply) => {
      try {
        await deps.database.ping();
        return { status: 'ok' as const };
      } catch {
        return reply.status(503).send({ status: 'unavailable' as const });
      }
    },
  );
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  await app.register(authRoutes(deps));
  await app.register(tokenRoutes(deps));
  await app.register(auditRoutes(deps));
  await app.register(dossierRoutes(deps));
  await app.register(requestRoutes(deps));
  await app.register(mediaRoutes(deps));
  await app.register(transparencyRoutes(deps));
  await app.register(matchingRoutes(deps));
  await app.register(caseRoutes(deps));
  await app.register(contactRoutes(deps));
  await app.register(reunificationRoutes(deps));
  await app.register(ageOutRoutes(deps));
  await app.register(notificationRoutes(deps));
  await app.register(exchangeRoutes(deps));
  await app.register(reportRoutes(deps));
  await app.register(securityRoutes(deps));
  await app.register(consentRoutes(deps));
  await app.register(approvalRoutes(deps));
  await app.register(sharingRoutes(deps));
  await app.register(retentionRoutes(deps));
  await app.register(userRoutes(deps));
  await app.register(erasureRoutes(deps));
  await app.register(exportRoutes(deps));
  await app.register(transferRoutes(deps));
  installNotFound(app, await installWebAssets(app));
  return app;
}
