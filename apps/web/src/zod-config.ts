import { z } from 'zod';

// Zod compiles validators with `new Function` when it may; the CSP forbids eval, and the probe
// itself is reported as a violation. Say no before any schema (@homeward/contracts) is built:
// this module must be the first import of main.tsx.
z.config({ jitless: true });
