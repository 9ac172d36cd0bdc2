// The BMP header tables against the Windows SDK layouts: contiguous fields, the documented sizes, and a writer that
// puts each named field at its offset.
import { describe, expect, it } from 'vitest';
import {
  BITMAPCOREHEADER,
  BITMAPFILEHEADER,
  BITMAPINFOHEADER,
  BITMAPV4HEADER,
  BITMAPV5HEADER,
  endOf,
  headerSize,
  offsetOf,
  readField,
  writeHeader,
} from '../../src/formats/bmp/header-layout.js';
import type { HeaderField } from '../../src/formats/bmp/header-layout.js';
import { FILE_HEADER_SIZE, INFO_HEADER_SIZES } from '../../src/formats/bmp/header.js';

const layouts: [string, readonly HeaderField[], number][] = [
  ['BITMAPFILEHEADER', BITMAPFILEHEADER, 14],
  ['BITMAPCOREHEADER', BITMAPCOREHEADER, 12],
  ['BITMAPINFOHEADER', BITMAPINFOHEADER, 40],
  ['BITMAPV4HEADER', BITMAPV4HEADER, 108],
  ['BITMAPV5HEADER', BITMAPV5HEADER, 124],
];

describe('BMP header layouts', () => {
  it.each(layouts)('%s: fields follow each other with no gap, %i bytes in all', (_, layout, size) => {
    let next = 0;
    for (const field of layout) {
      expect({ field: field.name, offset: field.offset }).toEqual({ field: field.name, offset: next });
      next += field.size;
    }
    expect(headerSize(layout)).toBe(size);
  });

  it('V4 and V5 begin with the info header fields, and V5 with all of V4', () => {
    const shape = (layout: readonly HeaderField[]) => layout.map(({ offset, size }) => [offset, size]);
    expect(shape(BITMAPV4HEADER).slice(0, BITMAPINFOHEADER.length)).toEqual(shape(BITMAPINFOHEADER));
    expect(shape(BITMAPV5HEADER).slice(0, BITMAPV4HEADER.length)).toEqual(shape(BITMAPV4HEADER));
  });

  it('agrees with the sizes the reader accepts', () => {
    expect(FILE_HEADER_SIZE).toBe(14);
    for (const [, layout] of layouts.slice(1)) expect(INFO_HEADER_SIZES).toContain(headerSize(layout));
    expect([offsetOf(BITMAPINFOHEADER, 'biCompression'), endOf(BITMAPINFOHEADER, 'biCompression')]).toEqual([16, 20]);
    expect(endOf(BITMAPV4HEADER, 'bV4AlphaMask')).toBe(56);
  });

  it('writes each field little-endian at its offset, signed where the spec says LONG', () => {
    const out = new Uint8Array(2 + 40);
    writeHeader(new DataView(out.buffer), 2, BITMAPINFOHEADER, {
      biSize: 40,
      biWidth: 0x01020304,
      biHeight: -2,
      biPlanes: 1,
      biBitCount: 24,
      biCompression: 3,
      biSizeImage: 0xfffffffe,
      biXPelsPerMeter: 2835,
      biYPelsPerMeter: 2835,
      biClrUsed: 256,
      biClrImportant: 7,
    });
    expect(Array.from(out)).toEqual([
      0, 0,
      40, 0, 0, 0, 4, 3, 2, 1, 0xfe, 0xff, 0xff, 0xff, 1, 0, 24, 0, 3, 0, 0, 0, 0xfe, 0xff, 0xff, 0xff,
      0x13, 0x0b, 0, 0, 0x13, 0x0b, 0, 0, 0, 1, 0, 0, 7, 0, 0, 0,
    ]);
  });

  it('reads back what it writes, by name: signed LONGs, unsigned DWORDs and WORDs', () => {
    const bytes = new Uint8Array(40);
    const values = {
      biSize: 40, biWidth: 7, biHeight: -5, biPlanes: 1, biBitCount: 32, biCompression: 6, biSizeImage: 0xffffffff,
      biXPelsPerMeter: -1, biYPelsPerMeter: 2835, biClrUsed: 0x80000000, biClrImportant: 0,
    };
    writeHeader(new DataView(bytes.buffer), 0, BITMAPINFOHEADER, values);
    for (const [name, value] of Object.entries(values)) expect([name, readField(bytes, 0, BITMAPINFOHEADER, name as keyof typeof values)]).toEqual([name, value]);
    const core = Uint8Array.of(12, 0, 0, 0, 0xff, 0xff, 2, 0, 1, 0, 24, 0);
    expect([readField(core, 0, BITMAPCOREHEADER, 'bcWidth'), readField(core, 0, BITMAPCOREHEADER, 'bcHeight')]).toEqual([65535, 2]);
  });
});
