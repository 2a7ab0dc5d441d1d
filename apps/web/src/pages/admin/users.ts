/**
 * Pure helpers of the users tab (issue 8): the words for this module's refusals and password
 * rules, and what the reader of a waiting grant or reset may do with it.
 */
import { roles as allRoles, type Role, type UserApproval } from '@homeward/contracts';
import { ApiError } from '../../api/client.ts';
import { issueKey, type Translated } from '../../api/errors.ts';

/** The API's user-administration codes, each with its own explanation under `users.errors`. */
export const userErrorCodes = [
  'USER_SELF_CHANGE',
  'USER_DISABLED',
  'USER_ROLE_ALREADY_HELD',
  'USER_ROLE_NOT_HELD',
  'USER_LAST_ADMINISTRATOR',
  'USER_TWO_FACTOR_NOT_ENROLLED',
] as const;

/**
 * The translation key for a refusal here, or null for the general wording (errors.ts). A taken
 * e-mail and a request that already waits both come as ALREADY_EXISTS: the form tells which.
 */
export function userErrorKey(error: unknown, form: 'create' | 'change'): string | null {
  if (!(error instanceof ApiError)) return null;
  if ((userErrorCodes as readonly string[]).includes(error.code)) return `users.errors.${error.code}`;
  if (error.code === 'ALREADY_EXISTS')
    return form === 'create' ? 'users.errors.emailTaken' : 'users.errors.alreadyAsked';
  return null;
}

/** The password rules' own messages (server and contract say the same), in words. */
const passwordMessages: Record<string, string> = {
  'must be at least 12 characters long': 'users.password.tooShort',
  'must be at most 256 characters long': 'users.password.tooLong',
  'is a commonly used password': 'users.password.common',
  'must not be one character repeated': 'users.password.repeated',
};

export function userIssueKey(message: string): Translated {
  const key = passwordMessages[message];
  return key ? { key } : issueKey(message);
}

/**
 * What the reader may do with an approval about an account: `mine` (they asked: withdraw),
 * `about-me` (it is their own account: nothing), else `answer` (approve or decline; the server
 * still checks that they are eligible).
 */
export type PendingRole = 'mine' | 'about-me' | 'answer';
export function pendingRole(a: Pick<UserApproval, 'firstUserId' | 'subjectId'>, me: string): PendingRole {
  if (a.firstUserId === me) return 'mine';
  if (a.subjectId === me) return 'about-me';
  return 'answer';
}

/** The roles a waiting grant would give (from its payload), in the order of the role table. */
export function pendingRoles(a: Pick<UserApproval, 'act' | 'payload'>): Role[] {
  if (a.act !== 'user.grant-role') return [];
  const asked = (a.payload as { roles?: unknown } | null)?.roles;
  return Array.isArray(asked) ? allRoles.filter((r) => asked.includes(r)) : [];
}
