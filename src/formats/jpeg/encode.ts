// Baseline JPEG (JFIF) encoder writing the bytes libjpeg-turbo writes when Pillow saves with `quality`,
// `subsampling` and `optimize` (Pillow JpegEncode.c: jpeg_set_defaults, jpeg_set_quality(q, TRUE), the sampling
// factors, optimize_coding). Pipeline as libjpeg-turbo's jcprepct.c → jcsample.c → jccoefct.c → jcdctmgr.c →
// jchuff.c: colour conversion and edge expansion, chroma downsampling, islow DCT, quantization, Huffman coding.
// Spec: ITU-T T.81 (https://www.w3.org/Graphics/JPEG/itu-t81.pdf); JFIF 1.02.
import { PixtextError, invalidArgument } from '../../errors.js';
import { hasAlpha, isGrey } from '../../pixel-modes/mode-table.js';
import { validateRawImage } from '../../raw-image.js';
import type { PixelMode, RawImage } from '../../raw-image.js';
import { DEFAULT_QUALITY, JPEG_SUBSAMPLINGS } from '../codec.js';
import type { CodecEncodeOptions, JpegSubsampling } from '../codec.js';
import type { SourcePixels } from './color-downsample.js';
import { blockCount, produceBlocks } from './encode-blocks.js';
import { deriveTable, EntropyWriter } from './huffman-encode.js';
import type { DerivedTable } from './huffman-encode.js';
import { countBlock, newFrequencies, optimalTable } from './huffman-optimize.js';
import { encodeScans, GREY_SCRIPT, YCC_SCRIPT } from './progressive-encode.js';
import type { ComponentBlocks } from './progressive-encode.js';
import { qualityTables } from './quant-tables.js';
import { STD_AC_CHROMINANCE, STD_AC_LUMINANCE, STD_DC_CHROMINANCE, STD_DC_LUMINANCE } from './standard-tables.js';
import type { HuffmanSpec } from './standard-tables.js';
import type { FrameComponent } from './write-markers.js';
import { MARKER, MarkerWriter, MAX_HEADER_LENGTH, writeDht, writeDqt, writeSof, writeSos, writeStart } from './write-markers.js';

/** Modes the encoder takes as they are: `L` is written as one grey component, `RGB` and `BGR` as YCbCr. */
export const JPEG_ENCODABLE_MODES = ['L', 'RGB', 'BGR'] as const satisfies readonly PixelMode[];


/** JPEG's own limit: 16-bit dimensions in the frame header. */
const MAX_DIMENSION = 65535;

/** Luma sampling factors [h, v] per subsampling; chroma is always 1×1 (Pillow JpegEncode.c). */
const LUMA_SAMPLING: Readonly<Record<JpegSubsampling, readonly [number, number]>> = {
  '4:4:4': [1, 1],
  '4:2:2': [2, 1],
  '4:2:0': [2, 2],
};

/** Huffman tables of one file: slot 0 for luma (or grey), slot 1 for chroma. */
interface HuffmanSet {
  readonly dc: readonly HuffmanSpec[];
  readonly ac: readonly HuffmanSpec[];
}

const STANDARD_TABLES: HuffmanSet = { dc: [STD_DC_LUMINANCE, STD_DC_CHROMINANCE], ac: [STD_AC_LUMINANCE, STD_AC_CHROMINANCE] };

// The standard tables' codes, derived once (T.81 K.3 as jpeg_set_defaults installs them).
let standardCodes: { dc: DerivedTable[]; ac: DerivedTable[] } | undefined;

/** Bytes reserved before each block: 64 codes of at most 16 + 11 bits, every byte possibly stuffed. */
const BLOCK_ROOM = 512;

/** The output scratch buffer: its size at first (far more than the header needs), and the most kept between calls. */
const INITIAL_SCRATCH = Math.max(1 << 16, 2 * MAX_HEADER_LENGTH);
const MAX_SCRATCH = 1 << 23;
let scratch: Uint8Array = new Uint8Array(0);

