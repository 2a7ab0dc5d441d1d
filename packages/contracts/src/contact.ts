import { z } from 'zod';

// API schemas of the contact module.
export const contactPlaceholder = z.never().optional();
