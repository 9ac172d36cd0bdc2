// The portable base64 codec alone (what browsers without Uint8Array.toBase64 run), forced in Node by importing a
// bundle of src/base64/portable.ts made by the harness (no Node twins), against fast-base64 (WASM and JS),
// base64-js and Buffer (the native limit). Params: { op: 'encode' | 'decode', mib }.
import { Buffer } from 'node:buffer';
import { pathToFileURL } from 'node:url';
import { inputPath, pseudoRandomBytes } from '../lib/inputs.mjs';

const bytesOf = (mib) => pseudoRandomBytes(mib * 1024 * 1024, 0x1234567);
const textOf = (mib) => Buffer.from(bytesOf(mib).buffer).toString('base64');
const portable = () => import(pathToFileURL(inputPath('portable-base64.mjs')).href);

const encode = {
  'pixtext portable': async ({ mib }) => {
    const { encodeBase64Portable } = await portable();
    const bytes = bytesOf(mib);
    return { run: () => encodeBase64Portable(bytes), size: (t) => t.length };
  },
  'fast-base64 (WASM)': async ({ mib }) => {
    const { toBase64 } = await import('fast-base64');
    const bytes = bytesOf(mib);
    return { run: () => toBase64(bytes), size: (t) => t.length };
  },
  'fast-base64/js': async ({ mib }) => {
    const { toBase64 } = await import('fast-base64/js');
    const bytes = bytesOf(mib);
    return { run: () => toBase64(bytes), size: (t) => t.length };
  },
  'base64-js': async ({ mib }) => {
    const { fromByteArray } = (await import('base64-js')).default;
    const bytes = bytesOf(mib);
    return { run: () => fromByteArray(bytes), size: (t) => t.length };
  },
  'Buffer (native)': async ({ mib }) => {
    const bytes = bytesOf(mib);
    return { run: () => Buffer.from(bytes.buffer).toString('base64'), size: (t) => t.length };
  },
};

const decode = {
  'pixtext portable': async ({ mib }) => {
    const { decodeBase64Portable } = await portable();
    const text = textOf(mib);
    return { run: () => decodeBase64Portable(text), size: (b) => b.length };
  },
  'fast-base64 (WASM)': async ({ mib }) => {
    const { toBytes } = await import('fast-base64');
    const text = textOf(mib);
    return { run: () => toBytes(text), size: (b) => b.length };
  },
  'fast-base64/js': async ({ mib }) => {
    const { toBytes } = await import('fast-base64/js');
    const text = textOf(mib);
    return { run: () => toBytes(text), size: (b) => b.length };
  },
  'base64-js': async ({ mib }) => {
    const { toByteArray } = (await import('base64-js')).default;
    const text = textOf(mib);
    return { run: () => toByteArray(text), size: (b) => b.length };
  },
  'Buffer (native)': async ({ mib }) => {
    const text = textOf(mib);
    return { run: () => Buffer.from(text, 'base64'), size: (b) => b.length };
  },
};

const ops = { encode, decode };
/** The peer `name` for `params` (op), or undefined. */
export const peer = (params, name) => ops[params.op]?.[name];
/** The peers measured for `params`. */
export const peerNames = (params) => Object.keys(ops[params.op]);