/**
 * Most blocks `optimize` and `progressive` keep (Int16, 128 bytes a block, so at most 1 GiB): checked before
 * allocating. About 350 megapixels of RGB at 4:2:0, 175 at 4:4:4.
 */
const MAX_KEPT_BLOCKS = 2 ** 23;

interface CheckedOptions {
  quality: number;
  subsampling: JpegSubsampling | undefined;
  optimize: boolean;
  progressive: boolean;
}

function checkOptions(image: RawImage, options: Partial<CodecEncodeOptions>): CheckedOptions {
  const { width, height, mode } = image;
  const { quality = DEFAULT_QUALITY, subsampling, optimize = false, progressive = false } = options;
  if (typeof optimize !== 'boolean') throw invalidArgument('true or false', 'optimize', optimize);
  if (typeof progressive !== 'boolean') throw invalidArgument('true or false', 'progressive', progressive);
  if (!Number.isInteger(quality) || quality < 1 || quality > 100) throw invalidArgument('an integer from 1 to 100', 'quality', quality);
  if (subsampling !== undefined && !(JPEG_SUBSAMPLINGS as readonly unknown[]).includes(subsampling)) {
    throw invalidArgument(`one of ${JPEG_SUBSAMPLINGS.map((s) => `'${s}'`).join(', ')}`, 'subsampling', subsampling);
  }
  if (!(JPEG_ENCODABLE_MODES as readonly PixelMode[]).includes(mode)) {
    // Grey modes become L, the others RGB; alpha is dropped unless flattened.
    const target = mode === '1' || isGrey(mode) ? 'L' : 'RGB';
    const alpha = hasAlpha(mode) ? ' (drops alpha; pass { background } to flatten it)' : '';
    throw new PixtextError('ERR_UNSUPPORTED', `JPEG cannot hold mode ${mode}: convert(image, '${target}') first${alpha}`);
  }
  if (width === 0 || height === 0) throw new PixtextError('ERR_UNSUPPORTED', `JPEG cannot hold ${width}×${height} (empty)`);
  if (width > MAX_DIMENSION || height > MAX_DIMENSION) {
    throw new PixtextError('ERR_TOO_LARGE', `JPEG cannot hold ${width}×${height} (sides over ${MAX_DIMENSION})`);
  }
  return { quality, subsampling, optimize, progressive };
}

/**
 * Encodes `L` (one component), `RGB` or `BGR` (YCbCr) as a baseline JFIF file, byte for byte what Pillow 9.4 /
 * libjpeg-turbo write for `im.save(f, 'JPEG', quality=q, subsampling=s, optimize=o)`. `quality` 1–100 defaults to
 * 90. `subsampling` left out is libjpeg's default: 4:2:0 for colour, 1×1 for grey; given for a grey image it only
 * sets the grey component's sampling factors in SOF0, as Pillow does. `optimize` (default false) replaces the
 * standard Huffman tables by ones computed for the image: smaller files, two passes, about 2 bytes of memory a
 * sample for the kept blocks.
 * @throws PixtextError `ERR_UNSUPPORTED` for other modes (naming the conversion) and empty images,
 *   `ERR_TOO_LARGE` beyond 65535 pixels a side (or too many blocks to keep for `optimize`),
 *   `ERR_INVALID_ARGUMENT` for a bad quality, subsampling or optimize.
 * @example
 * ```ts
 * const jpeg = encodeJpeg({ width: 1, height: 1, mode: 'RGB', data: new Uint8Array([255, 0, 0]) }, { quality: 90 });
 * ```
 */
