// The encoder's block producer: walks the image in coding order (MCU by MCU, as libjpeg-turbo jccoefct.c
// compress_data does) and hands every quantized block, dummies included, to a sink. The sink either Huffman-codes
// it at once (standard tables) or counts and keeps it for a second pass (optimal tables).
import { downsampleH2V1, downsampleH2V2, fillStrips } from './color-downsample.js';
import type { SourcePixels } from './color-downsample.js';
import { forwardDctIslow } from './forward-dct.js';
import { quantizeBlock } from './quant-tables.js';
import type { QuantTable } from './quant-tables.js';

/**
 * Receives one block in zig-zag order: `component` is its index in the frame (0 = Y or grey, 1 = Cb, 2 = Cr),
 * `lastDc` the DC of the previous block of that component, (`bx`, `by`) its place in the component's grid of
 * blocks (dummies past the real ones included). `zz` is reused: copy it to keep it.
 */
export type BlockSink = (component: number, zz: Int32Array, lastDc: number, bx: number, by: number) => void;

/** One component while producing blocks: where its samples are and how many real blocks it has. */
interface ComponentState {
  readonly index: number;
  readonly h: number;
  readonly v: number;
  readonly plane: Uint8Array;
  readonly stride: number;
  readonly widthInBlocks: number;
  readonly heightInBlocks: number;
  readonly quant: QuantTable;
  lastDc: number;
}

// Work areas shared by every call (the encoder is synchronous and not re-entrant).
const block = new Int32Array(64);
const zigzag = new Int32Array(64);
const dummy = new Int32Array(64);

/**
 * Produces one MCU row. A block past the component's last real column or row is a dummy (jccoefct.c compress_data):
 * all AC zero and DC equal to the block coded just before it, so it costs a zero DC difference and an EOB.
 */
function mcuRow(sink: BlockSink, comps: readonly ComponentState[], row: number, mcusPerRow: number): void {
  for (let mx = 0; mx < mcusPerRow; mx++) {
    for (const comp of comps) {
      const { h, v } = comp;
      for (let j = 0; j < v; j++) {
        const by = row * v + j;
        for (let i = 0; i < h; i++) {
          const bx = mx * h + i;
          let zz = dummy;
          if (bx < comp.widthInBlocks && by < comp.heightInBlocks) {
            forwardDctIslow(comp.plane, j * 8 * comp.stride + bx * 8, comp.stride, block);
            quantizeBlock(block, comp.quant, zigzag);
            zz = zigzag;
          } else {
            dummy[0] = comp.lastDc;
          }
          sink(comp.index, zz, comp.lastDc, bx, by);
          comp.lastDc = zz[0]!;
        }
      }
    }
  }
}

/** Blocks a frame has in coding order, dummies included (what {@link produceBlocks} hands to its sink). */
export function blockCount(width: number, height: number, grey: boolean, h: number, v: number): number {
  if (grey) return Math.ceil(width / 8) * Math.ceil(height / 8);
  return Math.ceil(width / (8 * h)) * Math.ceil(height / (8 * v)) * (h * v + 2);
}

/**
 * Feeds every block of the image to `sink` in coding order.
 *
 * Grey is one component, so a non-interleaved scan: an MCU is one block whatever the sampling factors, and the
 * blocks cover the image rounded up to 8 (jcmaster.c per_scan_setup), so there are no dummy blocks. Colour is Y, Cb,
 * Cr interleaved with luma sampling `h`×`v` and chroma 1×1, one MCU row (8v image rows) at a time.
 */
export function produceBlocks(src: SourcePixels, h: number, v: number, luma: QuantTable, chroma: QuantTable, sink: BlockSink): void {
  const { width, height } = src;
  if (src.channels === 1) {
    const widthInBlocks = Math.ceil(width / 8);
    const stride = widthInBlocks * 8;
    const plane = new Uint8Array(stride * 8);
    const heightInBlocks = Math.ceil(height / 8);
    const comp: ComponentState = { index: 0, h: 1, v: 1, plane, stride, widthInBlocks, heightInBlocks, quant: luma, lastDc: 0 };
    for (let by = 0; by < heightInBlocks; by++) {
      fillStrips(src, by * 8, 8, stride, plane, plane, plane);
      mcuRow(sink, [comp], by, widthInBlocks);
    }
    return;
  }

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
  // jcmaster.c initial_setup: a component has ceil(image size × factor / (max factor × 8)) blocks each way, which
  // for chroma is one per MCU.
  const chromaComp = (index: number, plane: Uint8Array): ComponentState => ({
    index,
    h: 1,
    v: 1,
    plane,
    stride: chromaStride,
    widthInBlocks: mcusPerRow,
    heightInBlocks: mcuRows,
    quant: chroma,
    lastDc: 0,
  });
  const comps: ComponentState[] = [
    { index: 0, h, v, plane: y, stride, widthInBlocks: Math.ceil(width / 8), heightInBlocks: Math.ceil(height / 8), quant: luma, lastDc: 0 },
    chromaComp(1, cb),
    chromaComp(2, cr),
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
    mcuRow(sink, comps, my, mcusPerRow);
  }
}
