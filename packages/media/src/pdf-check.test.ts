import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildPdf, pageObjects, streamObject } from '../test/fixtures.ts';
import { isMediaError } from './errors.ts';
import type { MediaErrorCode } from './errors.ts';
import { checkPdf } from './pdf-check.ts';

function refusal(bytes: Buffer): MediaErrorCode | 'accepted' {
  try {
    checkPdf(bytes);
    return 'accepted';
  } catch (error) {
    if (!isMediaError(error)) throw error;
    return error.code;
  }
}

/** An object stream (PDF 1.5+) holding `objects` as its compressed members. */
function objectStream(objects: string[], firstNumber: number): Buffer {
  let offsets = '';
  let body = '';
  objects.forEach((obj, i) => {
    offsets += `${firstNumber + i} ${body.length} `;
    body += obj + '\n';
  });
  const data = deflateSync(Buffer.from(offsets + body));
  return streamObject(
    `/Type /ObjStm /N ${objects.length} /First ${offsets.length} /Filter /FlateDecode`,
    data,
  );
}

describe('checkPdf', () => {
  it('accepts a plain one-page document', () => {
    expect(checkPdf(buildPdf(pageObjects()))).toEqual({ version: '1.7' });
  });

  it('refuses a PDF that runs JavaScript on open', () => {
    const objects = [...pageObjects('/OpenAction 5 0 R'), '<< /S /JavaScript /JS (app.alert(1)) >>'];
    expect(refusal(buildPdf(objects))).toBe('PDF_ACTIVE_CONTENT');
  });

  it('refuses JavaScript whose name is disguised with #xx escapes', () => {
    const objects = [...pageObjects('/Names << /J#61vaScript 5 0 R >>'), '<< /Names [] >>'];
    expect(refusal(buildPdf(objects))).toBe('PDF_ACTIVE_CONTENT');
  });

  it('refuses JavaScript hidden inside a compressed object stream', () => {
    const hidden = objectStream(['<< /S /JavaScript /JS (this.exportDataObject()) >>'], 6);
    const objects = [...pageObjects('/OpenAction [3 0 R /Fit]'), hidden];
    expect(refusal(buildPdf(objects))).toBe('PDF_ACTIVE_CONTENT');
    // The same object stream with harmless content passes.
    const harmless = objectStream(['<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'], 6);
    expect(refusal(buildPdf([...pageObjects(), harmless]))).toBe('accepted');
  });

  it.each([
    ['Launch', '/AA << /O << /S /Launch /F (cmd.exe) >> >>'],
    ['EmbeddedFiles', '/Names << /EmbeddedFiles 5 0 R >>'],
    ['XFA', '/AcroForm << /XFA 5 0 R >>'],
    ['RichMedia', '/Extra << /Subtype /RichMedia >>'],
    ['an OpenAction dictionary', '/OpenAction << /S /URI /URI (http://x) >>'],
  ])('refuses %s', (_name, catalogExtra) => {
    expect(refusal(buildPdf([...pageObjects(catalogExtra), '<< >>']))).toBe('PDF_ACTIVE_CONTENT');
  });

  it('allows an OpenAction that only picks the first page shown (as LibreOffice writes)', () => {
    expect(refusal(buildPdf(pageObjects('/OpenAction [3 0 R /XYZ null null 0]')))).toBe('accepted');
  });

  it('does not mistake binary stream data for names', () => {
    const image = streamObject(
      '/Type /XObject /Subtype /Image /Filter /DCTDecode',
      Buffer.from('\xff\xd8/JS /AA\xff', 'latin1'),
    );
    expect(refusal(buildPdf([...pageObjects(), image]))).toBe('accepted');
  });

  it('refuses PDFs without an end-of-file marker (cut-off uploads) or header', () => {
    const pdf = buildPdf(pageObjects());
    expect(refusal(pdf.subarray(0, pdf.length - 30))).toBe('PDF_MALFORMED');
    expect(refusal(Buffer.concat([Buffer.from('junk'), pdf]))).toBe('PDF_MALFORMED');
  });

  it('refuses encrypted PDFs, whose contents cannot be inspected', () => {
    const pdf = buildPdf(
      [...pageObjects(), '<< /Filter /Standard /V 2 /R 3 /O <00> /U <00> /P -4 >>'],
      '/Encrypt 5 0 R',
    );
    expect(refusal(pdf)).toBe('PDF_ENCRYPTED');
  });

  it('refuses object streams it cannot inspect or that inflate like a zip bomb', () => {
    const lzw = streamObject('/Type /ObjStm /N 1 /First 4 /Filter /LZWDecode', Buffer.from('abc'));
    expect(refusal(buildPdf([...pageObjects(), lzw]))).toBe('PDF_MALFORMED');
    const bomb = streamObject(
      '/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode',
      deflateSync(Buffer.alloc(70e6)),
    );
    const bombPdf = buildPdf([...pageObjects(), bomb]);
    expect(bombPdf.length).toBeLessThan(100_000); // inflates to 70 MB, past the 64 MB budget
    expect(refusal(bombPdf)).toBe('PDF_MALFORMED');
  });
});
