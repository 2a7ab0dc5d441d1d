import { z } from 'zod';

// API schemas of the cases module.
export const casesPlaceholder = z.never().optional();
