import { z } from 'zod';

// API schemas of the age-out module.
export const age_outPlaceholder = z.never().optional();
