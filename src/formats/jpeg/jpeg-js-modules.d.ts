// Types for the two jpeg-js modules imported directly (its package types only describe the root entry).
// Importing them one by one lets a bundle that only decodes leave the encoder out, and vice versa.

declare module 'jpeg-js/lib/decoder.js' {
  interface JpegJsDecodeOptions {
    useTArray: true;
    colorTransform?: boolean;
    formatAsRGBA?: boolean;
    tolerantDecoding?: boolean;
    maxResolutionInMP?: number;
    maxMemoryUsageInMB?: number;
  }
  /** Decodes a JPEG file; throws plain `Error`s (and, on malformed tables, `TypeError`s). */
  function decode(
    jpegData: Uint8Array,
    options: JpegJsDecodeOptions,
  ): { width: number; height: number; data: Uint8Array };
  export default decode;
}

declare module 'jpeg-js/lib/encoder.js' {
  /** Encodes RGBA pixels (alpha ignored) as a baseline 4:4:4 JFIF JPEG; returns `Buffer.from(bytes)`. */
  function encode(
    image: { width: number; height: number; data: Uint8Array },
    quality: number,
  ): { width: number; height: number; data: Uint8Array };
  export default encode;
}
