import { deflateSync } from 'node:zlib';
import sharp from 'sharp';

/** Test fixtures built in code (no committed binaries except one 1 kB HEIC, below). */

/** A JPEG carrying everything we must strip: GPS, camera make/model/serial, owner, capture date. */
export async function jpegWithPrivateExif(width = 640, height = 480): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#7a5230' } })
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'Canon', Model: 'EOS 5D', Artist: 'Olena Kovalenko', Copyright: 'Olena' },
      IFD2: {
        DateTimeOriginal: '2022:03:01 10:20:30',
        OffsetTimeOriginal: '+02:00',
        BodySerialNumber: 'SN-0042',
      },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '50/1 27/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '30/1 31/1 0/1',
      },
    })
    .toBuffer();
}

/** A JPEG of the given size; with `noisy` it compresses like a real photo (but takes longer to make). */
export async function photoJpeg(width: number, height: number, noisy = true): Promise<Buffer> {
  const noise = noisy ? { type: 'gaussian' as const, mean: 128, sigma: 40 } : undefined;
  return sharp({ create: { width, height, channels: 3, background: '#406080', noise } })
    .jpeg({ quality: 88 })
    .toBuffer();
}

/** Only a PNG signature and an IHDR chunk claiming the given size: a decompression bomb's header. */
export function pngHeaderOnly(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write('IHDR', 4, 'latin1');
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  ihdr.set([8, 0, 0, 0, 0], 16); // 8-bit greyscale
  const idat = deflateSync(Buffer.alloc(64 * 1024)); // the start of an enormous run of zeros
  const idatChunk = Buffer.concat([Buffer.from([0, 0, 0, 0]), Buffer.from('IDAT'), idat, Buffer.alloc(4)]);
  idatChunk.writeUInt32BE(idat.length, 0);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ihdr, idatChunk]);
}

/** A syntactically plausible PDF made of the given object bodies (1-based), with a correct xref table. */
export function buildPdf(objects: (string | Buffer)[], trailerExtra = ''): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  objects.forEach((body, i) => {
    offsets.push(length);
    const obj = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`),
      Buffer.from(body),
      Buffer.from('\nendobj\n'),
    ]);
    parts.push(obj);
    length += obj.length;
  });
  const xref = ['xref', `0 ${objects.length + 1}`, '0000000000 65535 f ']
    .concat(offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `))
    .join('\n');
  const trailer = `\n${xref}\ntrailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${length + 1}\n%%EOF\n`;
  return Buffer.concat([...parts, Buffer.from(trailer)]);
}

/** The objects of a one-page PDF; index 0 is the catalog, so extra catalog entries go in `catalogExtra`. */
export function pageObjects(catalogExtra = ''): string[] {
  const content = 'BT /F1 12 Tf 72 720 Td (Birth certificate) Tj ET';
  return [
    `<< /Type /Catalog /Pages 2 0 R ${catalogExtra}>>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
}

/** A stream object (dictionary plus raw data) as one object body. */
export function streamObject(dict: string, data: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`),
    data,
    Buffer.from('\nendstream'),
  ]);
}

/**
 * A 64×48 HEIC (HEVC) photo with EXIF (GPS, make, DateTimeOriginal 2023-07-14 09:08:07 +03:00), made
 * once with libheif's heif-enc from a sharp-generated JPEG: sharp's prebuilt libvips cannot encode HEVC.
 */
export const HEIC_WITH_EXIF = Buffer.from(
  'AAAAHGZ0eXBoZWljAAAAAG1pZjFoZWljbWlhZgAAAeFtZXRhAAAAAAAAACFoZGxyAAAAAAAAAABwaWN0AAAAAAAAAAAAAAAAAAAA' +
    'AA5waXRtAAAAAAACAAAAEGlkYXQAAAAAAEAAMAAAAExpbG9jAQAAAERAAAMAAQAAAAAAAAIFAAEAAAAAAAAAVwACAAEAAAAAAAAA' +
    'AQAAAAAAAAAIAAMAAAAAAAACXAABAAAAAAAAAYQAAABNaWluZgAAAAAAAwAAABVpbmZlAgAAAQABAABodmMxAAAAABVpbmZlAgAA' +
    'AAACAABncmlkAAAAABVpbmZlAgAAAQADAABFeGlmAAAAANVpcHJwAAAAs2lwY28AAABzaHZjQwEDcAAAAAAAAAAAAB7wAPz9+PgA' +
    'AA8DIAABABhAAQwB//8DcAAAAwCQAAADAAADAB66AkAhAAEAJ0IBAQNwAAADAJAAAAMAAAMAHqAggQWW6uSmubAgAAADACAAAAMA' +
    'ISIAAQAGRAHBc8CJAAAAFGlzcGUAAAAAAAAAQAAAAEAAAAAUaXNwZQAAAAAAAABAAAAAMAAAABBwaXhpAAAAAAMICAgAAAAaaXBt' +
    'YQAAAAAAAAACAAECgQIAAgIDhAAAAChpcmVmAAAAAAAAAA5kaW1nAAIAAQABAAAADmNkc2MAAwABAAIAAAHjbWRhdAAAAFMoAa8Z' +
    'gN7vSWcC/9Sm/mxpbVs/5OBgSpeK/9vpIxMLFbkIvP67FtZwoPIoGmANFW2zXU4t5c29cmWq8YpnZuxlE2rleIpUbj/907g2j92l' +
    'wAe6YAAAAABJSSoACAAAAAkADwECAAYAAACSAAAAEAECAAcAAACKAAAAEgEDAAEAAAABAAAAGgEFAAEAAAB6AAAAGwEFAAEAAACC' +
    'AAAAKAEDAAEAAAACAAAAEwIDAAEAAAABAAAAaYcEAAEAAACYAAAAJYgEAAEAAAAaAQAAAAAAADhjAADoAwAAOGMAAOgDAABpUGhv' +
    'bmUAAEFwcGxlAAgAAJAHAAQAAAAwMjEwA5ACABQAAAAGAQAAEZACAAcAAAD+AAAAAZEHAAQAAAABAgMAAKAHAAQAAAAwMTAwAaAD' +
    'AAEAAAD//wAAAqAEAAEAAABAAAAAA6AEAAEAAAAwAAAAAAAAACswMzowMAAAMjAyMzowNzoxNCAwOTowODowNwAEAAEAAgACAAAA' +
    'TgAAAAIABQADAAAAaAEAAAMAAgACAAAARQAAAAQABQADAAAAUAEAAAAAAAAeAAAAAQAAAB8AAAABAAAAAAAAAAEAAAAyAAAAAQAA' +
    'ABsAAAABAAAAAAAAAAEAAAA=',
  'base64',
);
