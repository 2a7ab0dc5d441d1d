import { inflateSync, constants as zlib } from 'node:zlib';
import { MediaError } from './errors.ts';

/**
 * Names whose presence makes a PDF able to act on its own (run script, launch programs, carry other files,
 * submit data) rather than just show pages. `OpenAction` is handled separately: see {@link checkPdf}.
 */
const ACTIVE_NAMES = new Set([
  'JavaScript',
  'JS',
  'AA', // additional actions: triggers on page open, field focus…
  'Launch',
  'EmbeddedFile',
  'EmbeddedFiles',
  'XFA',
  'RichMedia',
  'SubmitForm',
  'ImportData',
  'GoToE',
]);

export interface PdfCheckOptions {
  /** Total bytes we are willing to inflate from object streams (guards against zip bombs). */
  maxInflatedBytes?: number;
}

export interface PdfCheckResult {
  /** The version from the header, e.g. "1.7". */
  version: string;
}

const DELIMITERS = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));
const isWhite = (b: number) =>
  b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c || b === 0x00;

/**
 * A byte-level gate for uploaded PDFs (birth certificates and the like). It refuses rather than cleans:
 * a PDF either passes unchanged or is rejected with a {@link MediaError}.
 *
 * - `PDF_MALFORMED`: no `%PDF-x.y` header at byte 0, no `%%EOF` in the last 1 kB, or an object stream we
 *   cannot inspect (a filter other than plain FlateDecode, or one that inflates past the budget).
 * - `PDF_ENCRYPTED`: an `/Encrypt` dictionary, since its object streams cannot be inspected.
 * - `PDF_ACTIVE_CONTENT`: any name in {@link ACTIVE_NAMES}, or an `/OpenAction` whose value is not an inline
 *   destination array (`/OpenAction [3 0 R /Fit]`, which only chooses the first page shown and which
 *   LibreOffice and Word write into ordinary documents, is allowed; a dictionary or reference is refused).
 *
 * What it looks at: every name token outside stream data (with `#xx` escapes decoded, so `/J#61vaScript` is
 * caught), and every name inside FlateDecode object streams (`/Type /ObjStm`, where PDF 1.5+ hides
 * dictionaries). Limits, honestly: this is not a parser. It does not follow the cross-reference table, so
 * objects an incremental update has orphaned are still judged (more refusals, never fewer); it does not
 * inflate page content streams, images or fonts (they cannot hold actions, only reference them); and a name
 * inside a text string such as `(see /JS)` is treated as a name (a false refusal). A PDF reader with its own
 * bugs (fonts, images) is not protected against by this check: serve PDFs for download, never inline.
 *
 * @example checkPdf(bytes) // throws MediaError('PDF_ACTIVE_CONTENT') for a PDF with /JavaScript
 */
export function checkPdf(bytes: Uint8Array, options: PdfCheckOptions = {}): PdfCheckResult {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = /^%PDF-(\d\.\d)/.exec(buf.toString('latin1', 0, 16));
  if (!header?.[1]) throw malformed('It does not start with a PDF header.');
  const eof = buf.lastIndexOf('%%EOF', undefined, 'latin1');
  if (eof < 0 || eof < buf.length - 1024) {
    throw malformed('It is incomplete (no end-of-file marker): the upload may have been cut off.');
  }
  // Checked first: an encrypted file's object streams would otherwise just look damaged.
  for (let at = buf.indexOf('/Encrypt'); at >= 0; at = buf.indexOf('/Encrypt', at + 1)) {
    const next = buf[at + 8];
    if (next === undefined || isWhite(next) || DELIMITERS.has(next)) throw encrypted();
  }
  const budget = { left: options.maxInflatedBytes ?? Math.max(64 * 1024 * 1024, buf.length * 4) };
  for (const segment of dictionarySegments(buf, budget)) judgeNames(segment);
  return { version: header[1] };
}

function encrypted(): MediaError {
  return new MediaError('PDF_ENCRYPTED', 'Password-protected PDFs are not accepted.');
}

