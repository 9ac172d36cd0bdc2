// The interface every text form implements, and the set of forms one pixtext instance has. The flows (imageToText,
// textToImage, textToFile, inspect, textToRawImage) talk to forms only through this interface, so adding a form is
// one module here and one rung in the recognition ladder (docs/ARCHITECTURE.md#3-text-forms).
import type { CodecSet } from '../api/codec-set.js';
import { invalidArgument, notConfigured } from '../errors.js';
import type { PixelMode, RawImage } from '../raw-image.js';
import { envelopeForm } from './envelope.js';
import type { EnvelopeEncoding, JsonObject } from './envelope-header.js';
import type { SlicedEnvelope } from './envelope-read.js';

/** The text forms: `'envelope' | 'pil' | 'data-url' | 'base64'` and the model API blocks `'anthropic' | 'openai' | 'mcp'`. */
export type FormId = 'envelope' | 'pil' | 'data-url' | 'base64' | 'anthropic' | 'openai' | 'mcp';

/** Which form a text is in, as recognised by `textToImage` and `inspect`. */
export type RecognisedForm = FormId;

/**
 * A text ready to be recognised and read: prepared once, so that recognising it and reading it never parse twice.
 */
export interface TextSample {
  /** The text, a leading byte order mark (U+FEFF) dropped: offsets in errors count from after it. */
  readonly text: string;
  /** Index of the first character that is not ASCII whitespace (the text's length if there is none). */
  readonly start: number;
  /** A JSON object shaped as the canonical envelope, cut into its parsed header and raw `data` string, else undefined. */
  readonly sliced: SlicedEnvelope | undefined;
  /**
   * The text parsed as one JSON object, parsed once.
   * @throws PixtextError `ERR_TRUNCATED` (cut short), `ERR_NOT_JSON` (not JSON, or JSON but not an object)
   */
  object(): JsonObject;
}

/** What reading a text may use: the instance's codecs and the pixel limit. */
export interface ReadContext {
  /** The codecs: to recognise a file inside bare base64, and to read a stored file's header. */
  readonly codecs: CodecSet;
  /** Largest width × height accepted, checked from a header before anything is allocated. */
  readonly maxPixels: number;
}

/** An image's size and mode as a text declares them. */
export interface DeclaredImage {
  width: number;
  height: number;
  mode: PixelMode;
}

/** @deprecated The size a Pillow dump declares; no longer part of the form interface (see {@link TextInfo}). */
export type DeclaredSize = DeclaredImage & { byteLength: number };

/**
 * What a form reads out of a text, verified as far as it can be without decoding a stored file: raw pixels, or the
 * bytes of an encoded file (with the size and mode the text declares for it, when it declares them).
 */
export type TextPayload = { kind: 'pixels'; image: RawImage } | StoredFile;

/** An encoded file a text holds, with the size and mode the text declares for it when it declares them. */
export interface StoredFile {
  kind: 'file';
  /** A built-in format, or a plug-in codec's id. */
  format: string;
  bytes: Uint8Array;
  declared?: DeclaredImage;
  /** The EXIF orientation the text declares for it (an envelope's `orientation`). */
  orientation?: number;
}

/**
 * What `imageToText` hands a form to write: raw pixels, or an encoded file of the image (with what `textToImage` will
 * return for it, read from the file's header only when a form stores it), and what to store alongside.
 */
export type TextSubject = {
  /** The format the image was read from, when it came from a file. */
  source?: string | undefined;
  /** A plain JSON object to store with the image (envelope only). */
  metadata?: Readonly<Record<string, unknown>> | undefined;
  /** A file's EXIF orientation (1–8), which it carries itself; the envelope records it too. Pixels carry theirs. */
  orientation?: number | undefined;
} & (
  | { kind: 'pixels'; image: RawImage }
  | { kind: 'file'; format: string; mimeType: string; bytes: Uint8Array; declared(): DeclaredImage }
);

/** What `inspect` reports about a text. */
export interface TextInfo {
  /** The text form. */
  form: RecognisedForm;
  /** The image `textToImage` returns (before its `mode` option). */
  width: number;
  height: number;
  mode: PixelMode;
  /** `raw` pixels, or the format of the stored file (a plug-in codec's id in a data URL or bare base64). */
  encoding: EnvelopeEncoding | (string & {});
  /** Bytes of the stored payload (raw pixels or file); for an envelope as declared, not verified. */
  byteLength: number;
  /** Characters in the text. */
  textLength: number;
  /** Envelope only: the version. */
  version?: number;
  /** Envelope only: the CRC-32 of the payload as declared (8 lowercase hex digits), not verified. */
  crc32?: string;
  /** Envelope only: the format the image was read from. */
  source?: string;
  /** Envelope only: the stored JSON object. */
  metadata?: Record<string, unknown>;
  /** Envelope only (raw `P`): the number of palette entries. */
  paletteEntries?: number;
  /**
   * Pillow dump of mode `P` only: `true` when the dump carries no palette (Pillow's dumps never do), so its indices
   * read as Pillow's greyscale ramp (index i is grey i, a `P` image without `palette`).
   */
  paletteMissing?: true;
  /** Data URL only: the declared media type. */
  mimeType?: string;
  /** The EXIF orientation (1–8): an envelope's `orientation`, or the tag of a stored JPEG, PNG or WebP file. */
  orientation?: number;
  /**
   * A stored file of a format with several frames (GIF): how many it holds; `textToImage` returns the first. Left
   * out when the stored file's header cannot be read (inspect verifies nothing).
   */
  frameCount?: number;
}

