// What every reader must guarantee on any input, checked independently of the code under test: only a
// PixtextError with a known code escapes; a returned image is exactly as large as its header says and never larger
// than maxPixels allows; a returned payload is the one its checksum describes.
import { crc32 } from 'node:zlib';
import { ErrorCode, PixtextError } from '../../src/errors.js';
import { rawLength } from './form-mutators.js';

const CODES = new Set<string>(Object.values(ErrorCode));
const MODES = new Set(['1', 'L', 'LA', 'P', 'RGB', 'RGBA', 'BGR', 'BGRA', 'L16', 'LA16', 'RGB16', 'RGBA16']);

/** How a thrown value is classified: an expected rejection (its code), or an escape (what it was). */
export type Outcome = { rejected: string } | { escaped: string };

/** Classifies a thrown value. Anything but a PixtextError with a documented code and a message is an escape. */
export function classifyThrown(error: unknown): Outcome {
  if (error instanceof PixtextError && CODES.has(error.code) && typeof error.message === 'string' && error.message.length > 0) {
    return { rejected: error.code };
  }
  if (error instanceof PixtextError) return { escaped: `PixtextError with code ${String(error.code)}: ${error.message}` };
  if (error instanceof Error) return { escaped: `${error.name}: ${error.message}\n${(error.stack ?? '').split('\n').slice(1, 6).join('\n')}` };
  return { escaped: `a thrown ${typeof error}: ${String(error)}` };
}

/** Problems with a returned RawImage, or undefined when it is sound. */
export function checkImage(value: unknown, maxPixels: number, modes?: readonly string[]): string | undefined {
  if (typeof value !== 'object' || value === null) return `returned ${String(value)} instead of an image`;
  const { width, height, mode, data, palette } = value as Record<string, unknown>;
  if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || (width as number) < 0 || (height as number) < 0) {
    return `bad dimensions ${String(width)}×${String(height)}`;
  }
  const w = width as number;
  const h = height as number;
  if (w * h > maxPixels) return `${w}×${h} is over maxPixels ${maxPixels}`;
  if (typeof mode !== 'string' || !MODES.has(mode)) return `unknown mode ${String(mode)}`;
  if (modes !== undefined && !modes.includes(mode)) return `mode ${mode} is not one of ${modes.join(', ')}`;
  if (!(data instanceof Uint8Array)) return 'data is not a Uint8Array';
  const expected = rawLength(mode, w, h);
  if (data.length !== expected) return `data holds ${data.length} bytes, a ${w}×${h} ${mode} image needs ${expected}`;
  if (palette !== undefined) {
    if (mode !== 'P') return `a ${mode} image has a palette`;
    if (!(palette instanceof Uint8Array) || palette.length % 4 !== 0 || palette.length > 1024) return 'palette is not 0–256 RGBA entries';
  }
  return undefined;
}

/** Problems with a read envelope ({ header, payload }), or undefined. */
export function checkEnvelope(value: unknown, maxPixels: number): string | undefined {
  const { header, payload } = value as { header: Record<string, unknown>; payload: unknown };
  if (!(payload instanceof Uint8Array)) return 'payload is not a Uint8Array';
  const { width, height, mode, encoding, byteLength, crc32: crc } = header;
  if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height)) return `bad dimensions ${String(width)}×${String(height)}`;
  if ((width as number) * (height as number) > maxPixels) return `${String(width)}×${String(height)} is over maxPixels ${maxPixels}`;
  if (payload.length !== byteLength) return `payload holds ${payload.length} bytes, byteLength says ${String(byteLength)}`;
  const actual = (crc32(payload) >>> 0).toString(16).padStart(8, '0');
  if (actual !== crc) return `payload CRC-32 is ${actual}, the header says ${String(crc)}`;
  if (encoding === 'raw' && payload.length !== rawLength(String(mode), width as number, height as number)) {
    return `raw payload of ${payload.length} bytes for a ${String(width)}×${String(height)} ${String(mode)} image`;
  }
  return undefined;
}

/** Problems with a parsed data URL, or undefined. */
export function checkDataUrl(value: unknown, text: string): string | undefined {
  const { mimeType, bytes } = value as { mimeType: unknown; bytes: unknown };
  if (typeof mimeType !== 'string' || mimeType !== mimeType.toLowerCase()) return `bad MIME type ${String(mimeType)}`;
  if (!(bytes instanceof Uint8Array)) return 'bytes is not a Uint8Array';
  // Percent-decoding and base64 only ever shrink the text (UTF-8 aside: 3 bytes per UTF-16 unit at most).
  if (bytes.length > 3 * text.length) return `${bytes.length} bytes from ${text.length} characters`;
  return undefined;
}
