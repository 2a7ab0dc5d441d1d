import { z } from 'zod';

// API schemas of the reunification module.
export const reunificationPlaceholder = z.never().optional();
