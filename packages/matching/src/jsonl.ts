/**
 * Reading JSONL inputs line by line with validation: a bad line is reported with its line
 * number and skipped, the others are kept.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { MatchRecord } from './types.ts';

export interface LineError {
  file: string;
  line: number;
  message: string;
}

/**
 * Streams the records of a JSONL file to `onRecord`, reporting broken JSON, lines that are
 * not objects, missing ids and duplicate ids to `errors`.
 */
export async function readRecords(
  file: string,
  errors: LineError[],
  onRecord: (r: MatchRecord) => void,
): Promise<number> {
  const firstLine = new Map<string, number>();
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  let count = 0;
  for await (const text of lines) {
    n++;
    const trimmed = text.trim();
    if (!trimmed) continue;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      // Not the parser's message: it can quote the line, and errors must carry no personal data.
      errors.push({ file, line: n, message: 'invalid JSON' });
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      errors.push({ file, line: n, message: 'not a JSON object' });
      continue;
    }
    const rec = value as Record<string, unknown>;
    const id = rec.id;
    if ((typeof id !== 'string' && typeof id !== 'number') || String(id).trim() === '') {
      errors.push({ file, line: n, message: 'missing id' });
      continue;
    }
    const key = String(id);
    const first = firstLine.get(key);
    if (first !== undefined) {
      errors.push({ file, line: n, message: `duplicate id ${key} (first on line ${first})` });
      continue;
    }
    firstLine.set(key, n);
    onRecord({ ...(rec as Omit<MatchRecord, 'id'>), id: key });
    count++;
  }
  return count;
}