/**
 * One text form. Pass the ones you need beyond the envelope to `createPixtext({ forms })`: {@link pilDumpForm},
 * {@link dataUrlForm}, {@link base64Form}, {@link anthropicBlockForm}, {@link openaiBlockForm}, {@link mcpBlockForm}.
 */
export interface TextFormHandler<Id extends FormId = FormId> {
  readonly id: Id;
  /** Whether the text is in this form: cheap, from its first characters or its JSON keys; never decodes a payload. */
  recognise(sample: TextSample, context: ReadContext): boolean;
  /** The verified pixels or stored file of a text this form recognised; `maxPixels` checked before allocating. */
  read(sample: TextSample, context: ReadContext): TextPayload;
  /**
   * The text of an image. imageToText hands each form only what it can hold (raw pixels to the Pillow dump, a file to
   * data URLs and bare base64), refusing other combinations from the options before any work.
   */
  write(subject: TextSubject): string;
  /** What `inspect` reports about a text this form recognised, without decoding its payload. */
  inspect(sample: TextSample, context: ReadContext): TextInfo;
}

/** The Pillow dump JSON (`as: 'pil'`): {@link pilDumpForm}. */
export type PilDumpForm = TextFormHandler<'pil'>;
/** Data URLs of a file (`as: 'data-url'`): {@link dataUrlForm}. */
export type DataUrlForm = TextFormHandler<'data-url'>;
/** Bare base64 of a file (`as: 'base64'`): {@link base64Form}. */
export type Base64Form = TextFormHandler<'base64'>;

/** The forms of one instance. */
export interface FormSet {
  /** The handler of form `id`. @throws PixtextError `ERR_UNSUPPORTED` naming the export to pass in. */
  get<Id extends FormId>(id: Id): TextFormHandler<Id>;
}

// The forms createPixtext takes (the envelope is always there), what each is called in messages, and its export.
const OPTIONAL_FORMS: Record<Exclude<FormId, 'envelope'>, [what: string, exported: string]> = {
  pil: ['The Pillow dump form', 'pilDumpForm'],
  'data-url': ['The data URL form', 'dataUrlForm'],
  base64: ['The bare base64 form', 'base64Form'],
  anthropic: ['The Anthropic image block form', 'anthropicBlockForm'],
  openai: ['The OpenAI image block form', 'openaiBlockForm'],
  mcp: ['The MCP image content form', 'mcpBlockForm'],
};

const FORM_METHODS = ['recognise', 'read', 'write', 'inspect'] as const;

/**
 * Builds the look-up for the envelope and a list of other text forms.
 * @throws PixtextError `ERR_INVALID_ARGUMENT` for something that is not a form, or the same form twice.
 * @example
 * ```ts
 * createFormSet([dataUrlForm]).get('data-url') === dataUrlForm;
 * ```
 */
export function createFormSet(forms: unknown): FormSet {
  if (!Array.isArray(forms)) throw invalidArgument('an array of text forms', 'forms', forms);
  const byId = new Map<FormId, TextFormHandler>([['envelope', envelopeForm]]);
  forms.forEach((form: Partial<TextFormHandler> | null, index) => {
    const ok =
      typeof form === 'object' && form !== null && FORM_METHODS.every((name) => typeof form[name] === 'function');
    if (!ok || !Object.hasOwn(OPTIONAL_FORMS, form.id!) || byId.has(form.id!)) {
      throw invalidArgument(`text forms (${Object.values(OPTIONAL_FORMS).map(([, name]) => name).join(', ')}), each once`, `forms[${index}]`, form);
    }
    byId.set(form.id!, form as TextFormHandler);
  });
  return {
    get<Id extends FormId>(id: Id) {
      const form = byId.get(id);
      if (form === undefined) {
        const [what, exported] = OPTIONAL_FORMS[id as Exclude<FormId, 'envelope'>];
        throw notConfigured(what, `{ forms: [${exported}] }`);
      }
      return form as TextFormHandler<Id>;
    },
  };
}
