// Presets: what a model API takes, as data (docs/ARCHITECTURE.md#text-budget). `preset` sets `as`, the box of `fit`
// and `maxTextLength` from this table; any of them given explicitly wins. The values are the providers' published
// limits as of the date beside them; when a provider changes them, this table is the one place to update.

/** One provider's limits, as `imageToText`'s `preset` applies them. */
export interface ModelPreset {
  /** The text form: the provider's image block. */
  readonly as: 'anthropic' | 'openai';
  /** The file formats the provider takes; others are written as PNG (see the block forms). */
  readonly formats: readonly string[];
  /** The box the image is fitted into (Pillow's thumbnail(): never enlarged). */
  readonly fit: { readonly width: number; readonly height: number };
  /** EXIF orientation: applied, so the model sees the picture as a person does (no model reads the tag). */
  readonly orientation: 'apply';
  /** The longest text, in characters (the provider's per-image limit, counted on the base64 text, in decimal MB). */
  readonly maxTextLength: number;
  /** Where the values come from, and when they were read. */
  readonly source: { readonly url: string; readonly retrieved: string; readonly note: string };
}

/**
 * The presets of `imageToText({ preset })`, exported so the values can be read, compared and overridden (pass `as`,
 * `fit` or `maxTextLength` explicitly).
 * @example
 * ```ts
 * import { MODEL_PRESETS, imageToText } from 'pixtext';
 * MODEL_PRESETS.anthropic.fit; // { width: 1568, height: 1568 }
 * imageToText(photo, { preset: 'anthropic', maxTextLength: 1_000_000 }); // a tighter budget than the preset's
 * ```
 */
export const MODEL_PRESETS: Readonly<Record<'anthropic' | 'openai', ModelPreset>> = {
  anthropic: {
    as: 'anthropic',
    formats: ['png', 'jpeg', 'gif', 'webp'],
    fit: { width: 1568, height: 1568 },
    maxTextLength: 5_000_000,
    orientation: 'apply',
    source: {
      url: 'https://docs.anthropic.com/en/docs/build-with-claude/vision',
      retrieved: '2026-12-06',
      note: 'JPEG, PNG, GIF, WebP; 5 MB per image through the API; images are best at no more than 1568 px on the long side (about 1.15 megapixels), larger ones are scaled down',
    },
  },
  openai: {
    as: 'openai',
    formats: ['png', 'jpeg', 'gif', 'webp'],
    fit: { width: 2048, height: 2048 },
    maxTextLength: 50_000_000,
    orientation: 'apply',
    source: {
      url: 'https://platform.openai.com/docs/guides/images-vision',
      retrieved: '2026-12-06',
      note: 'PNG, JPEG, WEBP, non-animated GIF; up to 50 MB of payload per request; high detail fits the image into 2048 × 2048 first',
    },
  },
};

/** The names of {@link MODEL_PRESETS}. */
export type PresetName = keyof typeof MODEL_PRESETS;
