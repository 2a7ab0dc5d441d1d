import { z } from 'zod';
import { ruleKinds } from './retention.tables.ts';

// API schemas of the retention module (kept here until the web UI needs them in @homeward/contracts).

export const ruleKind = z.enum(ruleKinds);

export const retentionRuleInput = z.object({
  rules: z
    .array(z.object({ kind: ruleKind, months: z.number().int().min(1).max(1200).describe('Months after the record was closed') }))
    .max(ruleKinds.length)
    .refine((a) => new Set(a.map((r) => r.kind)).size === a.length, 'must not name a rule twice')
    .describe("The party's whole rule set: a kind left out is off"),
});
export type RetentionRuleInput = z.infer<typeof retentionRuleInput>;

export const retentionRules = z.object({
  rules: z.array(
    z.object({
      kind: ruleKind,
      months: z.number().int().nullable().describe('Null: the rule is off (nothing is minimised)'),
      updatedAt: z.string().nullable(),
      updatedBy: z.uuid().nullable(),
    }),
  ),
});

export const retentionRunQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

export const retentionRun = z.object({
  id: z.uuid(),
  runId: z.uuid(),
  status: z.enum(['completed', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string(),
  results: z.array(
    z.object({
      kind: ruleKind,
      months: z.number().int(),
      cutoff: z.string(),
      rows: z.number().int(),
      fields: z.number().int(),
      byField: z.record(z.string(), z.number().int()),
      blobsLeft: z.number().int().optional(),
    }),
  ),
});
export const retentionRuns = z.object({ items: z.array(retentionRun) });