function malformed(why: string): MediaError {
  return new MediaError('PDF_MALFORMED', `This PDF cannot be accepted. ${why}`);
}

/** Yields the bytes between streams, then the inflated contents of each object stream. */
function* dictionarySegments(buf: Buffer, budget: { left: number }): Generator<Buffer> {
  let pos = 0;
  for (let at = buf.indexOf('stream', 0, 'latin1'); at >= 0; at = buf.indexOf('stream', at + 6, 'latin1')) {
    if (at < pos || !isStreamKeyword(buf, at)) continue;
    let dataStart = at + 6;
    if (buf[dataStart] === 0x0d) dataStart++;
    if (buf[dataStart] === 0x0a) dataStart++;
    const end = buf.indexOf('endstream', dataStart, 'latin1');
    if (end < 0) throw malformed('A stream is not terminated.');
    const dictStart = Math.max(buf.lastIndexOf('obj', at, 'latin1'), pos);
    const dict = buf.subarray(dictStart, at);
    yield buf.subarray(pos, at);
    if (namesIn(dict).includes('ObjStm'))
      yield inflateObjectStream(dict, buf.subarray(dataStart, end), budget);
    pos = end + 'endstream'.length;
    at = pos - 6;
  }
  yield buf.subarray(pos);
}

function isStreamKeyword(buf: Buffer, at: number): boolean {
  const before = buf[at - 1];
  const after = buf[at + 6];
  const precededOk = before === undefined || isWhite(before) || before === 0x3e; // '>' of '>>'
  return precededOk && (after === 0x0d || after === 0x0a);
}

function inflateObjectStream(dict: Buffer, data: Buffer, budget: { left: number }): Buffer {
  const names = namesIn(dict);
  const filterAt = names.indexOf('Filter');
  const filters = filterAt < 0 ? [] : names.slice(filterAt + 1).filter((n) => n.endsWith('Decode'));
  if (filters.length === 0) return data;
  if (filters.length > 1 || filters[0] !== 'FlateDecode' || names.includes('DecodeParms')) {
    throw malformed('It uses an encoding this service cannot inspect.');
  }
  try {
    const inflated = inflateSync(data, { maxOutputLength: budget.left, finishFlush: zlib.Z_SYNC_FLUSH });
    budget.left -= inflated.length;
    return inflated;
  } catch (error) {
    throw malformed(error instanceof RangeError ? 'It expands to an unreasonable size.' : 'It is damaged.');
  }
}

function judgeNames(segment: Buffer): void {
  forEachName(segment, (name, end) => {
    if (name === 'Encrypt') throw encrypted();
    if (ACTIVE_NAMES.has(name) || (name === 'OpenAction' && !isFollowedByArray(segment, end))) {
      throw new MediaError(
        'PDF_ACTIVE_CONTENT',
        'PDFs containing scripts, actions or attached files are not accepted.',
      );
    }
  });
}

function isFollowedByArray(buf: Buffer, at: number): boolean {
  while (at < buf.length && isWhite(buf[at]!)) at++;
  return buf[at] === 0x5b; // '['
}

function namesIn(buf: Buffer): string[] {
  const names: string[] = [];
  forEachName(buf, (name) => names.push(name));
  return names;
}

/** Calls `visit` with each `/Name` token (escapes decoded) and the index just after it. */
function forEachName(buf: Buffer, visit: (name: string, end: number) => void): void {
  for (let at = buf.indexOf(0x2f); at >= 0; at = buf.indexOf(0x2f, at + 1)) {
    let end = at + 1;
    while (end < buf.length && !isWhite(buf[end]!) && !DELIMITERS.has(buf[end]!)) end++;
    if (end - at > 128) continue; // not a name anyone writes; avoids quadratic work on binary junk
    const raw = buf.toString('latin1', at + 1, end);
    visit(raw.includes('#') ? decodeNameEscapes(raw) : raw, end);
  }
}

function decodeNameEscapes(raw: string): string {
  return raw.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
