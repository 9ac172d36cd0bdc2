// Text forms beyond the envelope (docs/ARCHITECTURE.md#other-text-forms): the Pillow dump, data URLs and bare base64 of a file. An instance
// reads and writes only the forms passed to createPixtext({ forms }); the envelope is always there.
import { invalidArgument } from '../errors.js';
import type { PixelMode, RawImage } from '../raw-image.js';
import type { CodecSet } from '../api/codec-set.js';
import { notConfigured } from '../api/not-configured.js';

/** An image's size and mode as a text declares it, read without decoding the pixels. */
export interface DeclaredSize {
  width: number;
  height: number;
  mode: PixelMode;
  /** Bytes of the raw pixels. */
  byteLength: number;
}

/** The Pillow dump JSON (`as: 'pil'`): use {@link pilDumpForm}. */
export interface PilDumpForm {
  readonly id: 'pil';
  /** The dump of `image`; `source` (e.g. `'png'`) goes in `img_info.format`, upper-cased. */
  write(image: RawImage, source: string | undefined): string;
  /** The image of a parsed dump, `maxPixels` checked before decoding. */
  read(dump: Record<string, unknown>, maxPixels: number): RawImage;
  /** What a parsed dump declares. */
  inspect(dump: Record<string, unknown>): DeclaredSize;
}

/** Data URLs of a file (`as: 'data-url'`): use {@link dataUrlForm}. */
export interface DataUrlForm {
  readonly id: 'data-url';
  write(mimeType: string, bytes: Uint8Array): string;
  /** The media type and bytes of a data URL; a long one is refused over `maxPixels` from its first bytes. */
  read(text: string, codecs: CodecSet, maxPixels: number): { mimeType: string; bytes: Uint8Array };
}

/** Bare base64 of a file (`as: 'base64'`): use {@link base64Form}. */
export interface Base64Form {
  readonly id: 'base64';
  write(bytes: Uint8Array): string;
  /** The bytes of base64 text from `start`; a long one is refused over `maxPixels` from its first bytes. */
  read(text: string, start: number, codecs: CodecSet, maxPixels: number): Uint8Array;
}

/** A text form to pass to `createPixtext({ forms })`: {@link pilDumpForm}, {@link dataUrlForm}, {@link base64Form}. */
export type TextFormHandler = PilDumpForm | DataUrlForm | Base64Form;

type FormId = TextFormHandler['id'];

/** The forms of one instance. */
export interface FormSet {
  /** The handler of form `id`. @throws PixtextError `ERR_UNSUPPORTED` naming the export to pass in. */
  get<Id extends FormId>(id: Id): Extract<TextFormHandler, { id: Id }>;
}

// What each form is called in messages, and the export that provides it.
const FORM_NAMES: Record<FormId, [what: string, exported: string]> = {
  pil: ['The Pillow dump form', 'pilDumpForm'],
  'data-url': ['The data URL form', 'dataUrlForm'],
  base64: ['The bare base64 form', 'base64Form'],
};

/**
 * Builds the look-up for a list of text forms.
 * @throws PixtextError `ERR_INVALID_ARGUMENT` for something that is not a form, or the same form twice.
 * @example
 * ```ts
 * createFormSet([dataUrlForm]).get('data-url') === dataUrlForm;
 * ```
 */
export function createFormSet(forms: unknown): FormSet {
  if (!Array.isArray(forms)) throw invalidArgument('an array of text forms', 'forms', forms);
  const byId = new Map<FormId, TextFormHandler>();
  forms.forEach((form: Partial<TextFormHandler> | null, index) => {
    const ok = typeof form === 'object' && form !== null && typeof form.write === 'function' && typeof form.read === 'function';
    if (!ok || !Object.hasOwn(FORM_NAMES, form.id!) || byId.has(form.id!)) {
      throw invalidArgument('pilDumpForm, dataUrlForm or base64Form, each once', `forms[${index}]`, form);
    }
    byId.set(form.id!, form as TextFormHandler);
  });
  return {
    get<Id extends FormId>(id: Id) {
      const form = byId.get(id);
      if (form === undefined) throw notConfigured(FORM_NAMES[id][0], `{ forms: [${FORM_NAMES[id][1]}] }`);
      return form as Extract<TextFormHandler, { id: Id }>;
    },
  };
}
