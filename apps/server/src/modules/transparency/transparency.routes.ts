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
import { addCosignatures, getWitnessPolicy, putWitnessPolicy, registerWitnessKey } from './witness.service.ts';

const tags = ['transparency'];
const keyParams = idParams.extend({ keyId: z.string().regex(/^[0-9a-f]{64}$/) });

// Witnesses and quorum (issue 12). Defined here until they move to @homeward/contracts.
/** The newest checkpoint trusted now (quorum within the freshness window); null when none is. */
export const trustedCheckpoint = z
  .object({
    size: z.number().int(),
    rootHash: z.string(),
    cosignedNote: z.string(),
    cosigners: z.array(z.object({ name: z.string(), timestamp: z.number().int(), fresh: z.boolean() })),
  })
  .nullable();
export const logCheckpointWithTrust = logCheckpoint.extend({ trusted: trustedCheckpoint });
export const witnessPolicyInput = z.object({
  /** Null: every registered witness must cosign. */
  quorum: z.number().int().min(1).max(100).nullable(),
  /** The freshness window: cosignatures older than this do not count (60 s to 30 days). */
  maxAgeSeconds: z.number().int().min(60).max(30 * 86_400),
});
export const witnessPolicy = z.object({
  witnesses: z.array(
    z.object({
      keyId: z.string(),
      name: z.string(),
      vkey: z.string(),
      partyId: z.string(),
      partyCode: z.string().nullable(),
      registeredAt: z.string(),
    }),
  ),
  quorum: z.number().int().nullable(),
  effectiveQuorum: z.number().int(),
  maxAgeSeconds: z.number().int(),
  version: z.number().int(),
  logIndex: z.number().int().nullable(),
});

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
          description:
            'The latest signed tree head (C2SP checkpoint note), its witness status, and the newest checkpoint trusted now.',
          response: { 200: logCheckpointWithTrust },
        },
      },
      async () => getCheckpoint(deps),
    );
    app.get(
      '/api/v1/log/witness-policy',
      {
        config: { permission: 'key.admin' },
        schema: {
          tags,
          description: 'The registered witnesses, the quorum and the freshness window clients apply.',
          response: { 200: witnessPolicy },
        },
      },
      async () => getWitnessPolicy(deps),
    );
    app.put(
      '/api/v1/log/witness-policy',
      {
        config: { permission: 'key.admin' },
        schema: {
          tags,
          description:
            'Set the quorum (null: every registered witness) and the freshness window; the change is audited and logged.',
          body: witnessPolicyInput,
          response: { 200: witnessPolicy },
        },
      },
      async (request) => putWitnessPolicy(deps, actorOf(request), request.body),
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
