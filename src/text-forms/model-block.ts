// What the three model API image blocks share (docs/ARCHITECTURE.md#other-text-forms): each is a small JSON object
// that carries one encoded file as base64 with a media type (Anthropic, MCP) or as a data URL (OpenAI). A block form
// is a layout (which keys hold what) over this one reader and writer: recognised from the parsed JSON's keys, read
// with maxPixels checked from the first bytes before the whole payload is decoded, and refused when the declared
// media type and the file's own magic bytes disagree (the providers refuse such a block too).
import { decodeBase64, encodeBase64 } from '../base64/base64.js';
import { codecFor } from '../api/codec-set.js';
import { PixtextError } from '../errors.js';
import { parseDataUrl } from './data-url.js';
import type { JsonObject } from './envelope-header.js';
import type { ReadContext, StoredFile, TextFormHandler, TextInfo, TextSample, TextSubject } from './form.js';
import { PEEK_CHARS, base64Prefix, leadingDigits, refuseOverLimit } from './peek-limit.js';

/** The ids of the model API block forms. */
export type BlockFormId = 'anthropic' | 'openai' | 'mcp';

/**
 * The file formats a model API takes in an image block, the same for the three: PNG, JPEG, GIF and WebP (Anthropic's
 * and OpenAI's vision guides; MCP's image content follows what the models take). imageToText carries a file of these
 * formats unchanged and encodes anything else as PNG (or JPEG when asked).
 */
export const BLOCK_FORMATS: readonly string[] = ['png', 'jpeg', 'gif', 'webp'];

/** Where a block keeps its file: base64 digits with a media type, or a data URL (which holds both). */
export type BlockPayload = { base64: string; mimeType: string } | { dataUrl: string };

/** One block's layout: how to tell it from other JSON, where its payload sits, how to write it. */
export interface BlockLayout<Id extends BlockFormId> {
  readonly id: Id;
  /** The block's name in messages, e.g. `'The Anthropic image block'`. */
  readonly what: string;
  /** Whether a parsed JSON object has this block's shape (its `type` and payload keys). */
  matches(object: JsonObject): boolean;
  /** The payload of an object {@link matches} accepted. @throws PixtextError `ERR_ENVELOPE` for an ill-typed field */
  payload(object: JsonObject): BlockPayload;
  /** The block's text for a file as base64 with its media type (keys in the provider's documented order). */
  write(mimeType: string, base64: string): string;
}

/** A JSON object's field, when it is itself a JSON object. */
export function objectField(object: JsonObject, key: string): JsonObject | undefined {
  const value = Object.hasOwn(object, key) ? object[key] : undefined;
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/**
 * A string field of a block, or `ERR_ENVELOPE` naming the field.
 * @throws PixtextError `ERR_ENVELOPE`
 */
export function stringField(object: JsonObject, key: string, path: string, what: string): string {
  const value = Object.hasOwn(object, key) ? object[key] : undefined;
  if (typeof value !== 'string') {
    throw new PixtextError('ERR_ENVELOPE', `${what} has no string "${path}"`, { chunk: path });
  }
  return value;
}

/**
 * Whether a text is the block of `layout`: a JSON object of its shape.
 * @example
 * ```ts
 * recogniseBlock(MCP_LAYOUT, prepareText('{"type":"image","data":"","mimeType":"image/png"}')) === true;
 * ```
 */
export function recogniseBlock(layout: BlockLayout<BlockFormId>, sample: TextSample): boolean {
  return sample.text.charCodeAt(sample.start) === 0x7b && layout.matches(sample.object());
}

/** The stored file of a block, with the media type it declares. */
function readBlock<Id extends BlockFormId>(layout: BlockLayout<Id>, sample: TextSample, context: ReadContext): StoredFile & { mimeType: string } {
  const payload = layout.payload(sample.object());
  let declared: string;
  let bytes: Uint8Array;
  if ('dataUrl' in payload) {
    const url = payload.dataUrl;
    if (!/^[\x00-\x20]*data:/i.test(url)) {
      const scheme = /^[\x00-\x20]*([a-z][a-z0-9+.-]*):/i.exec(url)?.[1] ?? 'no scheme';
      throw new PixtextError(
        'ERR_UNSUPPORTED',
        `${layout.what} links to a ${scheme} URL rather than holding the image: pixtext reads only data: URLs (it does no I/O); fetch the image and pass its bytes`,
      );
    }
    const comma = url.indexOf(',');
    if (comma >= 0 && url.length - comma > 2 * PEEK_CHARS) {
      refuseOverLimit(decodeBase64(leadingDigits(url, comma + 1)), context.codecs, context.maxPixels);
    }
    ({ mimeType: declared, bytes } = parseDataUrl(url));
  } else {
    refuseOverLimit(base64Prefix(payload.base64, 0), context.codecs, context.maxPixels);
    declared = payload.mimeType.trim().toLowerCase();
    bytes = decodeBase64(payload.base64, { allowWhitespace: true });
  }
  const codec = codecFor(context.codecs, bytes, `The file in ${layout.what[0]!.toLowerCase()}${layout.what.slice(1)}`);
  if (declared !== codec.mimeType) {
    throw new PixtextError(
      'ERR_ENVELOPE',
      `${layout.what} declares the media type ${JSON.stringify(declared)} but holds a ${codec.id.toUpperCase()} file (${codec.mimeType})`,
    );
  }
  return { kind: 'file', format: codec.id, bytes, mimeType: declared };
}

/**
 * The text form of one model API block layout.
 * @example
 * ```ts
 * export const mcpBlockForm = blockForm(MCP_LAYOUT);
 * ```
 */
/* #__NO_SIDE_EFFECTS__ */
export function blockForm<Id extends BlockFormId>(layout: BlockLayout<Id>): TextFormHandler<Id> {
  return {
    id: layout.id,
    recognise: (sample) => recogniseBlock(layout, sample),
    read: (sample, context) => readBlock(layout, sample, context),
    // imageToText hands a block form only files of a format its provider accepts (checked before any work).
    write(subject: TextSubject) {
      const file = subject as Extract<TextSubject, { kind: 'file' }>;
      return layout.write(file.mimeType, encodeBase64(file.bytes));
    },
    inspect(sample, context) {
      const { format, bytes, mimeType } = readBlock(layout, sample, { ...context, maxPixels: Infinity });
      const { width, height, mode } = context.codecs.get(format).header(bytes);
      const info: TextInfo = { form: layout.id, width, height, mode, encoding: format, byteLength: bytes.length, textLength: sample.text.length };
      info.mimeType = mimeType;
      return info;
    },
  };
}
