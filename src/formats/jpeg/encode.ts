// Baseline JPEG (JFIF) encoder writing the bytes libjpeg-turbo writes when Pillow saves with `quality` and
// `subsampling` (Pillow JpegEncode.c: jpeg_set_defaults, jpeg_set_quality(q, TRUE), the sampling factors).
// Pipeline per MCU row, as libjpeg-turbo's jcprepct.c → jcsample.c → jccoefct.c → jcdctmgr.c → jchuff.c:
// colour conversion and edge expansion into strips, chroma downsampling, islow DCT, quantization, Huffman coding.
// Spec: ITU-T T.81 (https://www.w3.org/Graphics/JPEG/itu-t81.pdf); JFIF 1.02.
import { PixtextError, invalidArgument } from '../../errors.js';
import { validateRawImage } from '../../raw-image.js';
import type { PixelMode, RawImage } from '../../raw-image.js';
import { JPEG_SUBSAMPLINGS } from '../codec.js';
import type { CodecEncodeOptions, JpegSubsampling } from '../codec.js';
import { downsampleH2V1, downsampleH2V2, fillStrips } from './color-downsample.js';
import type { SourcePixels } from './color-downsample.js';
import { forwardDctIslow } from './forward-dct.js';
import { deriveTable, EntropyWriter } from './huffman-encode.js';
import type { DerivedTable } from './huffman-encode.js';
import { qualityTables, quantizeBlock } from './quant-tables.js';
import type { QuantTable } from './quant-tables.js';
import { STD_AC_CHROMINANCE, STD_AC_LUMINANCE, STD_DC_CHROMINANCE, STD_DC_LUMINANCE } from './standard-tables.js';
import type { FrameComponent } from './write-markers.js';
import { headerLength, MarkerWriter, writeDht, writeDqt, writeSof0, writeSos, writeStart } from './write-markers.js';

/** Modes the encoder takes as they are: `L` is written as one grey component, `RGB` and `BGR` as YCbCr. */
export const JPEG_ENCODABLE_MODES = ['L', 'RGB', 'BGR'] as const satisfies readonly PixelMode[];

/** Quality when none is given. */
export const DEFAULT_QUALITY = 90;

/** JPEG's own limit: 16-bit dimensions in the frame header. */
const MAX_DIMENSION = 65535;

/** Luma sampling factors [h, v] per subsampling; chroma is always 1×1 (Pillow JpegEncode.c). */
const LUMA_SAMPLING: Readonly<Record<JpegSubsampling, readonly [number, number]>> = {
  '4:4:4': [1, 1],
  '4:2:2': [2, 1],
  '4:2:0': [2, 2],
};

// The standard tables' codes, derived once (T.81 K.3 as jpeg_set_defaults installs them).
let derived: { dcLuma: DerivedTable; acLuma: DerivedTable; dcChroma: DerivedTable; acChroma: DerivedTable } | undefined;
function standardCodes(): NonNullable<typeof derived> {
  derived ??= {
    dcLuma: deriveTable(STD_DC_LUMINANCE),
    acLuma: deriveTable(STD_AC_LUMINANCE),
    dcChroma: deriveTable(STD_DC_CHROMINANCE),
    acChroma: deriveTable(STD_AC_CHROMINANCE),
  };
  return derived;
}

// Work areas shared by every call (the encoder is synchronous and not re-entrant).
const block = new Int32Array(64);
const zigzag = new Int32Array(64);
const dummy = new Int32Array(64);
/** Bytes reserved before each block: 64 codes of at most 16 + 11 bits, every byte possibly stuffed. */
const BLOCK_ROOM = 512;

/** One component while coding: where its samples are and what codes it. */
interface ComponentState {
  readonly frame: FrameComponent;
  readonly plane: Uint8Array;
  readonly stride: number;
  readonly widthInBlocks: number;
  readonly heightInBlocks: number;
  readonly quant: QuantTable;
  readonly dc: DerivedTable;
  readonly ac: DerivedTable;
  lastDc: number;
}

/** DCT and quantization of the 8×8 samples at (x, y) of a strip, into `zigzag`. */
function transformBlock(plane: Uint8Array, stride: number, x: number, y: number, quant: QuantTable): void {
  forwardDctIslow(plane, y * stride + x, stride, block);
  quantizeBlock(block, quant, zigzag);
}

/**
 * Codes one MCU row. A block past the component's last real column or row is a dummy (jccoefct.c compress_data):
 * all AC zero and DC equal to the block coded just before it, so it costs a zero DC difference and an EOB.
 */
