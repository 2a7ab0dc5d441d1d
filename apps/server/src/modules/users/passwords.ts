import { hash, verify } from '@node-rs/argon2';

// The password rule itself is shared with the web form and the CLI (@homeward/contracts).
export { passwordProblem } from '@homeward/contracts';

// argon2id with OWASP's minimum profile (m=19 MiB, t=2, p=1): ~8 ms here.
const options = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, { ...options, algorithm: 2 });
export const verifyPassword = (hashed: string, password: string) => verify(hashed, password);

// A fixed hash to verify against when the account does not exist, so both paths cost the same.
let dummyHash: Promise<string> | undefined;
export const dummyPasswordHash = () => (dummyHash ??= hashPassword('homeward-timing-equaliser'));
