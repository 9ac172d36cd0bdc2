// The BMP headers as the Windows SDK lays them out: each field with its name, byte offset and size, all
// little-endian. The encoder writes and the decoder reads headers by field name, so both read like the spec.
// Spec: BITMAPFILEHEADER https://learn.microsoft.com/en-us/windows/win32/api/wingdi/ns-wingdi-bitmapfileheader
// BITMAPINFOHEADER https://learn.microsoft.com/en-us/windows/win32/api/wingdi/ns-wingdi-bitmapinfoheader
// BITMAPV4HEADER https://learn.microsoft.com/en-us/windows/win32/api/wingdi/ns-wingdi-bitmapv4header
// BITMAPV5HEADER https://learn.microsoft.com/en-us/windows/win32/api/wingdi/ns-wingdi-bitmapv5header
// BITMAPCOREHEADER (OS/2 1.x) https://learn.microsoft.com/en-us/windows/win32/api/wingdi/ns-wingdi-bitmapcoreheader

/** One header field. `size` 36 is the CIEXYZTRIPLE of a V4/V5 header: 36 bytes the writer leaves zero. */
export interface HeaderField {
  readonly name: string;
  readonly offset: number;
  readonly size: 2 | 4 | 36;
  /** LONG fields (width, height, resolution) are signed; the rest are WORD/DWORD. */
  readonly signed?: true;
}

/** The 14-byte file header. */
export const BITMAPFILEHEADER = [
  { name: 'bfType', offset: 0, size: 2 },
  { name: 'bfSize', offset: 2, size: 4 },
  { name: 'bfReserved1', offset: 6, size: 2 },
  { name: 'bfReserved2', offset: 8, size: 2 },
  { name: 'bfOffBits', offset: 10, size: 4 },
] as const satisfies readonly HeaderField[];

/** The 12-byte OS/2 1.x info header: 16-bit sizes, no compression. */
export const BITMAPCOREHEADER = [
  { name: 'bcSize', offset: 0, size: 4 },
  { name: 'bcWidth', offset: 4, size: 2 },
  { name: 'bcHeight', offset: 6, size: 2 },
  { name: 'bcPlanes', offset: 8, size: 2 },
  { name: 'bcBitCount', offset: 10, size: 2 },
] as const satisfies readonly HeaderField[];

/**
 * The 40-byte info header (Windows 3, "V3"). OS/2 2.x headers (16 to 64 bytes) begin with the same fields; shorter
 * ones stop early, so a reader checks a field's end against the header's size before reading it.
 */
export const BITMAPINFOHEADER = [
  { name: 'biSize', offset: 0, size: 4 },
  { name: 'biWidth', offset: 4, size: 4, signed: true },
  { name: 'biHeight', offset: 8, size: 4, signed: true },
  { name: 'biPlanes', offset: 12, size: 2 },
  { name: 'biBitCount', offset: 14, size: 2 },
  { name: 'biCompression', offset: 16, size: 4 },
  { name: 'biSizeImage', offset: 20, size: 4 },
  { name: 'biXPelsPerMeter', offset: 24, size: 4, signed: true },
  { name: 'biYPelsPerMeter', offset: 28, size: 4, signed: true },
  { name: 'biClrUsed', offset: 32, size: 4 },
  { name: 'biClrImportant', offset: 36, size: 4 },
] as const satisfies readonly HeaderField[];

/** The 108-byte V4 header: the info header's fields under bV4 names, then masks, colour space and gamma. */
export const BITMAPV4HEADER = [
  { name: 'bV4Size', offset: 0, size: 4 },
  { name: 'bV4Width', offset: 4, size: 4, signed: true },
  { name: 'bV4Height', offset: 8, size: 4, signed: true },
  { name: 'bV4Planes', offset: 12, size: 2 },
  { name: 'bV4BitCount', offset: 14, size: 2 },
  { name: 'bV4V4Compression', offset: 16, size: 4 },
  { name: 'bV4SizeImage', offset: 20, size: 4 },
  { name: 'bV4XPelsPerMeter', offset: 24, size: 4, signed: true },
  { name: 'bV4YPelsPerMeter', offset: 28, size: 4, signed: true },
  { name: 'bV4ClrUsed', offset: 32, size: 4 },
  { name: 'bV4ClrImportant', offset: 36, size: 4 },
  { name: 'bV4RedMask', offset: 40, size: 4 },
  { name: 'bV4GreenMask', offset: 44, size: 4 },
  { name: 'bV4BlueMask', offset: 48, size: 4 },
  { name: 'bV4AlphaMask', offset: 52, size: 4 },
  { name: 'bV4CSType', offset: 56, size: 4 },
  { name: 'bV4Endpoints', offset: 60, size: 36 },
  { name: 'bV4GammaRed', offset: 96, size: 4 },
  { name: 'bV4GammaGreen', offset: 100, size: 4 },
  { name: 'bV4GammaBlue', offset: 104, size: 4 },
] as const satisfies readonly HeaderField[];

