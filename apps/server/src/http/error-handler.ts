import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorIssue } from '../errors.ts';

// Node's socket errors, SQLSTATE class 08 (connection exception), 57P01-57P03 (shut down, crashed,
// starting up) and 53300 (too many connections): the database is not reachable now, not a bug.
const dbUnavailableCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', '57P01', '57P02', '57P03', '53300']);
const dbUnavailableMessages =
  /Connection terminated|connect ECONNREFUSED|Client has encountered a connection error|timeout exceeded when trying to connect|is not currently accepting connections/i;

export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return (
    (typeof e?.code === 'string' && (dbUnavailableCodes.has(e.code) || /^08[0-9A-Z]{3}$/.test(e.code))) ||
    dbUnavailableMessages.test(e?.message ?? '')
  );
}

/** Maps every error to `{code, message, issues?}`; nothing internal or personal leaves the server. */
export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send({
        code: err.code,
        message: err.message,
        ...(err.issues ? { issues: err.issues } : {}),
        ...(err.details ? { details: err.details } : {}),
      });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      if (err.validationContext === 'params') return reply.status(404).send({ code: 'NOT_FOUND', message: 'Not found.' });
      const issues: ErrorIssue[] = err.validation.map((v) => ({
        path: [err.validationContext, ...v.instancePath.split('/').filter(Boolean)].filter(Boolean).join('.'),
        message: v.message ?? 'is not valid',
      }));
      return reply.status(400).send({ code: 'VALIDATION_FAILED', message: 'The input is not valid.', issues });
    }
    switch (err.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply.status(413).send({ code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' });
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply.status(415).send({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send JSON (Content-Type: application/json).' });
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return reply.status(400).send({ code: 'VALIDATION_FAILED', message: 'The body is not valid JSON.', issues: [] });
    }
    if (err.statusCode === 429) {
      return reply.status(429).send({ code: 'RATE_LIMITED', message: 'Too many requests; wait a minute and try again.' });
    }
    if (err instanceof SyntaxError && err.statusCode === 400) {
      return reply.status(400).send({ code: 'VALIDATION_FAILED', message: 'The body is not valid JSON.', issues: [] });
    }
    if (isDatabaseUnavailable(err)) {
      request.log.error({ err: { name: err.name, code: err.code } }, 'database unavailable');
      return reply.status(503).send({ code: 'DATABASE_UNAVAILABLE', message: 'The database is not reachable; try again shortly.' });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send({ code: 'VALIDATION_FAILED', message: 'The request is not valid.', issues: [] });
    }
    // Log the kind and the stack (code locations), not the message: database messages can quote values.
    request.log.error({ err: { name: err.name, code: err.code, stack: err.stack?.split('\n').slice(1).join('\n') } }, 'unhandled error');
    return reply
      .status(500)
      .send({ code: 'INTERNAL', message: `Something went wrong on our side. Reference: ${request.id}.` });
  });
}

/** Unknown routes: the coded 404, or the web application's index.html for page URLs. */
export function installNotFound(app: FastifyInstance, spaFallback: boolean) {
  app.setNotFoundHandler((request, reply) => {
    if (spaFallback && request.method === 'GET' && !request.url.startsWith('/api/')) return reply.sendFile('index.html');
    return reply.status(404).send({ code: 'NOT_FOUND', message: 'Not found.' });
  });
}
