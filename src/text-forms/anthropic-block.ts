// Anthropic's image content block (Messages API): {"type":"image","source":{"type":"base64","media_type":…,"data":…}}.
// Spec: https://docs.anthropic.com/en/docs/build-with-claude/vision (base64 source; media types image/jpeg,
// image/png, image/gif, image/webp).
import type { TextFormHandler, TextSample } from './form.js';
import { blockForm, recogniseBlock, objectField, stringField } from './model-block.js';
import type { BlockLayout } from './model-block.js';

const WHAT = 'The Anthropic image block';

const ANTHROPIC_LAYOUT: BlockLayout<'anthropic'> = {
  id: 'anthropic',
  what: WHAT,
  matches: (object) => object['type'] === 'image' && objectField(object, 'source')?.['type'] === 'base64',
  payload(object) {
    const source = objectField(object, 'source')!;
    return {
      mimeType: stringField(source, 'media_type', 'source.media_type', WHAT),
      base64: stringField(source, 'data', 'source.data', WHAT),
    };
  },
  write: (mimeType, base64) => `{"type":"image","source":{"type":"base64","media_type":"${mimeType}","data":"${base64}"}}`,
};

/** Whether a text is this block (the recognition ladder's rung, without the reader). */
export const recogniseAnthropicBlock = (sample: TextSample): boolean => recogniseBlock(ANTHROPIC_LAYOUT, sample);

/**
 * Anthropic's image content block, `{"type":"image","source":{"type":"base64","media_type":"image/png","data":"…"}}`:
 * pass it to `createPixtext({ forms })` to write it with `as: 'anthropic'` and read it in
 * `textToImage`/`inspect`/`textToFile`. The default functions have it.
 * @example
 * ```ts
 * import { imageToText } from 'pixtext';
 * const block = JSON.parse(imageToText(pngBytes, { as: 'anthropic' }));
 * const body = { model, max_tokens: 1024, messages: [{ role: 'user', content: [block, { type: 'text', text: 'Describe this.' }] }] };
 * ```
 */
export const anthropicBlockForm: TextFormHandler<'anthropic'> = /* @__PURE__ */ blockForm(ANTHROPIC_LAYOUT);