export function encodeJpeg(image: RawImage, options: Partial<CodecEncodeOptions> = {}): Uint8Array {
  const { width, height, mode, data } = validateRawImage(image);
  const { quality, subsampling, optimize, progressive } = checkOptions(image, options);
  const grey = mode === 'L';
  const [h, v] = LUMA_SAMPLING[subsampling ?? (grey ? '4:4:4' : '4:2:0')];
  const tables = qualityTables(quality);
  const src: SourcePixels = { data, width, height, channels: grey ? 1 : 3, red: mode === 'BGR' ? 2 : 0, blue: mode === 'BGR' ? 0 : 2 };
  const luma: FrameComponent = { id: 1, h, v, tq: 0, td: 0, ta: 0 };
  const frame: FrameComponent[] = grey ? [luma] : [luma, { id: 2, h: 1, v: 1, tq: 1, td: 1, ta: 1 }, { id: 3, h: 1, v: 1, tq: 1, td: 1, ta: 1 }];
  const slots = grey ? 1 : 2;
  if (progressive) return encodeProgressive(src, grey, h, v, frame, tables);

  // Optimal tables need every block first: count their symbols and keep them (jcmaster.c runs a gather pass).
  let kept: { blocks: Int16Array; components: Uint8Array } | undefined;
  let huffman = STANDARD_TABLES;
  if (optimize) {
    const count = blockCount(width, height, grey, h, v);
    if (count > MAX_KEPT_BLOCKS) {
      throw new PixtextError('ERR_TOO_LARGE', `JPEG optimize keeps every block: ${width}×${height} has too many (${count}); encode without optimize`);
    }
    const blocks = new Int16Array(count * 64);
    const components = new Uint8Array(count);
    const dcFreq = [newFrequencies(), newFrequencies()];
    const acFreq = [newFrequencies(), newFrequencies()];
    let n = 0;
    produceBlocks(src, h, v, tables.luminance, tables.chrominance, (component, zz, lastDc) => {
      const slot = component === 0 ? 0 : 1;
      countBlock(zz, lastDc, dcFreq[slot]!, acFreq[slot]!);
      blocks.set(zz, n * 64);
      components[n++] = component;
    });
    kept = { blocks, components };
    huffman = { dc: dcFreq.slice(0, slots).map(optimalTable), ac: acFreq.slice(0, slots).map(optimalTable) };
  }

  // Written into a scratch buffer kept between calls (grown by the writer when needed), then copied out at its
  // exact size: no zero-filled allocation per call.
  if (scratch.length < INITIAL_SCRATCH) scratch = new Uint8Array(INITIAL_SCRATCH);
  const out = new EntropyWriter(scratch, 0);
  const marks = new MarkerWriter(out.bytes);
  writeStart(marks);
  writeDqt(marks, 0, tables.luminance.natural);
  if (!grey) writeDqt(marks, 1, tables.chrominance.natural);
  writeSof(marks, MARKER.SOF0, width, height, frame);
  // jcmarker.c write_scan_header: each component's DC then AC table, each table once.
  for (let slot = 0; slot < slots; slot++) {
    writeDht(marks, 0, slot, huffman.dc[slot]!);
    writeDht(marks, 1, slot, huffman.ac[slot]!);
  }
  writeSos(marks, frame);
  out.length = marks.length;

  const codes = kept === undefined ? (standardCodes ??= derive(STANDARD_TABLES)) : derive(huffman);
  // Component index → table slot: Y (or grey) uses slot 0, Cb and Cr slot 1.
  const dc = [codes.dc[0]!, codes.dc[slots - 1]!, codes.dc[slots - 1]!];
  const ac = [codes.ac[0]!, codes.ac[slots - 1]!, codes.ac[slots - 1]!];
  if (kept === undefined) {
    produceBlocks(src, h, v, tables.luminance, tables.chrominance, (component, zz, lastDc) => {
      out.reserve(BLOCK_ROOM);
      out.encodeBlock(zz, lastDc, dc[component]!, ac[component]!);
    });
  } else {
    const { blocks, components } = kept;
    const zz = new Int32Array(64);
    const lastDc = [0, 0, 0];
    for (let n = 0; n < components.length; n++) {
      const component = components[n]!;
      zz.set(blocks.subarray(n * 64, n * 64 + 64));
      out.reserve(BLOCK_ROOM);
      out.encodeBlock(zz, lastDc[component]!, dc[component]!, ac[component]!);
      lastDc[component] = zz[0]!;
    }
  }

  out.flush();
  return finish(out);
}

