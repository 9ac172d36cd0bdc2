// The EXIF Orientation tag (0x0112) from an EXIF payload: a TIFF structure (TIFF 6.0 §2: header, IFD0), with or
// without the "Exif\0\0" prefix that JPEG APP1 segments carry. Read as Pillow 9.4 reads it (Image.Exif.load and
// TiffImagePlugin.ImageFileDirectory_v2.load), so that the value agrees with what ImageOps.exif_transpose acts on:
// - the header is II*\0 or MM\0* (or the swapped II\0* / MM*\0, whose byte order Pillow takes from the first two
//   bytes); BigTIFF and anything else is no EXIF;
// - IFD0's entries are read in order; an entry of an unknown type is skipped; an entry whose out-of-line value
//   lies past the end, or a cut-off entry, ends the reading with the entries read so far kept;
// - the last Orientation entry wins; with several values the first counts; a numeric value (integer, rational or
//   float) equal to 1–8 is the orientation; BYTE, UNDEFINED and ASCII values are not numbers for Pillow.
// Only IFD0 is read (the tag lives there), so there is no IFD chain to loop on. Nothing here throws.

const ORIENTATION = 0x0112;
const EXIF_PREFIX = [0x45, 0x78, 0x69, 0x66, 0, 0]; // "Exif\0\0"

/** Bytes per value of each TIFF field type Pillow 9.4 loads (TIFF 6.0 §2 plus IFD and LONG8). */
const UNIT_SIZE: Readonly<Record<number, number>> = {
  1: 1, // BYTE
  2: 1, // ASCII
  3: 2, // SHORT
  4: 4, // LONG
  5: 8, // RATIONAL
  6: 1, // SBYTE
  7: 1, // UNDEFINED
  8: 2, // SSHORT
  9: 4, // SLONG
  10: 8, // SRATIONAL
  11: 4, // FLOAT
  12: 8, // DOUBLE
  13: 4, // IFD
  16: 8, // LONG8
};

function hasPrefix(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/** The first value of a numeric field as Pillow sees it, or undefined for the types that are not numbers to it. */
function firstValue(view: DataView, at: number, type: number, little: boolean): number | undefined {
  switch (type) {
    case 3:
      return view.getUint16(at, little);
    case 4:
    case 13:
      return view.getUint32(at, little);
    case 6:
      return view.getInt8(at);
    case 8:
      return view.getInt16(at, little);
    case 9:
      return view.getInt32(at, little);
    case 16:
      return Number(view.getBigUint64(at, little));
    case 5:
    case 10: {
      const num = type === 5 ? view.getUint32(at, little) : view.getInt32(at + 0, little);
      const den = type === 5 ? view.getUint32(at + 4, little) : view.getInt32(at + 4, little);
      return den === 0 ? undefined : num / den;
    }
    case 11:
      return view.getFloat32(at, little);
    case 12:
      return view.getFloat64(at, little);
    default:
      return undefined; // BYTE, UNDEFINED (bytes) and ASCII (text)
  }
}

/**
 * The EXIF Orientation (1–8) in `payload`, or undefined when there is none or the block is unreadable.
 * `payload` may start with "Exif\0\0" (as in JPEG APP1 and many WebP EXIF chunks) or directly with the TIFF header.
 * Never throws.
 */
export function readExifOrientation(payload: Uint8Array): number | undefined {
  return readOrientationEntry(payload).orientation;
}

/** What IFD0 says about orientation, in the terms Pillow's Image.getexif needs. */
export interface OrientationEntry {
  /** False where Pillow's Exif.load raises: a non-empty block without a (non-Big) TIFF header. */
  loadable: boolean;
  /** IFD0 holds an Orientation entry Pillow keeps (then it consults no XMP). */
  present: boolean;
  /** Its value, when that is 1–8. */
  orientation: number | undefined;
}

/** Reads IFD0's Orientation entry of `payload` (see {@link readExifOrientation}). Never throws. */
export function readOrientationEntry(payload: Uint8Array): OrientationEntry {
  const tiff = hasPrefix(payload, EXIF_PREFIX) ? payload.subarray(6) : payload;
  const none: OrientationEntry = { loadable: true, present: false, orientation: undefined };
  if (tiff.length === 0) return none;
  const broken: OrientationEntry = { loadable: false, present: false, orientation: undefined };
  if (tiff.length < 8) return broken;
  const b0 = tiff[0];
  const b1 = tiff[1];
  const b2 = tiff[2];
  const b3 = tiff[3];
  let little: boolean;
  if (b0 === 0x49 && b1 === 0x49 && ((b2 === 0x2a && b3 === 0) || (b2 === 0 && b3 === 0x2a))) little = true;
  else if (b0 === 0x4d && b1 === 0x4d && ((b2 === 0 && b3 === 0x2a) || (b2 === 0x2a && b3 === 0))) little = false;
  else return broken;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > tiff.length) return none;
  const count = view.getUint16(ifd, little);
  let orientation: number | undefined;
  let found = false;
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) break; // cut off: Pillow keeps what it read
    const tag = view.getUint16(entry, little);
    const type = view.getUint16(entry + 2, little);
    const unit = UNIT_SIZE[type];
    if (unit === undefined) continue; // unknown type: skipped
    const size = view.getUint32(entry + 4, little) * unit;
    let at = entry + 8;
    if (size > 4) {
      at = view.getUint32(entry + 8, little);
      if (at + size > tiff.length) break; // value past the end: Pillow stops reading here
    }
    if (size === 0 || tag !== ORIENTATION) continue;
    found = true;
    orientation = firstValue(view, at, type, little);
  }
  const valid = orientation !== undefined && Number.isInteger(orientation) && orientation >= 1 && orientation <= 8;
  return { loadable: true, present: found, orientation: valid ? orientation : undefined };
}
