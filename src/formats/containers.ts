// Containers pixtext recognises but does not read: named in ERR_UNKNOWN_FORMAT so that a caller learns what the file
// is ("a TIFF file") instead of being shown its first bytes. Magic numbers from the formats' own documents:
// TIFF 6.0 §2 (II*\0, MM\0*), ISO/IEC 14496-12 (the ftyp box: size, "ftyp", major brand, minor version, compatible
// brands), ISO/IEC 18181-2 (JPEG XL codestream FF 0A and container box "JXL "), the ICO/CUR directory
// (reserved 0, type 1 or 2, count), Adobe's Photoshop File Formats Specification (8BPS).

const ascii = (bytes: Uint8Array, at: number, text: string): boolean => {
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
};

/** The brands of an ISO BMFF file's leading ftyp box (major and compatible), or undefined for another file. */
function ftypBrands(bytes: Uint8Array): string[] | undefined {
  if (bytes.length < 12 || !ascii(bytes, 4, 'ftyp')) return undefined;
  const size = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  const end = Math.min(bytes.length, size >= 16 ? size : 12);
  const brands: string[] = [];
  for (let at = 8; at + 4 <= end; at += at === 8 ? 8 : 4) {
    brands.push(String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!));
  }
  return brands;
}

const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);

/**
 * The name of a recognised container pixtext has no codec for (`'TIFF'`, `'HEIC'`, `'AVIF'`, `'JPEG XL'`, `'ICO'`,
 * `'CUR'`, `'PSD'`), or undefined. Never throws.
 * @example
 * ```ts
 * containerName(new Uint8Array([0x49, 0x49, 0x2a, 0x00])); // 'TIFF'
 * ```
 */
export function containerName(bytes: Uint8Array): string | undefined {
  if (ascii(bytes, 0, 'II*\0') || ascii(bytes, 0, 'MM\0*')) return 'TIFF';
  if (ascii(bytes, 0, '8BPS')) return 'PSD';
  if (bytes[0] === 0xff && bytes[1] === 0x0a) return 'JPEG XL';
  if (ascii(bytes, 0, '\0\0\0\x0cJXL \r\n\x87\n')) return 'JPEG XL';
  const brands = ftypBrands(bytes);
  if (brands !== undefined) {
    if (brands.some((b) => b === 'avif' || b === 'avis')) return 'AVIF';
    if (brands.some((b) => HEIF_BRANDS.has(b))) return 'HEIC';
    return undefined;
  }
  // ICO/CUR: reserved 0, type 1 (icon) or 2 (cursor), at least one image, the first entry's reserved byte 0.
  if (bytes.length >= 22 && bytes[0] === 0 && bytes[1] === 0 && (bytes[2] === 1 || bytes[2] === 2) && bytes[3] === 0) {
    if ((bytes[4]! | bytes[5]!) !== 0 && bytes[9] === 0) return bytes[2] === 1 ? 'ICO' : 'CUR';
  }
  return undefined;
}
