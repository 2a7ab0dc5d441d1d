import { attestationApprovalHandler } from '../attestations/attestations.approvals.ts';
import { overrideApprovalHandler } from '../consent/consent.service.ts';
import { erasureApprovalHandler } from '../erasure/erasure.service.ts';
import { matchApprovalHandler } from '../matching/matching.decisions.ts';
import { grantRoleApprovalHandler, twoFactorResetApprovalHandler } from '../users/users.approvals.ts';
import type { ActHandlers, ApprovalDeps } from './approvals.service.ts';

/** What each wired act does once approved (the services own the acts; this only lists them). */
export function actHandlers(deps: ApprovalDeps & { secret: Buffer }): ActHandlers {
  const match = matchApprovalHandler(deps);
  return {
    'match.confirm-case': match,
    'match.confirm-merge': match,
    'consent.override': overrideApprovalHandler(deps),
    'record.erase': erasureApprovalHandler(deps),
    'user.grant-role': grantRoleApprovalHandler(),
    'two-factor.reset': twoFactorResetApprovalHandler(),
    'attestation.verify': attestationApprovalHandler(deps),
  };
}
