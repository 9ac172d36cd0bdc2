// The Model Context Protocol's image content: {"type":"image","data":"<base64>","mimeType":"image/png"}.
// Spec: https://modelcontextprotocol.io/specification/2025-06-18/server/tools#image-content
import type { TextFormHandler, TextSample } from './form.js';
import { blockForm, recogniseBlock, stringField } from './model-block.js';
import type { BlockLayout } from './model-block.js';

const WHAT = 'The MCP image content';

const MCP_LAYOUT: BlockLayout<'mcp'> = {
  id: 'mcp',
  what: WHAT,
  matches: (object) => object['type'] === 'image' && typeof object['data'] === 'string' && Object.hasOwn(object, 'mimeType'),
  payload: (object) => ({
    base64: stringField(object, 'data', 'data', WHAT),
    mimeType: stringField(object, 'mimeType', 'mimeType', WHAT),
  }),
  write: (mimeType, base64) => `{"type":"image","data":"${base64}","mimeType":"${mimeType}"}`,
};

/** Whether a text is this block (the recognition ladder's rung, without the reader). */
export const recogniseMcpBlock = (sample: TextSample): boolean => recogniseBlock(MCP_LAYOUT, sample);

/**
 * MCP image content, `{"type":"image","data":"…","mimeType":"image/png"}` (what an MCP tool returns to show an
 * image): pass it to `createPixtext({ forms })` to write it with `as: 'mcp'` and read it in
 * `textToImage`/`inspect`/`textToFile`. The default functions have it.
 * @example
 * ```ts
 * import { imageToText } from 'pixtext';
 * const result = { content: [JSON.parse(imageToText(pngBytes, { as: 'mcp' }))] }; // a tool result
 * ```
 */
export const mcpBlockForm: TextFormHandler<'mcp'> = /* @__PURE__ */ blockForm(MCP_LAYOUT);
