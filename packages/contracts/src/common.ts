import { z } from 'zod';

/** A date known to the day, the month or the year: 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY'. */
export const partialDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD')
  .refine(isRealPartialDate, 'is not a real calendar date');

/** A full calendar date 'YYYY-MM-DD'. */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
  .refine(isRealPartialDate, 'is not a real calendar date');

export type DatePrecision = 'day' | 'month' | 'year' | 'unknown';

export function isRealPartialDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number);
  if (y === undefined || y < 1900 || y > 2200) return false;
  if (m === undefined) return true;
  if (m < 1 || m > 12) return false;
  if (d === undefined) return true;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** Splits a partial date into the stored (first-day) date and its precision. */
export function toStoredDate(value: string | null | undefined): { date: string | null; precision: DatePrecision } {
  if (!value) return { date: null, precision: 'unknown' };
  const parts = value.split('-');
  if (parts.length === 1) return { date: `${value}-01-01`, precision: 'year' };
  if (parts.length === 2) return { date: `${value}-01`, precision: 'month' };
  return { date: value, precision: 'day' };
}

export function fromStoredDate(date: string | null, precision: string): string | null {
  if (!date || precision === 'unknown') return null;
  if (precision === 'year') return date.slice(0, 4);
  if (precision === 'month') return date.slice(0, 7);
  return date.slice(0, 10);
}

/** True when the earliest day the partial date can mean is after `today` ('YYYY-MM-DD'). */
export function isAfterDay(value: string, today: string): boolean {
  return toStoredDate(value).date! > today;
}

export const text = (max: number) => z.string().trim().min(1).max(max);

export const uuid = z.uuid();

export const errorBody = z.object({
  code: z.string(),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export const pageQuery = {
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/**
 * The same object schema with every top-level field optional and no defaults, for PATCH bodies:
 * a field left out must stay as it is, not be reset to its default.
 */
export function patchOf<T extends z.ZodRawShape>(schema: z.ZodObject<T>) {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([k, v]) => {
      const inner = v instanceof z.ZodDefault ? (v.unwrap() as z.ZodType) : (v as z.ZodType);
      return [k, inner.optional()];
    }),
  );
  return z.object(shape) as unknown as z.ZodObject<{ [K in keyof T]: z.ZodOptional<z.ZodType<z.output<T[K]>, z.input<T[K]>>> }>;
}
