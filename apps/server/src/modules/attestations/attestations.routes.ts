import {
  attestation,
  attestationInput,
  attestationList,
  attestationVerification,
  policyClaimParams,
  queueQuery,
  subjectQuery,
  verificationQueue,
  verificationPolicy,
  verificationPolicyInput,
  verificationPolicyList,
  verificationStatus,
} from '@homeward/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth-hook.ts';
import { idParams } from '../../http/params.ts';
import { approval } from '../approvals/approvals.schemas.ts';
import { presentApproval } from '../approvals/approvals.service.ts';
import type { LogDeps } from '../transparency/log.service.ts';
import {
  attest,
  getVerificationStatus,
  listAttestations,
  verificationQueue as queueOf,
  verifyOneAttestation,
} from './attestations.service.ts';
import { listVerificationPolicies, putVerificationPolicy } from './verification-policies.service.ts';

const tags = ['attestations'];

// Witnessing of the statements counted (issue 12); extends the contract until it moves there.
const display = z.enum(['verified', 'verified-awaiting-witnesses', 'unverified']);
const witnessedStatus = verificationStatus.extend({
  witnessed: z.boolean(),
  display,
  log: z.object({
    witnessStatus: z.enum(['trusted', 'quorum-not-met', 'stale', 'no-witnesses']),
    trustedSize: z.number().int().nullable(),
    message: z.string(),
  }),
  claims: z.array(
    verificationStatus.shape.claims.element.extend({
      witnessed: z.boolean(),
      display,
      attestations: z.array(
        verificationStatus.shape.claims.element.shape.attestations.element.extend({ witnessed: z.boolean() }),
      ),
    }),
  ),
});

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
            'Sign an attestation with your party key over the covered fields of a subject; it is logged (201). Under the two-person rule nothing is signed yet: 202 with the pending approval of exactly this statement; a second verifier of your party approves it (POST /api/v1/approvals/:id/approve) and it is signed then, in your name. If the record changes meanwhile, the approval expires and nothing is signed.',
          body: attestationInput,
          response: { 201: attestation, 202: z.object({ approval }) },
        },
      },
      async (request, reply) => {
        const result = await attest(deps, actorOf(request), request.body);
        return result.approval ? reply.status(202).send({ approval: presentApproval(result.approval) }) : reply.status(201).send(result.attestation);
      },
    );
    app.get(
      '/api/v1/attestations',
      {
        config: { permission: 'attestation.read' },
        schema: { tags, querystring: subjectQuery, response: { 200: attestationList } },
      },
      async (request) =>
        listAttestations(deps, request.query.subjectType, request.query.subjectId, actorOf(request)),
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
      async (request) => verifyOneAttestation(deps, request.params.id, actorOf(request)),
    );
    app.get(
      '/api/v1/verification/dossiers/:id',
      {
        config: { permission: 'attestation.read' },
        schema: {
          tags,
          description: 'Verification status, derived from attestations and policy.',
          params: idParams,
          response: { 200: witnessedStatus },
        },
      },
      async (request) => getVerificationStatus(deps, request.params.id, 'dossier', actorOf(request)),
    );
    app.get(
      '/api/v1/verification/cases/:id',
      {
        config: { permission: 'attestation.read' },
        schema: {
          tags,
          description:
            'Verification status of a case (family link, handover), derived from attestations and policy; for the case’s two parties.',
          params: idParams,
          response: { 200: witnessedStatus },
        },
      },
      async (request) => getVerificationStatus(deps, request.params.id, 'case', actorOf(request)),
    );
    app.get(
      '/api/v1/verification-policies',
      {
        config: { permission: 'attestation.read' },
        schema: {
          tags,
          description: 'Every claim with its policy: what it covers, whose attestations it needs, its version and hash.',
          response: { 200: verificationPolicyList },
        },
      },
      async () => listVerificationPolicies(deps),
    );
    app.put(
      '/api/v1/verification-policies/:claim',
      {
        config: { permission: 'key.admin' },
        schema: {
          tags,
          description:
            'Define a claim or change its policy. Each change is audited and entered in the transparency log (the policy’s hash); statuses follow it at once.',
          params: policyClaimParams,
          body: verificationPolicyInput,
          response: { 200: verificationPolicy, 201: verificationPolicy },
        },
      },
      async (request, reply) => {
        const { created, policy } = await putVerificationPolicy(
          deps,
          actorOf(request),
          request.params.claim,
          request.body,
        );
        return reply.status(created ? 201 : 200).send(policy);
      },
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
