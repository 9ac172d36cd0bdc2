// The header of a text file too long for one string: an envelope keeps `data` last, so its header is the text up to
// the top-level `"data":"`, read here from the start of the file with a small JSON scanner (a `data` key inside the
// metadata is not the envelope's). The payload is never held.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { PixtextError } from '../index.js';

/** How far into a file the envelope's `data` key is looked for (metadata larger than this is refused). */
export const MAX_HEAD_BYTES = 64 * 1024 * 1024;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

/** The header of a long envelope as a short one with empty data, and the length of the whole file. */
export interface TextHead {
  /** The envelope's text with its `data` value cut to `""`: what `inspect` reads for the header. */
  readonly text: string;
  /** Bytes of the whole file (characters, for the ASCII text an envelope is). */
  readonly length: number;
}

/**
 * Reads the header of a long envelope file without reading its payload into memory.
 *
 * @throws PixtextError `ERR_TOO_LARGE` when no top-level `"data":"` appears in the first {@link MAX_HEAD_BYTES}
 * (a text form other than the envelope, which only reads whole); Node system errors.
 * @example
 * ```ts
 * const { text, length } = await readTextHead('huge.json');
 * inspect(text).width;
 * ```
 */
export async function readTextHead(path: string): Promise<TextHead> {
  const { size } = await stat(path);
  const scanner = new DataKeyScanner();
  const pieces: Buffer[] = [];
  let read = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20, end: MAX_HEAD_BYTES - 1 })) {
    const bytes = chunk as Buffer;
    const end = scanner.feed(bytes);
    if (end >= 0) {
      pieces.push(bytes.subarray(0, end));
      return { text: `${Buffer.concat(pieces).toString('utf8')}"}`, length: size };
    }
    pieces.push(bytes);
    read += bytes.length;
  }
  throw new PixtextError(
    'ERR_TOO_LARGE',
    `the text is ${size} bytes, longer than the longest string this JavaScript engine holds, and its first ${read} bytes hold no envelope header ending in "data"; only envelopes are read in pieces`,
  );
}

/** Finds the end of `"data":"` at the top level of a JSON object fed to it in pieces. */
class DataKeyScanner {
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Bytes of the current top-level string so far (only the first few matter: is it exactly `data`?). */
  private key = '';
  /** 0: nothing; 1: a top-level `"data"` string just closed; 2: its colon seen, waiting for the value's quote. */
  private state = 0;

  /** Returns the index just after the opening quote of the `data` value in `bytes`, or -1 when not there yet. */
  feed(bytes: Uint8Array): number {
    for (let i = 0; i < bytes.length; i += 1) {
      const byte = bytes[i]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (byte === BACKSLASH) this.escaped = true;
        else if (byte === QUOTE) {
          this.inString = false;
          if (this.depth === 1 && this.key === 'data') this.state = 1;
        } else if (this.depth === 1 && this.key.length < 5) this.key += String.fromCharCode(byte);
        continue;
      }
      if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) continue;
      if (byte === QUOTE) {
        if (this.state === 2 && this.depth === 1) return i + 1;
        this.inString = true;
        this.key = '';
        this.state = 0;
      } else if (byte === COLON && this.state === 1) {
        this.state = 2;
      } else {
        this.state = 0;
        if (byte === 0x7b || byte === 0x5b) this.depth += 1;
        else if (byte === 0x7d || byte === 0x5d) this.depth -= 1;
      }
    }
    return -1;
  }
}
