import { MediaError, readAll } from '@homeward/media';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { actorOf } from '../../http/auth-hook.ts';
import type { AppDeps } from '../../http/app.ts';
import { idParams } from '../../http/params.ts';
import { deleteMedia, orderPhotos, patchMedia } from './media.arrange.service.ts';
import { toAppError } from './media.errors.ts';
import { sweepMedia } from './media.maintenance.service.ts';
import type { SubjectRef } from './media.repository.ts';
import { mediaList, mediaPatch, mediaView, photoOrder, uploadQuery, variantParams } from './media.schemas.ts';
import { getMedia, listMedia, readMediaContent, uploadMedia, type MediaDeps } from './media.service.ts';
import { disableImageCache, mediaStorageFromEnvironment, prepareMediaStorage, type MediaStorage } from './media.storage.ts';

const tags = ['media'];
const UPLOAD_TYPES = /^(application\/(octet-stream|pdf)|image\/[a-z0-9.+-]+)\s*(;|$)/i;
const subjects = [
  { prefix: '/api/v1/dossiers', type: 'dossier' },
  { prefix: '/api/v1/requests', type: 'tracing_request' },
  { prefix: '/api/v1/cases', type: 'case' },
] as const;

/**
 * Photos and documents of dossiers, tracing requests and cases. Uploads are the raw file as the body
 * (`Content-Type: application/octet-stream`, `image/*` or `application/pdf`; the declared type is
 * ignored: the bytes decide). Bytes are only served here, to a reader who may see the subject, each
 * view audited, never cached by anything shared. `deps.media` overrides the configured storage.
 */
export const mediaRoutes =
  (deps: AppDeps & { media?: MediaStorage }): FastifyPluginAsyncZod =>
  async (app) => {
    disableImageCache();
    // Resolved on first use, so that building the app (tests, other modules) never touches the store;
    // the first use also sweeps what a crash or an earlier deletion left behind.
    let resolved: MediaDeps | undefined;
    const mediaDeps = (): MediaDeps => {
      if (resolved) return resolved;
      const storage = deps.media ?? mediaStorageFromEnvironment();
      resolved = { db: deps.db, clock: deps.clock, storage };
      const started = resolved;
      void prepareMediaStorage(storage)
        .then(() => sweepMedia(started))
        .catch((err: { code?: string }) => app.log.warn({ code: err.code }, 'media clean-up failed'));
      return resolved;
    };

    app.addContentTypeParser(UPLOAD_TYPES, async (request: { headers: IncomingMessage['headers'] }, payload: IncomingMessage) => {
      const { maxBytes } = mediaDeps().storage;
      const declared = Number(request.headers['content-length'] ?? 0);
      if (declared > maxBytes) throw tooLarge(maxBytes);
      try {
        return await readAll(payload, maxBytes);
      } catch (error) {
        if (error instanceof MediaError) throw error.code === 'FILE_TOO_LARGE' ? tooLarge(maxBytes) : toAppError(error);
        throw new AppError('UPLOAD_INTERRUPTED', 'The upload was interrupted before it finished; nothing was stored.');
      }
    });
    // Shared caches and the browser's disk cache must never keep these (overrides the API default).
    app.addHook('onSend', async (_request, reply) => {
      reply.header('cache-control', 'private, no-store');
    });

    for (const s of subjects) {
      const subject = (id: string): SubjectRef => ({ type: s.type, id });
      app.post(
        `${s.prefix}/:id/media`,
        {
          config: { permission: 'media.write' },
          schema: {
            tags,
            description: 'Upload one photo or document as the raw request body. 201 with the new file; 200 if this exact file is already attached.',
            params: idParams,
            querystring: uploadQuery,
            response: { 200: mediaView, 201: mediaView },
          },
        },
        async (request, reply) => {
          if (!Buffer.isBuffer(request.body)) {
            throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file itself as the body (Content-Type: application/octet-stream, image/* or application/pdf).');
          }
          const r = await uploadMedia(mediaDeps(), actorOf(request), subject(request.params.id), { bytes: request.body, kind: request.query.kind });
          return reply.status(r.created ? 201 : 200).send(r.media);
        },
      );
      app.get(
        `${s.prefix}/:id/media`,
        { config: { permission: 'media.read' }, schema: { tags, params: idParams, response: { 200: mediaList } } },
        async (request) => ({ items: await listMedia(mediaDeps(), actorOf(request), subject(request.params.id)) }),
      );
      app.put(
        `${s.prefix}/:id/media/order`,
        { config: { permission: 'media.write' }, schema: { tags, params: idParams, body: photoOrder, response: { 200: mediaList } } },
        async (request) => ({ items: await orderPhotos(mediaDeps(), actorOf(request), subject(request.params.id), request.body.ids) }),
      );
    }

    app.get(
      '/api/v1/media/:id',
      { config: { permission: 'media.read' }, schema: { tags, params: idParams, response: { 200: mediaView } } },
      async (request) => getMedia(mediaDeps(), actorOf(request), request.params.id),
    );
    app.get(
      '/api/v1/media/:id/:variant',
      {
        config: { permission: 'media.read' },
        schema: { tags, description: 'The file itself (original, medium or thumbnail); each view is audited.', params: idParams.extend(variantParams.shape) },
      },
      async (request, reply) => {
        const { id, variant } = request.params;
        const content = await readMediaContent(mediaDeps(), actorOf(request), id, variant);
        const extension = content.mime === 'application/pdf' ? 'pdf' : content.mime === 'image/webp' ? 'webp' : 'jpg';
        // Documents are never rendered by the browser from here: always a download.
        const disposition = content.kind === 'document' ? 'attachment' : 'inline';
        return reply
          .header('content-type', content.mime)
          .header('content-disposition', `${disposition}; filename="${content.kind}-${id}-${variant}.${extension}"`)
          .header('content-security-policy', "default-src 'none'; sandbox")
          .send(content.bytes);
      },
    );
    app.patch(
      '/api/v1/media/:id',
      { config: { permission: 'media.write' }, schema: { tags, params: idParams, body: mediaPatch, response: { 200: mediaView } } },
      async (request) => patchMedia(mediaDeps(), actorOf(request), request.params.id, request.body),
    );
    app.delete(
      '/api/v1/media/:id',
      { config: { permission: 'media.write' }, schema: { tags, params: idParams, response: { 204: z.null() } } },
      async (request, reply) => {
        await deleteMedia(mediaDeps(), actorOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
  };

function tooLarge(maxBytes: number): AppError {
  return new AppError('FILE_TOO_LARGE', `The file is larger than ${Math.floor(maxBytes / 1e6)} MB; nothing was stored.`, { details: { maxBytes } });
}
