// The one internal entry point (docs/ARCHITECTURE.md#4-folder-map): what the command line needs beyond the public API
// of src/index.ts. Not in the package's exports and without a stability promise: it changes with the command line.
import { DEFAULT_FEATURES, inspect } from './api/default.js';
import { imageToTextWith } from './api/image-to-text.js';
import type { ImageInput } from './api/image-to-text.js';
import type { ImageToTextOptions } from './api/options.js';
import { envelopeContent } from './text-forms/envelope.js';
import { writeEnvelopeBytes } from './text-forms/envelope-write.js';

export { describeValue } from './errors.js';
export { containerName } from './formats/containers.js';

/** One image as one line of text, as bytes, with what `inspect` would show of it. */
export interface TextLine {
  /** The text and `suffix`, as UTF-8 (ASCII for an envelope), in an ArrayBuffer of its own. */
  readonly line: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly mode: string;
}

/**
 * `imageToText(input, options)` followed by `suffix`, as bytes. An envelope is written as bytes directly, with no
 * string of the whole text: for a batch of files that is most of the work saved (no large string to build, copy and
 * collect). The other forms are their string, encoded.
 * @throws PixtextError as `imageToText`
 * @example
 * ```ts
 * const { line, width } = imageToTextLine(pngBytes, { metadata: { path: 'a/b.png' } }, '\n');
 * ```
 */
export function imageToTextLine(input: ImageInput, options: ImageToTextOptions | undefined, suffix: string): TextLine {
  // A text budget measures whole texts, so it writes strings.
  if (options?.maxTextLength !== undefined || options?.preset !== undefined) {
    const text = imageToTextWith(DEFAULT_FEATURES, input, options);
    const { width, height, mode } = inspect(text);
    return { line: new TextEncoder().encode(text + suffix), width, height, mode };
  }
  return imageToTextWith(DEFAULT_FEATURES, input, options, (form, subject) => {
    if (form.id === 'envelope') {
      const content = envelopeContent(subject);
      return { line: writeEnvelopeBytes(content, suffix), width: content.width, height: content.height, mode: content.mode };
    }
    const text = form.write(subject);
    const { width, height, mode } = inspect(text);
    return { line: new TextEncoder().encode(text + suffix), width, height, mode };
  });
}
