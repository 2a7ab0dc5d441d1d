import {
  attestation,
  attestationInput,
  attestationList,
  attestationVerification,
  queueQuery,
  subjectQuery,
  verificationQueue,
  verificationStatus,
} from '@homeward/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/auth-hook.ts';
import { idParams } from '../../http/params.ts';
import type { LogDeps } from '../transparency/log.service.ts';
import {
  attest,
  getVerificationStatus,
  listAttestations,
  verificationQueue as queueOf,
  verifyOneAttestation,
} from './attestations.service.ts';

const tags = ['attestations'];

export const attestationRoutes =
  (deps: LogDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/v1/attestations',
      {
        config: { permission: 'attestation.sign' },
        schema: {
          tags,
          description:
            'Sign an attestation with your party key over the covered fields of a subject; it is logged.',
          body: attestationInput,
          response: { 201: attestation },
        },
      },
      async (request, reply) => reply.status(201).send(await attest(deps, actorOf(request), request.body)),
    );
    app.get(
      '/api/v1/attestations',
      {
        config: { permission: 'attestation.read' },
        schema: { tags, querystring: subjectQuery, response: { 200: attestationList } },
      },
      async (request) => listAttestations(deps, request.query.subjectType, request.query.subjectId),
    );
    app.get(
      '/api/v1/attestations/:id',
      {
        config: { permission: 'attestation.read' },
        schema: {
          tags,
          description:
            'Verify one attestation: signature, key validity, content, and inclusion in the latest checkpoint.',
          params: idParams,
          response: { 200: attestationVerification },
        },
      },
      async (request) => verifyOneAttestation(deps, request.params.id),
    );
    app.get(
      '/api/v1/verification/dossiers/:id',
      {
        config: { permission: 'attestation.read' },
        schema: {
          tags,
          description: 'Verification status, derived from attestations and policy.',
          params: idParams,
          response: { 200: verificationStatus },
        },
      },
      async (request) => getVerificationStatus(deps, request.params.id),
    );
    app.get(
      '/api/v1/verification/queue',
      {
        config: { permission: 'attestation.read' },
        schema: {
          tags,
          description: 'What awaits your party’s attestation.',
          querystring: queueQuery,
          response: { 200: verificationQueue },
        },
      },
      async (request) => queueOf(deps, actorOf(request), request.query.limit),
    );
  };
