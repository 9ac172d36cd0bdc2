// OpenAI's image content part (Chat Completions): {"type":"image_url","image_url":{"url":"data:…;base64,…"}}, and
// reading also the Responses API's {"type":"input_image","image_url":"data:…"}.
// Spec: https://platform.openai.com/docs/guides/images-vision (base64 data URLs of PNG, JPEG, WEBP, non-animated GIF).
import type { TextFormHandler, TextSample } from './form.js';
import { blockForm, recogniseBlock, objectField, stringField } from './model-block.js';
import type { BlockLayout } from './model-block.js';

const WHAT = 'The OpenAI image block';

const OPENAI_LAYOUT: BlockLayout<'openai'> = {
  id: 'openai',
  what: WHAT,
  matches: (object) =>
    (object['type'] === 'image_url' && objectField(object, 'image_url') !== undefined) ||
    (object['type'] === 'input_image' && typeof object['image_url'] === 'string'),
  payload(object) {
    if (object['type'] === 'input_image') return { dataUrl: stringField(object, 'image_url', 'image_url', WHAT) };
    return { dataUrl: stringField(objectField(object, 'image_url')!, 'url', 'image_url.url', WHAT) };
  },
  write: (mimeType, base64) => `{"type":"image_url","image_url":{"url":"data:${mimeType};base64,${base64}"}}`,
};

/** Whether a text is this block (the recognition ladder's rung, without the reader). */
export const recogniseOpenaiBlock = (sample: TextSample): boolean => recogniseBlock(OPENAI_LAYOUT, sample);

/**
 * OpenAI's image content part, `{"type":"image_url","image_url":{"url":"data:image/png;base64,…"}}`: pass it to
 * `createPixtext({ forms })` to write it with `as: 'openai'` and read it (and the Responses API's
 * `{"type":"input_image","image_url":"data:…"}`) in `textToImage`/`inspect`/`textToFile`. A block that links to an
 * `https:` URL is `ERR_UNSUPPORTED`: pixtext does no I/O. The default functions have it.
 * @example
 * ```ts
 * import { imageToText } from 'pixtext';
 * const part = JSON.parse(imageToText(jpegBytes, { as: 'openai' }));
 * const body = { model, messages: [{ role: 'user', content: [{ type: 'text', text: 'Describe this.' }, part] }] };
 * ```
 */
export const openaiBlockForm: TextFormHandler<'openai'> = /* @__PURE__ */ blockForm(OPENAI_LAYOUT);
