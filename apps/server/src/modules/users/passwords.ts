import { hash, verify } from '@node-rs/argon2';

// argon2id with OWASP's minimum profile (m=19 MiB, t=2, p=1): ~8 ms here.
const options = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, { ...options, algorithm: 2 });
export const verifyPassword = (hashed: string, password: string) => verify(hashed, password);

// A fixed hash to verify against when the account does not exist, so both paths cost the same.
let dummyHash: Promise<string> | undefined;
export const dummyPasswordHash = () => (dummyHash ??= hashPassword('homeward-timing-equaliser'));

const common = new Set([
  'password', 'password1', 'password123', '123456789012', 'qwertyuiop', 'iloveyou', 'letmein', 'welcome',
  'admin', 'administrator', 'homeward', 'changeme', 'qwerty123', '1q2w3e4r5t6y', 'zaq12wsxcde3', 'passw0rd',
  'slavaukraini', 'ukraine', 'russia', 'moscow', 'kyiv', 'kiev',
]);

/**
 * Length over complexity (NIST SP 800-63B): at least 12 characters, at most 256, not a
 * well-known password or one repeated character. Returns the problem, or null when acceptable.
 */
export function passwordProblem(password: string): string | null {
  if (password.length < 12) return 'must be at least 12 characters long';
  if (password.length > 256) return 'must be at most 256 characters long';
  const folded = password.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (common.has(folded) || common.has(folded.replace(/\d+$/, ''))) return 'is a commonly used password';
  if (/^(.)\1+$/.test(password)) return 'must not be one character repeated';
  return null;
}
