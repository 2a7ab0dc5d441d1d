import { calendarDate } from '@homeward/contracts';
import { z } from 'zod';

export const mediaKind = z.enum(['photo', 'document']);
export const mediaSupplier = z.enum(['family', 'institution', 'authority', 'child', 'other']);
export const mediaVariant = z.enum(['original', 'medium', 'thumbnail']);

export const uploadQuery = z.object({ kind: mediaKind.default('photo') });

export const mediaView = z.object({
  id: z.string().uuid(),
  subjectType: z.enum(['dossier', 'tracing_request', 'case']),
  subjectId: z.string().uuid(),
  kind: mediaKind,
  contentHash: z.string().describe('SHA-256 (hex) of the stored original: what attestations cover'),
  takenOn: z.string().nullable().describe('When the photo was taken (from EXIF unless set by a person)'),
  capturedAt: z.string().nullable().describe('The EXIF capture date-time as found in the upload'),
  suppliedBy: mediaSupplier.nullable(),
  partyId: z.string().uuid().describe('The party that supplied the file'),
  uploadedBy: z.string().uuid().nullable(),
  position: z.number().int().nullable().describe('Order among the subject’s photos (0 first); null for documents'),
  isPrimary: z.boolean(),
  createdAt: z.string(),
  variants: z.array(z.object({ name: mediaVariant, mime: z.string(), width: z.number().nullable(), height: z.number().nullable(), size: z.number() })),
});

export const mediaList = z.object({ items: z.array(mediaView) });

export const mediaPatch = z
  .object({
    takenOn: calendarDate.nullable().optional(),
    suppliedBy: mediaSupplier.nullable().optional(),
    primary: z.literal(true).optional().describe('Make this the subject’s primary photo'),
  })
  .strict();

export const photoOrder = z.object({ ids: z.array(z.string().uuid()).min(1).max(500) }).strict();

export const variantParams = z.object({ variant: mediaVariant });

export type MediaPatch = z.infer<typeof mediaPatch>;
