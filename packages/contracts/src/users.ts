import { z } from 'zod';
import { roles } from './auth.ts';
import { page, pageQuery, text } from './common.ts';

// API schemas of user administration (issue 8): an administrator manages the accounts of their
// own party. Granting roles and resetting two-factor wait for a second administrator.

export const userStatuses = ['active', 'disabled'] as const;
export type UserStatus = (typeof userStatuses)[number];

/** The acts on an account that wait for a second administrator (two-person rule). */
export const userApprovalActs = ['user.grant-role', 'two-factor.reset'] as const;
export type UserApprovalAct = (typeof userApprovalActs)[number];

const common = new Set([
  'password', 'password1', 'password123', '123456789012', 'qwertyuiop', 'iloveyou', 'letmein', 'welcome',
  'admin', 'administrator', 'homeward', 'changeme', 'qwerty123', '1q2w3e4r5t6y', 'zaq12wsxcde3', 'passw0rd',
  'slavaukraini', 'ukraine', 'russia', 'moscow', 'kyiv', 'kiev',
]);

/**
 * Length over complexity (NIST SP 800-63B): at least 12 characters, at most 256, not a
 * well-known password or one repeated character. Returns the problem, or null when acceptable.
 * @example passwordProblem('blue kettle on a quiet train') // null
 */
export function passwordProblem(password: string): string | null {
  if (password.length < 12) return 'must be at least 12 characters long';
  if (password.length > 256) return 'must be at most 256 characters long';
  const folded = password.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (common.has(folded) || common.has(folded.replace(/\d+$/, ''))) return 'is a commonly used password';
  if (/^(.)\1+$/.test(password)) return 'must not be one character repeated';
  return null;
}

/** A new password, checked by the same rules on the server, in the web form and in the CLI. */
export const newPassword = z.string().superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const reason = z.string().trim().min(1).max(2000);
const roleList = z.array(z.enum(roles)).max(roles.length);

export const userListQuery = z.object({
  role: z.enum(roles).optional(),
  status: z.enum(userStatuses).optional(),
  ...pageQuery,
});
export type UserListQuery = z.infer<typeof userListQuery>;

/**
 * A new account of the administrator's own party. The administrator sets the first password
 * (handed over by a trusted channel); the roles asked for wait for a second administrator.
 */
export const userCreateInput = z.object({
  email: z.email().max(200),
  displayName: text(200).optional(),
  password: newPassword,
  roles: roleList.default([]),
  reason: reason.optional(),
});
export type UserCreateInput = z.input<typeof userCreateInput>;

export const userPatch = z.object({ displayName: text(200) });
export type UserPatch = z.infer<typeof userPatch>;

/** Roles to grant (waits for a second administrator) or to revoke (at once). */
export const roleChangeInput = z.object({ roles: roleList.min(1), reason: reason.optional() });
export type RoleChangeInput = z.input<typeof roleChangeInput>;

/** Disable, enable, reset two-factor: an optional reason, kept in the audit trail. */
export const userActionInput = z.object({ reason: reason.optional() });
export type UserActionInput = z.input<typeof userActionInput>;

/** An approval about an account, waiting for (or answered by) a second administrator. */
export const userApproval = z.object({
  id: z.uuid(),
  act: z.string(),
  subjectType: z.string(),
  subjectId: z.uuid(),
  relatedIds: z.array(z.uuid()),
  payload: z.unknown().describe('user.grant-role: {userId, roles}; two-factor.reset: {userId, enrolledAt}'),
  payloadHash: z.string(),
  status: z.enum(['pending', 'approved', 'declined', 'expired']),
  firstUserId: z.uuid(),
  firstPartyId: z.uuid(),
  firstAt: z.string(),
  firstReason: z.string().nullable(),
  secondPartyId: z.uuid().nullable(),
  secondPermission: z.string(),
  secondUserId: z.uuid().nullable(),
  secondAt: z.string().nullable(),
  secondReason: z.string().nullable(),
  endReason: z.string().nullable(),
  expiresAt: z.string(),
});
export type UserApproval = z.infer<typeof userApproval>;

export const userView = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  partyId: z.uuid(),
  roles: z.array(z.enum(roles)),
  status: z.enum(userStatuses),
  twoFactor: z.enum(['enabled', 'not-enrolled']),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Grants and resets about this account still waiting for a second administrator. */
  pending: z.array(userApproval),
});
export type UserView = z.infer<typeof userView>;

export const userPage = page(userView);
export type UserPage = z.infer<typeof userPage>;

/** The answer to a change: the account as it is now, and the approval it waits for (if any). */
export const userChange = z.object({ user: userView, approval: userApproval.nullable() });
export type UserChange = z.infer<typeof userChange>;
