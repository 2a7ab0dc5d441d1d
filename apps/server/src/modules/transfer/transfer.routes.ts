import { importQuery, importReport, templateQuery } from '@homeward/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.ts';
import type { AppDeps } from '../../http/app.ts';
import { actorOf } from '../../http/auth-hook.ts';
import { importBytes } from './import.service.ts';
import { writeTemplate } from './writers.ts';

const tags = ['transfer'];
/** Larger files go through the CLI (`homeward import`), which streams CSV and JSONL. */
export const IMPORT_LIMIT = 20 * 1024 * 1024;
const UPLOAD_TYPES = [
  'application/octet-stream',
  'text/csv',
  'text/plain',
  'application/x-ndjson',
  'application/jsonl',
  'application/xml',
  'text/xml',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];
const templateTypes = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

/** Importing files of dossiers or requests into the caller's party, and the blank templates (docs/IMPORT.md). */
export const transferRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.addContentTypeParser(UPLOAD_TYPES, { parseAs: 'buffer', bodyLimit: IMPORT_LIMIT }, (_request, body, done) => done(null, body));

    app.post(
      '/api/v1/imports',
      {
        config: { permission: 'data.import' },
        bodyLimit: IMPORT_LIMIT,
        schema: {
          tags,
          description:
            "Imports the file sent as the raw request body (JSONL, CSV, XLSX or PFIF 1.4 XML) into the caller's party, idempotently by source id. Good rows are saved; the report lists the others by line or sheet row, with codes and field paths. A file whose header or XML is wrong is refused whole (422).",
          querystring: importQuery,
          response: { 200: importReport },
        },
      },
      async (request) => {
        if (!Buffer.isBuffer(request.body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as the raw request body, e.g. with Content-Type application/octet-stream.');
        if (request.body.length === 0) throw new AppError('EMPTY_FILE', 'The file is empty; nothing was imported.');
        const actor = actorOf(request);
        if (!actor.partyId) throw new AppError('FORBIDDEN', 'Only a user of a party can import records.');
        return importBytes(deps.db, deps.clock, request.body, { ...request.query, partyId: actor.partyId, actor });
      },
    );

    app.get(
      '/api/v1/imports/template',
      {
        config: { permission: 'data.import' },
        schema: { tags, description: 'The empty import template: XLSX (with a Help sheet and drop-downs) or a CSV header row.', querystring: templateQuery },
      },
      async (request, reply) => {
        const { kind, format } = request.query;
        return reply
          .header('content-type', templateTypes[format])
          .header('content-disposition', `attachment; filename="homeward-${kind}-template.${format}"`)
          .send(await writeTemplate(kind, format));
      },
    );
  };