function codeMcuRow(out: EntropyWriter, comps: readonly ComponentState[], mcuRow: number, mcusPerRow: number): void {
  for (let mx = 0; mx < mcusPerRow; mx++) {
    for (const comp of comps) {
      const { h, v } = comp.frame;
      for (let j = 0; j < v; j++) {
        const by = mcuRow * v + j;
        for (let i = 0; i < h; i++) {
          const bx = mx * h + i;
          out.reserve(BLOCK_ROOM);
          if (bx < comp.widthInBlocks && by < comp.heightInBlocks) {
            transformBlock(comp.plane, comp.stride, bx * 8, j * 8, comp.quant);
            out.encodeBlock(zigzag, comp.lastDc, comp.dc, comp.ac);
            comp.lastDc = zigzag[0]!;
          } else {
            dummy[0] = comp.lastDc;
            out.encodeBlock(dummy, comp.lastDc, comp.dc, comp.ac);
          }
        }
      }
    }
  }
}

function checkImage(image: RawImage, options: Partial<CodecEncodeOptions>): { quality: number; subsampling: JpegSubsampling | undefined } {
  const { width, height, mode } = image;
  const { quality = DEFAULT_QUALITY, subsampling } = options;
  if (!Number.isInteger(quality) || quality < 1 || quality > 100) throw invalidArgument('an integer from 1 to 100', 'quality', quality);
  if (subsampling !== undefined && !(JPEG_SUBSAMPLINGS as readonly unknown[]).includes(subsampling)) {
    throw invalidArgument(`one of ${JPEG_SUBSAMPLINGS.map((s) => `'${s}'`).join(', ')}`, 'subsampling', subsampling);
  }
  if (!(JPEG_ENCODABLE_MODES as readonly PixelMode[]).includes(mode)) {
    // Grey modes become L, the others RGB; alpha is dropped unless flattened.
    const target = mode === '1' || mode[0] === 'L' ? 'L' : 'RGB';
    const alpha = mode.includes('A') ? ' (drops alpha; pass { background } to flatten it)' : '';
    throw new PixtextError('ERR_UNSUPPORTED', `JPEG cannot hold mode ${mode}: convert(image, '${target}') first${alpha}`);
  }
  if (width === 0 || height === 0) throw new PixtextError('ERR_UNSUPPORTED', `JPEG cannot hold ${width}×${height} (empty)`);
  if (width > MAX_DIMENSION || height > MAX_DIMENSION) {
    throw new PixtextError('ERR_TOO_LARGE', `JPEG cannot hold ${width}×${height} (sides over ${MAX_DIMENSION})`);
  }
  return { quality, subsampling };
}

/**
 * Encodes `L` (one component), `RGB` or `BGR` (YCbCr) as a baseline JFIF file with the standard Huffman tables,
 * byte for byte what Pillow 9.4 / libjpeg-turbo write for `im.save(f, 'JPEG', quality=q, subsampling=s)`.
 * `quality` 1–100 defaults to 90. `subsampling` left out is libjpeg's default: 4:2:0 for colour, 1×1 for grey;
 * given for a grey image it only sets the grey component's sampling factors in SOF0, as Pillow does.
 * @throws PixtextError `ERR_UNSUPPORTED` for other modes (naming the conversion) and empty images,
 *   `ERR_TOO_LARGE` beyond 65535 pixels a side, `ERR_INVALID_ARGUMENT` for a bad quality or subsampling.
 * @example
 * ```ts
 * const jpeg = encodeJpeg({ width: 1, height: 1, mode: 'RGB', data: new Uint8Array([255, 0, 0]) }, { quality: 90 });
 * ```
 */
export function encodeJpeg(image: RawImage, options: Partial<CodecEncodeOptions> = {}): Uint8Array {
  const { width, height, mode, data } = validateRawImage(image);
  const { quality, subsampling } = checkImage(image, options);
  const grey = mode === 'L';
  const [h, v] = LUMA_SAMPLING[subsampling ?? (grey ? '4:4:4' : '4:2:0')];
  const tables = qualityTables(quality);
  const codes = standardCodes();
  const src: SourcePixels = { data, width, height, channels: grey ? 1 : 3, red: mode === 'BGR' ? 2 : 0, blue: mode === 'BGR' ? 0 : 2 };

  const luma: FrameComponent = { id: 1, h, v, tq: 0, td: 0, ta: 0 };
  const frame: FrameComponent[] = grey ? [luma] : [luma, { id: 2, h: 1, v: 1, tq: 1, td: 1, ta: 1 }, { id: 3, h: 1, v: 1, tq: 1, td: 1, ta: 1 }];
  const huffman = grey ? [STD_DC_LUMINANCE, STD_AC_LUMINANCE] : [STD_DC_LUMINANCE, STD_AC_LUMINANCE, STD_DC_CHROMINANCE, STD_AC_CHROMINANCE];

  // Header, then room for a typical compressed size; the writer grows the buffer when that is not enough.
  const header = headerLength(grey ? 1 : 2, frame.length, huffman);
  const out = new EntropyWriter(new Uint8Array(header + 1024 + ((width * height * (grey ? 1 : 3)) >> 2)), 0);
  const marks = new MarkerWriter(out.bytes);
  writeStart(marks);
  writeDqt(marks, 0, tables.luminance.natural);
  if (!grey) writeDqt(marks, 1, tables.chrominance.natural);
  writeSof0(marks, width, height, frame);
  writeDht(marks, 0, 0, STD_DC_LUMINANCE);
  writeDht(marks, 1, 0, STD_AC_LUMINANCE);
  if (!grey) {
    writeDht(marks, 0, 1, STD_DC_CHROMINANCE);
    writeDht(marks, 1, 1, STD_AC_CHROMINANCE);
  }
  writeSos(marks, frame);
  out.length = marks.length;

  if (grey) encodeGrey(out, src, tables.luminance, codes.dcLuma, codes.acLuma);
  else encodeColour(out, src, frame, tables, codes);

  out.flush();
  out.reserve(2);
  out.bytes[out.length++] = 0xff;
  out.bytes[out.length++] = 0xd9; // EOI
  return out.bytes.slice(0, out.length);
}

