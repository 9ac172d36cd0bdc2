// data: URLs, read as the WHATWG Fetch standard's "data: URL processor" does and written in their plain base64 form.
// Spec: https://fetch.spec.whatwg.org/#data-urls, https://infra.spec.whatwg.org/#forgiving-base64-decode,
// https://url.spec.whatwg.org/#concept-basic-url-parser (what a URL parser strips first), RFC 2397.
import { decodeBase64, encodeBase64 } from '../base64/base64.js';
import { PixtextError, invalidArgument } from '../errors.js';
import { fileForm } from './file-form.js';
import type { DataUrlForm, TextSample } from './form.js';
import { PEEK_CHARS, leadingDigits, refuseOverLimit } from './peek-limit.js';

/** A parsed data URL: the MIME type essence (`type/subtype`, lowercase; parameters dropped) and the body's bytes. */
export interface DataUrl {
  mimeType: string;
  bytes: Uint8Array;
}


/**
 * True when `text` starts (after leading spaces and control characters) with the `data:` scheme, in any case.
 * Looks at the first few characters only.
 *
 * @example
 * ```ts
 * isDataUrl('DATA:image/png;base64,iVBORw0KGgo='); // true
 * isDataUrl('{"pixtext":1}');                      // false
 * ```
 */
export function isDataUrl(text: string): boolean {
  // A URL parser first strips leading C0 controls and spaces.
  return typeof text === 'string' && /^[\x00-\x20]*data:/i.test(text);
}

const dataUrlError = (message: string, offset?: number) =>
  new PixtextError('ERR_DATA_URL', `Invalid data URL: ${message}`, offset === undefined ? {} : { offset });

/** Percent-decodes (URL spec) `text` into bytes, each code point above 0x7F as its UTF-8 bytes. */
function percentDecodeToBytes(text: string): Uint8Array {
  const utf8 = new TextEncoder().encode(text);
  const out = new Uint8Array(utf8.length);
  let o = 0;
  const hex = (c: number) => (c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1);
  for (let i = 0; i < utf8.length; i++) {
    const c = utf8[i]!;
    if (c === 0x25 && i + 2 < utf8.length && hex(utf8[i + 1]!) >= 0 && hex(utf8[i + 2]!) >= 0) {
      out[o++] = (hex(utf8[i + 1]!) << 4) | hex(utf8[i + 2]!);
      i += 2;
    } else {
      out[o++] = c;
    }
  }
  return out.subarray(0, o);
}

/** Latin-1 view of bytes (the spec's "isomorphic decode"), for base64 bodies that held percent-escapes. */
function isomorphicDecode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x2000) out += String.fromCharCode(...bytes.subarray(i, i + 0x2000));
  return out;
}

