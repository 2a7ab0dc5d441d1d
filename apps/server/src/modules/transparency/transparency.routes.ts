import {
  cosignatureInput,
  witnessKey,
  witnessKeyInput,
  witnessStatus as witnessStatusSchema,
  consistencyProof,
  consistencyQuery,
  inclusionProof,
  inclusionQuery,
  keyRevocation,
  keyRotation,
  logCheckpoint,
  logEntries,
  logEntriesQuery,
  partyKey,
  partyKeyList,
} from '@homeward/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth-hook.ts';
import { idParams } from '../../http/params.ts';
import { attestationRoutes } from '../attestations/attestations.routes.ts';
import { listPartyKeys, revokePartyKey, rotatePartyKey } from './keys.service.ts';
import {
  getCheckpoint,
  getConsistencyProof,
  getInclusionProof,
  getLogEntries,
} from './log-proofs.service.ts';
import type { LogDeps } from './log.service.ts';
import { addCosignatures, registerWitnessKey } from './witness.service.ts';

const tags = ['transparency'];
const keyParams = idParams.extend({ keyId: z.string().regex(/^[0-9a-f]{64}$/) });

/** The transparency log, party keys and attestations (issue 5). */
export const transparencyRoutes =
  (deps: LogDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/log/checkpoint',
      {
        config: { permission: 'log.read' },
        schema: {
          tags,
          description: 'The latest signed tree head (C2SP checkpoint note).',
          response: { 200: logCheckpoint },
        },
      },
      async () => getCheckpoint(deps),
    );
    app.get(
      '/api/v1/log/entries',
      {
        config: { permission: 'log.read' },
        schema: {
          tags,
          description: 'Entries from ≤ index < to (at most 1000).',
          querystring: logEntriesQuery,
          response: { 200: logEntries },
        },
      },
      async (request) => getLogEntries(deps, request.query.from, request.query.to),
    );
    app.get(
      '/api/v1/log/proof/inclusion',
      {
        config: { permission: 'log.read' },
        schema: { tags, querystring: inclusionQuery, response: { 200: inclusionProof } },
      },
      async (request) => getInclusionProof(deps, request.query.index, request.query.size),
    );
    app.get(
      '/api/v1/log/proof/consistency',
      {
        config: { permission: 'log.read' },
        schema: { tags, querystring: consistencyQuery, response: { 200: consistencyProof } },
      },
      async (request) => getConsistencyProof(deps, request.query.from, request.query.to),
    );
    app.get(
      '/api/v1/parties/:id/keys',
      {
        config: { permission: 'log.read' },
        schema: {
          tags,
          description: 'A party’s public signing keys with their validity.',
          params: idParams,
          response: { 200: partyKeyList },
        },
      },
      async (request) => ({ items: await listPartyKeys(deps, request.params.id) }),
    );
    app.post(
      '/api/v1/parties/:id/keys',
      {
        config: { permission: 'key.admin' },
        schema: {
          tags,
          description:
            'Rotate your party’s key (generated, or imported as PKCS#8 PEM); the old key stays valid for what it signed.',
          params: idParams,
          body: keyRotation,
          response: { 201: partyKey },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await rotatePartyKey(deps, actorOf(request), request.params.id, request.body)),
    );
    app.post(
      '/api/v1/parties/:id/keys/:keyId/revoke',
      {
        config: { permission: 'key.admin' },
        schema: { tags, params: keyParams, body: keyRevocation, response: { 200: partyKey } },
      },
      async (request) =>
        revokePartyKey(deps, actorOf(request), request.params.id, request.params.keyId, request.body.reason),
    );
    app.post(
      '/api/v1/parties/:id/witness-keys',
      {
        config: { permission: 'key.admin' },
        schema: {
          tags,
          description: 'Register your party’s witness key (from `homeward witness init`) in the log.',
          params: idParams,
          body: witnessKeyInput,
          response: { 201: witnessKey },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await registerWitnessKey(deps, actorOf(request), request.params.id, request.body.vkey)),
    );
    app.post(
      '/api/v1/log/cosignatures',
      {
        config: { permission: 'key.admin' },
        schema: {
          tags,
          description: 'Hand in a checkpoint cosigned by witnesses (from `homeward witness cosign`).',
          body: cosignatureInput,
          response: { 200: witnessStatusSchema },
        },
      },
      async (request) => addCosignatures(deps, request.body.note),
    );
    await app.register(attestationRoutes(deps));
  };