/**
 * One component, so a non-interleaved scan: an MCU is one block whatever the sampling factors, and the blocks cover
 * the image rounded up to 8 (jcmaster.c per_scan_setup), so there are no dummy blocks.
 */
function encodeGrey(out: EntropyWriter, src: SourcePixels, quant: QuantTable, dc: DerivedTable, ac: DerivedTable): void {
  const widthInBlocks = Math.ceil(src.width / 8);
  const stride = widthInBlocks * 8;
  const plane = new Uint8Array(stride * 8);
  const comp: ComponentState = {
    frame: { id: 1, h: 1, v: 1, tq: 0, td: 0, ta: 0 },
    plane,
    stride,
    widthInBlocks,
    heightInBlocks: 1,
    quant,
    dc,
    ac,
    lastDc: 0,
  };
  const rows = Math.ceil(src.height / 8);
  for (let by = 0; by < rows; by++) {
    fillStrips(src, by * 8, 8, stride, plane, plane, plane);
    codeMcuRow(out, [comp], 0, widthInBlocks);
  }
}

/** Y, Cb, Cr interleaved, one MCU row (8 × v_max image rows) at a time. */
function encodeColour(
  out: EntropyWriter,
  src: SourcePixels,
  frame: readonly FrameComponent[],
  tables: ReturnType<typeof qualityTables>,
  codes: ReturnType<typeof standardCodes>,
): void {
  const { width, height } = src;
  const { h, v } = frame[0]!;
  const mcuWidth = 8 * h;
  const mcuHeight = 8 * v;
  const mcusPerRow = Math.ceil(width / mcuWidth);
  const mcuRows = Math.ceil(height / mcuHeight);
  const stride = mcusPerRow * mcuWidth;
  const y = new Uint8Array(stride * mcuHeight);
  const fullCb = new Uint8Array(stride * mcuHeight);
  const fullCr = new Uint8Array(stride * mcuHeight);
  const subsampled = h > 1;
  const chromaStride = mcusPerRow * 8;
  const cb = subsampled ? new Uint8Array(chromaStride * 8) : fullCb;
  const cr = subsampled ? new Uint8Array(chromaStride * 8) : fullCr;
  const chroma = (frameComp: FrameComponent, plane: Uint8Array): ComponentState => ({
    frame: frameComp,
    plane,
    stride: chromaStride,
    // jcmaster.c initial_setup: ceil(image size × factor / (max factor × 8)), which for chroma is one per MCU.
    widthInBlocks: mcusPerRow,
    heightInBlocks: mcuRows,
    quant: tables.chrominance,
    dc: codes.dcChroma,
    ac: codes.acChroma,
    lastDc: 0,
  });
  const comps: ComponentState[] = [
    {
      frame: frame[0]!,
      plane: y,
      stride,
      widthInBlocks: Math.ceil(width / 8),
      heightInBlocks: Math.ceil(height / 8),
      quant: tables.luminance,
      dc: codes.dcLuma,
      ac: codes.acLuma,
      lastDc: 0,
    },
    chroma(frame[1]!, cb),
    chroma(frame[2]!, cr),
  ];
  for (let my = 0; my < mcuRows; my++) {
    const y0 = my * mcuHeight;
    fillStrips(src, y0, mcuHeight, stride, y, fullCb, fullCr);
    if (subsampled && v === 2) {
      // The last chroma row made from image rows; rows below it are copies (jcprepct.c expand_bottom_edge).
      const lastRow = Math.min(7, Math.ceil((height - y0) / 2) - 1);
      downsampleH2V2(fullCb, stride, cb, chromaStride, 8, lastRow);
      downsampleH2V2(fullCr, stride, cr, chromaStride, 8, lastRow);
    } else if (subsampled) {
      downsampleH2V1(fullCb, stride, cb, chromaStride, 8);
      downsampleH2V1(fullCr, stride, cr, chromaStride, 8);
    }
    codeMcuRow(out, comps, my, mcusPerRow);
  }
}
