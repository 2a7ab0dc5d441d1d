import { createExportInput, createdExport, exportList, exportListQuery } from '@homeward/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { actorOf } from '../../http/auth-hook.ts';
import type { AppDeps } from '../../http/app.ts';
import { idParams } from '../../http/params.ts';
import { hasPermission } from '../auth/permissions.ts';
import { exportSettings } from './exports.policy.ts';
import { createExport, downloadExport, listExports, type ExportDeps, type Holds } from './exports.service.ts';

const tags = ['exports'];

/** The format's permission is checked like the route's own: by role, and within an API token's scope. */
const holdsOf =
  (request: FastifyRequest): Holds =>
  (p) =>
    hasPermission(actorOf(request).roles, p) && (!request.session?.tokenPermissions || request.session.tokenPermissions.includes(p));

/**
 * Controlled exports (docs/EXPORTS.md): every route needs `export.own`, and creating or
 * downloading an export also the permission of its format (`export.csv`, `export.report-pdf`…).
 */
export const exportRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    // Read once at start-up: a bad HOMEWARD_EXPORT_* value stops the server, not the first export.
    const exportDeps: ExportDeps = { db: deps.db, clock: deps.clock, secret: deps.secret, exportSettings: exportSettings() };
    app.post(
      '/api/v1/exports',
      {
        config: { permission: 'export.own' },
        schema: {
          tags,
          description:
            "Makes an export the caller may take (403 FORBIDDEN without the format's permission): watermarked, encrypted with age to `recipient` or to a passphrase returned once here, expiring (default 24 h), audited with the ids of every record in it.",
          body: createExportInput,
          response: { 201: createdExport },
        },
      },
      async (request, reply) => {
        const made = await createExport(exportDeps, actorOf(request), holdsOf(request), request.body, { keep: true });
        return reply.status(201).send({ ...made.summary, passphrase: made.passphrase });
      },
    );
    app.get(
      '/api/v1/exports',
      {
        config: { permission: 'export.own' },
        schema: { tags, description: "The caller's own exports, newest first: ids, counts and times.", querystring: exportListQuery, response: { 200: exportList } },
      },
      async (request) => listExports(exportDeps, actorOf(request), request.query.limit),
    );
    app.get(
      '/api/v1/exports/:id/file',
      {
        config: { permission: 'export.own' },
        schema: {
          tags,
          description: 'The age-encrypted file, to its creator only (others: 404) and only before it expires (410 EXPORT_EXPIRED). Audited.',
          params: idParams,
        },
      },
      async (request, reply) => {
        const file = await downloadExport(exportDeps, actorOf(request), holdsOf(request), request.params.id);
        return reply
          .header('content-type', 'application/octet-stream')
          .header('content-disposition', `attachment; filename="${file.fileName}"`)
          .header('content-security-policy', "default-src 'none'; sandbox")
          .send(file.bytes);
      },
    );
  };
