// The one recognition of text forms (docs/ARCHITECTURE.md#3-text-forms): textToImage, textToFile, inspect,
// textToRawImage and the command line all decide here which form a text is in. The ladder holds the recognisers of
// every known form, small functions kept apart from the readers, so that an instance without a form still names it
// (ERR_UNSUPPORTED, "pass createPixtext({ forms: [dataUrlForm] })") while the form's reader stays out of its bundle.
import { PixtextError, invalidArgument } from '../errors.js';
import { recogniseBase64 } from './base64.js';
import { recogniseDataUrl } from './data-url.js';
import { envelopeForm } from './envelope.js';
import { sliceEnvelope } from './envelope-read.js';
import type { FormId, FormSet, ReadContext, TextFormHandler, TextSample } from './form.js';
import type { JsonObject } from './envelope-header.js';
import { looksLikeJson, parseJsonObject } from './json-scan.js';
import { recognisePilDump } from './pil-dump.js';
import { recogniseAnthropicBlock } from './anthropic-block.js';
import { recogniseMcpBlock } from './mcp-block.js';
import { recogniseOpenaiBlock } from './openai-block.js';

/** A rung of the recognition ladder: a form's id and recogniser (a form handler is one). */
export interface Rung<Context> {
  readonly id: FormId;
  recognise(sample: TextSample, context: Context): boolean;
}

/** Every known form, in the order they are tried: a JSON object's forms first, then the prefixes. */
export const FORM_LADDER: readonly Rung<ReadContext>[] = [
  envelopeForm,
  { id: 'pil', recognise: recognisePilDump },
  { id: 'anthropic', recognise: recogniseAnthropicBlock },
  { id: 'openai', recognise: recogniseOpenaiBlock },
  { id: 'mcp', recognise: recogniseMcpBlock },
  { id: 'data-url', recognise: recogniseDataUrl },
  { id: 'base64', recognise: recogniseBase64 },
];

/**
 * Prepares a text for recognition and reading: only strings are text, and a leading byte order mark (which editors
 * on Windows add to saved files, and JSON.parse rejects) is dropped.
 * @throws PixtextError `ERR_INVALID_ARGUMENT` (not a string)
 * @example
 * ```ts
 * prepareText('\uFEFF {"pixtext":1}').start === 1;
 * ```
 */
export function prepareText(input: unknown): TextSample {
  if (typeof input !== 'string') throw invalidArgument('a string', 'text', input);
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const start = /^[ \t\n\r\f]*/.exec(text)![0].length;
  let object: JsonObject | undefined;
  return {
    text,
    start,
    // Cheap when the text is not an envelope: it must end in `"}` and hold `"data":"`.
    sliced: text.charCodeAt(start) === 0x7b ? sliceEnvelope(text) : undefined,
    object: () => (object ??= parseJsonObject(text)),
  };
}

/**
 * Which form of `ladder` a text is in: the first whose recogniser accepts it. `forms` names the ladder's forms in
 * the error for a text of none of them.
 * @throws PixtextError `ERR_INVALID_ARGUMENT` (not a string), `ERR_UNRECOGNIZED_TEXT` (empty, or no form of the
 * ladder), `ERR_NOT_JSON` and `ERR_TRUNCATED` (JSON that is broken, cut short or not an object)
 * @example
 * ```ts
 * recogniseText(text, [envelopeForm], { maxPixels: 1e6 }, 'an envelope').sample.text;
 * ```
 */
export function recogniseText<Context>(
  input: unknown,
  ladder: readonly Rung<Context>[],
  context: Context,
  forms: string,
): { id: FormId; sample: TextSample } {
  const sample = prepareText(input);
  const { text, start } = sample;
  for (const rung of ladder) if (rung.recognise(sample, context)) return { id: rung.id, sample };
  // An array, a string, a number or a JSON object of no known form: never an image. object() says what is wrong
  // with it as JSON (cut short, not an object) before it is reported as unrecognised.
  if (looksLikeJson(text, start)) sample.object();
  const head = JSON.stringify(text.slice(start, start + 16));
  // Base64 that holds no known file is most often headerless pixels (numpy's tobytes(), an OpenCV frame).
  const hint = /^[A-Za-z0-9+/]{16}/.test(text.slice(start, start + 16))
    ? '. If it is base64 of headerless pixels, pass their shape: textToImage(text, { raw: { width, height, mode } })'
    : '';
  throw new PixtextError('ERR_UNRECOGNIZED_TEXT', `The text is not ${forms}: it starts with ${head}${hint}`);
}

/**
 * The form handler of a text and the text prepared: recognised among every known form, then looked up in the
 * instance's forms.
 * @throws PixtextError as {@link recogniseText}, and `ERR_UNSUPPORTED` naming the form to pass when the instance
 * lacks it
 * @example
 * ```ts
 * const { form, sample } = recogniseForm(text, features.forms, context);
 * const payload = form.read(sample, context);
 * ```
 */
export function recogniseForm(input: unknown, forms: FormSet, context: ReadContext): { form: TextFormHandler; sample: TextSample } {
  const { id, sample } = recogniseText(input, FORM_LADDER, context, 'an envelope, Pillow dump, model API image block, data URL or base64 of an image file');
  return { form: forms.get(id), sample };
}