/**
 * Progressive: every block kept in its component's grid, then the scans of jpeg_simple_progression, each with its
 * own optimal Huffman tables (see progressive-encode.ts).
 */
function encodeProgressive(
  src: SourcePixels,
  grey: boolean,
  h: number,
  v: number,
  frame: readonly FrameComponent[],
  tables: ReturnType<typeof qualityTables>,
): Uint8Array {
  const { width, height } = src;
  const count = blockCount(width, height, grey, h, v);
  if (count > MAX_KEPT_BLOCKS) {
    throw new PixtextError('ERR_TOO_LARGE', `progressive JPEG keeps every block: ${width}×${height} has too many (${count}); encode without progressive`);
  }
  const mcusPerRow = grey ? Math.ceil(width / 8) : Math.ceil(width / (8 * h));
  const mcuRows = grey ? Math.ceil(height / 8) : Math.ceil(height / (8 * v));
  const comps: ComponentBlocks[] = frame.map((c, i) => {
    const [ch, cv] = grey ? [1, 1] : [c.h, c.v];
    return {
      grid: new Int16Array(mcusPerRow * ch * mcuRows * cv * 64),
      gridWidth: mcusPerRow * ch,
      widthInBlocks: i === 0 ? Math.ceil(width / 8) : mcusPerRow,
      heightInBlocks: i === 0 ? Math.ceil(height / 8) : mcuRows,
      h: ch,
      v: cv,
      slot: i === 0 ? 0 : 1,
    };
  });
  produceBlocks(src, h, v, tables.luminance, tables.chrominance, (component, zz, _lastDc, bx, by) => {
    const c = comps[component]!;
    c.grid.set(zz, (by * c.gridWidth + bx) * 64);
  });

  if (scratch.length < INITIAL_SCRATCH) scratch = new Uint8Array(INITIAL_SCRATCH);
  const out = new EntropyWriter(scratch, 0);
  const marks = new MarkerWriter(out.bytes);
  writeStart(marks);
  writeDqt(marks, 0, tables.luminance.natural);
  if (!grey) writeDqt(marks, 1, tables.chrominance.natural);
  writeSof(marks, MARKER.SOF2, width, height, frame);
  out.length = marks.length;
  encodeScans(out, comps, grey ? GREY_SCRIPT : YCC_SCRIPT, mcusPerRow, mcuRows, (s, { dht }) => {
    out.reserve(MAX_HEADER_LENGTH);
    const w = new MarkerWriter(out.bytes);
    w.length = out.length;
    for (const t of dht) writeDht(w, t.tableClass, t.slot, t.spec);
    writeSos(w, s.components.map((ci) => frame[ci]!), s.ss, s.se, s.ah, s.al, true);
    out.length = w.length;
  });
  return finish(out);
}

/** EOI, then the file copied out of the scratch buffer (kept for the next call unless it grew large). */
function finish(out: EntropyWriter): Uint8Array {
  out.reserve(2);
  out.bytes[out.length++] = 0xff;
  out.bytes[out.length++] = 0xd9; // EOI
  const result = out.bytes.slice(0, out.length);
  scratch = out.bytes.length <= MAX_SCRATCH ? out.bytes : new Uint8Array(0);
  return result;
}

function derive(set: HuffmanSet): { dc: DerivedTable[]; ac: DerivedTable[] } {
  return { dc: set.dc.map(deriveTable), ac: set.ac.map(deriveTable) };
}