/** The 124-byte V5 header: V4's fields under bV5 names, then rendering intent and ICC profile. */
export const BITMAPV5HEADER = [
  { name: 'bV5Size', offset: 0, size: 4 },
  { name: 'bV5Width', offset: 4, size: 4, signed: true },
  { name: 'bV5Height', offset: 8, size: 4, signed: true },
  { name: 'bV5Planes', offset: 12, size: 2 },
  { name: 'bV5BitCount', offset: 14, size: 2 },
  { name: 'bV5Compression', offset: 16, size: 4 },
  { name: 'bV5SizeImage', offset: 20, size: 4 },
  { name: 'bV5XPelsPerMeter', offset: 24, size: 4, signed: true },
  { name: 'bV5YPelsPerMeter', offset: 28, size: 4, signed: true },
  { name: 'bV5ClrUsed', offset: 32, size: 4 },
  { name: 'bV5ClrImportant', offset: 36, size: 4 },
  { name: 'bV5RedMask', offset: 40, size: 4 },
  { name: 'bV5GreenMask', offset: 44, size: 4 },
  { name: 'bV5BlueMask', offset: 48, size: 4 },
  { name: 'bV5AlphaMask', offset: 52, size: 4 },
  { name: 'bV5CSType', offset: 56, size: 4 },
  { name: 'bV5Endpoints', offset: 60, size: 36 },
  { name: 'bV5GammaRed', offset: 96, size: 4 },
  { name: 'bV5GammaGreen', offset: 100, size: 4 },
  { name: 'bV5GammaBlue', offset: 104, size: 4 },
  { name: 'bV5Intent', offset: 108, size: 4 },
  { name: 'bV5ProfileData', offset: 112, size: 4 },
  { name: 'bV5ProfileSize', offset: 116, size: 4 },
  { name: 'bV5Reserved', offset: 120, size: 4 },
] as const satisfies readonly HeaderField[];

/** Bytes in a header: the end of its last field. */
export const headerSize = (layout: readonly HeaderField[]): number => {
  const last = layout[layout.length - 1]!;
  return last.offset + last.size;
};

/** The names of the number fields of `Layout` (every field but the CIEXYZTRIPLE blocks). */
export type FieldName<Layout extends readonly HeaderField[]> = keyof HeaderValues<Layout> & string;

function fieldOf(layout: readonly HeaderField[], name: string): HeaderField {
  return layout.find((field) => field.name === name)!;
}

/** Where field `name` starts, from the start of its header. */
export const offsetOf = <Layout extends readonly HeaderField[]>(layout: Layout, name: FieldName<Layout>): number =>
  fieldOf(layout, name).offset;

/** Where field `name` ends: a header needs at least this many bytes to hold it. */
export const endOf = <Layout extends readonly HeaderField[]>(layout: Layout, name: FieldName<Layout>): number =>
  fieldOf(layout, name).offset + fieldOf(layout, name).size;

/**
 * Reads field `name` of the header at `at`, little-endian, signed for LONG fields. The caller has checked that the
 * bytes are there.
 * @example readField(bytes, 14, BITMAPINFOHEADER, 'biBitCount') // 24
 */
export function readField<Layout extends readonly HeaderField[]>(bytes: Uint8Array, at: number, layout: Layout, name: FieldName<Layout>): number {
  const { offset, size, signed } = fieldOf(layout, name);
  const o = at + offset;
  if (size === 2) return bytes[o]! | (bytes[o + 1]! << 8);
  const value = bytes[o]! | (bytes[o + 1]! << 8) | (bytes[o + 2]! << 16) | (bytes[o + 3]! << 24);
  return signed ? value : value >>> 0;
}

/** A value for every field of `Layout` except the CIEXYZTRIPLE blocks, which stay zero. */
export type HeaderValues<Layout extends readonly HeaderField[]> = {
  readonly [F in Layout[number] as F['size'] extends 36 ? never : F['name']]: number;
};

/**
 * Writes the header described by `layout` at `at` in `out`, every field from `values` by name, little-endian.
 * Block fields (CIEXYZTRIPLE) are not written: `out` is expected to be zeroed, as a fresh array is.
 * @example writeHeader(view, 0, BITMAPFILEHEADER, { bfType: 0x4d42, bfSize: 58, bfReserved1: 0, bfReserved2: 0, bfOffBits: 54 })
 */
export function writeHeader<Layout extends readonly HeaderField[]>(
  view: DataView,
  at: number,
  layout: Layout,
  values: HeaderValues<Layout>,
): void {
  const byName = values as Readonly<Record<string, number>>;
  for (const field of layout) {
    if (field.size === 36) continue;
    const value = byName[field.name]!;
    const offset = at + field.offset;
    if (field.size === 2) view.setUint16(offset, value, true);
    else if (field.signed) view.setInt32(offset, value, true);
    else view.setUint32(offset, value, true);
  }
}
