import {
  bundleExportInput,
  bundleImportReport,
  conflictResolution,
  exchangeConflict,
  exchangeConflictList,
  exchangeBundleList,
  partyCard,
  partyCardImport,
} from '@homeward/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import type { AppDeps } from '../../http/app.ts';
import { actorOf } from '../../http/auth-hook.ts';
import { idParams } from '../../http/params.ts';
import type { MediaStorage } from '../media/media.storage.ts';
import { findPartyById } from '../parties/parties.repository.ts';
import { exportBundle } from './bundle-export.service.ts';
import { importBundle } from './bundle-import.service.ts';
import { listExchangeBundles, listExchangeConflicts, resolveConflict } from './exchange.service.ts';
import { exportPartyCard, importPartyCard } from './party-card.ts';

const tags = ['exchange'];
/** A bundle carries photos: far above the API's default body limit, still bounded. */
export const BUNDLE_LIMIT = 256 * 1024 * 1024;
const BUNDLE_TYPE = 'application/vnd.homeward.bundle';

function readBody(payload: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    payload.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        payload.destroy();
        fail(new AppError('PAYLOAD_TOO_LARGE', 'The bundle is larger than this server accepts.'));
      } else chunks.push(c);
    });
    payload.on('end', () => ok(Buffer.concat(chunks)));
    payload.on('error', () => fail(new AppError('BUNDLE_TRUNCATED', 'The upload was interrupted; nothing was imported.')));
  });
}

/** Exchange bundles between parties and the party cards that introduce them (issue 9, docs/EXCHANGE.md). */
export const exchangeRoutes =
  (deps: AppDeps & { media?: MediaStorage }): FastifyPluginAsyncZod =>
  async (app) => {
    app.addContentTypeParser([BUNDLE_TYPE, 'application/octet-stream'], { bodyLimit: BUNDLE_LIMIT }, async (_request: unknown, payload: IncomingMessage) => readBody(payload, BUNDLE_LIMIT));

    app.get(
      '/api/v1/exchange/party-card',
      {
        config: { permission: 'exchange.run' },
        schema: { tags, description: "The caller's party card: its public signing and encryption keys, signed. Give it to partners.", response: { 200: partyCard } },
      },
      async (request) => {
        const party = await findPartyById(deps.db, actorOf(request).partyId ?? '');
        if (!party) throw new AppError('PARTY_NOT_FOUND', 'Not found.');
        return exportPartyCard(deps, party.code);
      },
    );
    app.post(
      '/api/v1/exchange/partners',
      {
        config: { permission: 'key.admin' },
        schema: { tags, description: "Registers a partner (or updates it) from its signed party card. Check the returned fingerprint with the partner by another channel.", body: partyCard, response: { 200: partyCardImport } },
      },
      async (request) => importPartyCard(deps, actorOf(request), request.body),
    );
    app.post(
      '/api/v1/exchange/bundles/export',
      {
        config: { permission: 'exchange.run' },
        schema: { tags, description: 'Builds a signed, encrypted bundle for a partner and returns the file (application/vnd.homeward.bundle).', body: bundleExportInput },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const b = await exportBundle(deps, actor, { fromPartyId: actor.partyId ?? '', to: request.body.to, since: request.body.since });
        return reply
          .header('content-type', BUNDLE_TYPE)
          .header('content-disposition', `attachment; filename="${b.from}-to-${b.to}-${b.sequence}.hwx"`)
          .header('x-bundle-id', b.bundleId)
          .header('x-bundle-sha256', b.sha256)
          .send(b.bytes);
      },
    );
    app.post(
      '/api/v1/exchange/bundles/import',
      {
        config: { permission: 'exchange.run' },
        bodyLimit: BUNDLE_LIMIT,
        schema: { tags, description: 'Imports a bundle sent as the raw request body. Refusals name their reason; the same bundle twice answers with status already-imported.', response: { 200: bundleImportReport } },
      },
      async (request) => {
        if (!Buffer.isBuffer(request.body)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Send the bundle as the raw body with content type ${BUNDLE_TYPE}.`);
        return importBundle(deps, actorOf(request), request.body);
      },
    );
    app.get(
      '/api/v1/exchange/bundles',
      { config: { permission: 'exchange.run' }, schema: { tags, description: "Bundles the caller's party sent and received.", response: { 200: exchangeBundleList } } },
      async (request) => listExchangeBundles(deps, actorOf(request)),
    );
    app.get(
      '/api/v1/exchange/conflicts',
      {
        config: { permission: 'exchange.run' },
        schema: { tags, description: 'Records changed both here and by the sender, kept both ways for a person to resolve.', querystring: z.object({ status: z.enum(['open', 'resolved']).optional() }), response: { 200: exchangeConflictList } },
      },
      async (request) => listExchangeConflicts(deps, actorOf(request), request.query.status),
    );
    app.post(
      '/api/v1/exchange/conflicts/:id/resolve',
      { config: { permission: 'exchange.run' }, schema: { tags, params: idParams, body: conflictResolution, response: { 200: exchangeConflict } } },
      async (request) => resolveConflict(deps, actorOf(request), request.params.id, request.body.keep),
    );
  };
