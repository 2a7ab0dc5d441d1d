import { z } from 'zod';

// Imports through the API (docs/IMPORT.md): the file is the raw request body; the report names
// rows by line (or sheet row) and fields by path, never by value.

export const importKinds = ['dossiers', 'requests'] as const;
export const importFormats = ['jsonl', 'csv', 'xlsx', 'pfif'] as const;
export const templateFormats = ['xlsx', 'csv'] as const;

export const importQuery = z.object({
  kind: z.enum(importKinds),
  format: z.enum(importFormats).describe('pfif is PFIF 1.4 XML'),
});

export const templateQuery = z.object({
  kind: z.enum(importKinds),
  format: z.enum(templateFormats),
});

export const importRejectionCodes = [
  'INVALID_JSON',
  'VALIDATION_FAILED',
  'DUPLICATE_IN_FILE',
  'FILE_REJECTED',
  'MERGED_CELLS',
  'FORMULA_WITHOUT_VALUE',
  'CELL_ERROR',
  'SKIPPED',
] as const;

export const importRejection = z.object({
  line: z.number().int().describe('Line of the file (JSONL, CSV, PFIF XML) or row of the sheet (XLSX)'),
  code: z.enum(importRejectionCodes),
  issues: z.array(z.object({ path: z.string(), message: z.string() })),
});
export type ImportRejectionView = z.infer<typeof importRejection>;

export const importReport = z.object({
  read: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int().describe('Rows exactly as their source sent them last time: nothing written'),
  files: z.number().int(),
  rejected: z.array(importRejection),
  sheet: z.string().optional().describe('XLSX: the sheet that was imported'),
  notes: z.array(z.string()).optional().describe('About the file as a whole, e.g. sheets that were not imported'),
});
export type ImportReport = z.infer<typeof importReport>;