/** The MIME type essence of the header (before `,`, `;base64` removed), as the Fetch standard would parse it. */
function mimeEssence(header: string): string {
  const type = header.split(';', 1)[0]!.trim().toLowerCase();
  // RFC 9110 token characters, on both sides of one slash; anything else is "text/plain" as in the spec.
  return /^[!#$%&'*+.^_`|~0-9a-z-]+\/[!#$%&'*+.^_`|~0-9a-z-]+$/.test(type) ? type : 'text/plain';
}

/**
 * What Fetch reads the media type from: the URL after `data:` up to the first comma. After `data://` comes an
 * authority (a host and port), which the URL parser checks and serialises (`data://host:x/,…` is no URL, and fetch
 * refuses it); a data URL without one is kept as written.
 * @throws PixtextError `ERR_DATA_URL` for an authority the URL parser refuses
 */
function headerOf(text: string, start: number, comma: number): string {
  const header = text.slice(start, comma);
  if (!/^[\t\n\r]*\/[\t\n\r]*\//.test(header)) return header;
  let url: URL | undefined;
  try {
    // URL is a web platform global (browsers, Node, Deno), not a Node module.
    // With the comma, so that spaces before it are not trimmed as the end of the URL.
    url = new URL(`data:${header},`);
  } catch {
    url = undefined;
  }
  // fetch's Request also refuses a URL with credentials (user@host).
  if (url === undefined || url.username !== '' || url.password !== '') {
    throw dataUrlError(`"data:${header.slice(0, 40)}" has an authority that is not a valid host and port (fetch refuses it)`, start);
  }
  return url.href.slice('data:'.length, -1);
}

/**
 * Parses a data URL the way browsers do (WHATWG Fetch "data: URL processor"): leading/trailing spaces and control
 * characters and every tab or line break are ignored, `;base64` is matched in any case, the body is percent-decoded,
 * and a base64 body is forgiving-base64: ASCII whitespace removed, padding optional. A fragment (`#…`) is ignored.
 * Data URLs without `;base64` are accepted too: their body is the percent-decoded bytes (non-ASCII as UTF-8).
 * The URL-safe base64 alphabet (`-`, `_`) is refused rather than decoded to wrong bytes.
 *
 * @returns The MIME type essence (e.g. `image/png`; `text/plain` when absent or invalid) and the body bytes.
 * @throws PixtextError `ERR_DATA_URL` (not a data URL, no comma, URL-safe alphabet), `ERR_BASE64` with the offset
 *   of the first bad character in `text`.
 * @example
 * ```ts
 * parseDataUrl('data:image/png;base64,iVBORw0KGgo'); // { mimeType: 'image/png', bytes: Uint8Array [137, 80, 78, 71, 13, 10, 26, 10] }
 * ```
 */
export function parseDataUrl(text: string): DataUrl {
  if (typeof text !== 'string') throw invalidArgument('a string', 'text', text);
  // A URL parser first strips leading and trailing C0 controls and spaces.
  let start = /^[\x00-\x20]*/.exec(text)![0].length;
  let end = text.length;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
  if (text.slice(start, start + 5).toLowerCase() !== 'data:') throw dataUrlError('no "data:" prefix', start);
  start += 5;
  const hash = text.indexOf('#', start);
  if (hash >= 0 && hash < end) end = hash;
  const comma = text.indexOf(',', start);
  if (comma < 0 || comma >= end) throw dataUrlError('no "," before the data', end);

  // The URL parser drops tabs and line breaks anywhere; Fetch then trims ASCII whitespace around the media type.
  const header = headerOf(text, start, comma).replace(/[\t\n\r]/g, '').replace(/^[\f ]+|[\f ]+$/g, '');
  const base64 = /;[ ]*base64$/i.exec(header);
  const mimeType = mimeEssence(base64 ? header.slice(0, base64.index) : header);
  const bodyStart = comma + 1;

  if (!base64) return { mimeType, bytes: percentDecodeToBytes(text.slice(bodyStart, end).replace(/[\t\n\r]/g, '')) };
  let body = text.slice(bodyStart, end);
  const urlSafe = bodyStart + body.search(/[-_]/);
  if (urlSafe >= bodyStart) {
    throw dataUrlError(`unexpected character ${JSON.stringify(text[urlSafe])} at offset ${urlSafe} (URL-safe base64 is not accepted)`, urlSafe);
  }
  // Percent-escapes are rare in base64 bodies; after decoding them, error offsets count decoded characters.
  if (body.includes('%')) body = isomorphicDecode(percentDecodeToBytes(body));
  try {
    return { mimeType, bytes: decodeBase64(body, { allowWhitespace: true, paddingOptional: true, offsetBase: bodyStart }) };
  } catch (error) {
    // Nothing wrong but where the base64 ends (one digit into a group, or half of "==" after two digits): the text was
    // cut short. A data URL's padding is optional, so any other cut decodes, to a file that ends early.
    const digits = /^[A-Za-z0-9+/\t\n\f\r ]*(=?)[\t\n\f\r ]*$/.exec(body);
    const count = digits === null ? 0 : body.replace(/[\t\n\f\r =]/g, '').length % 4;
    if (digits !== null && count === (digits[1] === '' ? 1 : 2)) {
      throw new PixtextError('ERR_TRUNCATED', 'The data URL ends inside a base64 group: the text is cut short', {
        offset: end,
        cause: error,
      });
    }
    throw error;
  }
}

/**
 * Writes `data:<mimeType>;base64,<standard padded base64>`.
 * @throws PixtextError `ERR_INVALID_ARGUMENT` for a MIME type that is not printable ASCII without `,` and
 *   `ERR_TOO_LARGE` when the text would exceed the engine's string limit.
 * @example
 * ```ts
 * formatDataUrl('image/png', new Uint8Array([137, 80, 78, 71])); // 'data:image/png;base64,iVBORw=='
 * ```
 */
export function formatDataUrl(mimeType: string, bytes: Uint8Array): string {
  if (typeof mimeType !== 'string' || !/^[\x21-\x7e]+$/.test(mimeType) || mimeType.includes(',')) {
    throw invalidArgument('a MIME type such as "image/png"', 'mimeType', mimeType);
  }
  if (!(bytes instanceof Uint8Array)) throw invalidArgument('a Uint8Array', 'bytes', bytes);
  return `data:${mimeType};base64,${encodeBase64(bytes)}`;
}

/**
 * The first bytes of a long data URL's body, read with the same media-type rules as the whole, or undefined for a
 * short one or one whose start does not parse (the full parse then reports why).
 * @example
 * ```ts
 * dataUrlPrefix(`data:image/png;base64,${hugeBase64}`); // Uint8Array of 49,152 bytes
 * ```
 */
function dataUrlPrefix(text: string): Uint8Array | undefined {
  const comma = text.indexOf(',');
  if (comma < 0 || text.length - comma <= 2 * PEEK_CHARS) return undefined;
  try {
    return parseDataUrl(text.slice(0, comma + 1) + leadingDigits(text, comma + 1)).bytes;
  } catch {
    return undefined;
  }
}

/**
 * Whether a text is a data URL: it starts with `data:` (in any case) after leading spaces and control characters.
 * @example
 * ```ts
 * recogniseDataUrl(prepareText('DATA:image/png;base64,iVBORw0KGgo=')) === true;
 * ```
 */
export function recogniseDataUrl(sample: TextSample): boolean {
  return isDataUrl(sample.text);
}

/**
 * Data URLs (`data:image/png;base64,...`, parsed as browsers do): pass it to `createPixtext({ forms })` to read them
 * in `textToImage`/`inspect`/`textToFile` and write them with `as: 'data-url'`. Needs the codecs of the files it
 * carries. The default functions have it.
 * @example
 * ```ts
 * import { createPixtext, dataUrlForm, pngCodec } from 'pixtext';
 * const { imageToText } = createPixtext({ codecs: [pngCodec], forms: [dataUrlForm] });
 * const url = imageToText(pngBytes, { as: 'data-url' }); // 'data:image/png;base64,iVBORw0KGgo...'
 * ```
 */
export const dataUrlForm: DataUrlForm = /* @__PURE__ */ fileForm(
  'data-url',
  recogniseDataUrl,
  ({ text }, { codecs, maxPixels }) => {
    refuseOverLimit(dataUrlPrefix(text), codecs, maxPixels);
    return parseDataUrl(text);
  },
  (file) => formatDataUrl(file.mimeType, file.bytes),
  'The data URL',
);
