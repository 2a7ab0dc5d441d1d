import { z } from 'zod';

// API schemas of the notifications module.
export const notificationsPlaceholder = z.never().optional();
