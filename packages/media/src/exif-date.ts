const EXIF_IFD_POINTER = 0x8769;
const DATE_TIME_ORIGINAL = 0x9003;
const DATE_TIME_DIGITIZED = 0x9004;
const OFFSET_TIME_ORIGINAL = 0x9011;
const ASCII = 2;

/**
 * The moment a photo was taken, read from the raw EXIF block (as libvips returns it, with or without the
 * `Exif\0\0` prefix). Only DateTimeOriginal (falling back to DateTimeDigitized) and its UTC offset are
 * read: this deliberately is not a general EXIF reader, so nothing else personal (GPS, serial numbers,
 * owner names) can leak out of it.
 *
 * Returns an ISO 8601 string: `2022-03-01T10:20:30+02:00` when the camera recorded its offset, otherwise
 * the local wall-clock time without a zone (`2022-03-01T10:20:30`), which is what the camera knew.
 * Returns undefined when there is no date or it is malformed; never throws.
 */
export function readCaptureDate(exif: Uint8Array | undefined): string | undefined {
  if (!exif) return undefined;
  try {
    let buf = Buffer.from(exif.buffer, exif.byteOffset, exif.byteLength);
    if (buf.toString('latin1', 0, 6) === 'Exif\0\0') buf = buf.subarray(6);
    const tiff = new TiffReader(buf);
    const ifd0 = tiff.readIfd(tiff.firstIfdOffset());
    const exifIfdOffset = ifd0.get(EXIF_IFD_POINTER)?.valueOffset;
    if (exifIfdOffset === undefined) return undefined;
    const exifIfd = tiff.readIfd(exifIfdOffset);
    const when = tiff.ascii(exifIfd.get(DATE_TIME_ORIGINAL)) ?? tiff.ascii(exifIfd.get(DATE_TIME_DIGITIZED));
    return when ? formatDate(when, tiff.ascii(exifIfd.get(OFFSET_TIME_ORIGINAL))) : undefined;
  } catch {
    return undefined;
  }
}

function formatDate(exifDate: string, offset: string | undefined): string | undefined {
  const m = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})/.exec(exifDate);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  const local = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`;
  return offset && /^[+-]\d{2}:\d{2}$/.test(offset) ? local + offset : local;
}

interface Entry {
  type: number;
  count: number;
  valueOffset: number;
  entryAt: number;
}

class TiffReader {
  private readonly little: boolean;

  constructor(private readonly buf: Buffer) {
    const order = buf.toString('latin1', 0, 2);
    if (order !== 'II' && order !== 'MM') throw new Error('not TIFF');
    this.little = order === 'II';
  }

  private u16(at: number): number {
    return this.little ? this.buf.readUInt16LE(at) : this.buf.readUInt16BE(at);
  }

  private u32(at: number): number {
    return this.little ? this.buf.readUInt32LE(at) : this.buf.readUInt32BE(at);
  }

  firstIfdOffset(): number {
    return this.u32(4);
  }

  readIfd(offset: number): Map<number, Entry> {
    const entries = new Map<number, Entry>();
    const count = this.u16(offset);
    for (let i = 0; i < count && i < 512; i++) {
      const at = offset + 2 + i * 12;
      entries.set(this.u16(at), {
        type: this.u16(at + 2),
        count: this.u32(at + 4),
        valueOffset: this.u32(at + 8),
        entryAt: at,
      });
    }
    return entries;
  }

  ascii(entry: Entry | undefined): string | undefined {
    if (!entry || entry.type !== ASCII || entry.count > 64) return undefined;
    const start = entry.count <= 4 ? entry.entryAt + 8 : entry.valueOffset;
    if (start + entry.count > this.buf.length) return undefined;
    return this.buf.toString('latin1', start, start + entry.count).replace(/\0+$/, '');
  }
}
