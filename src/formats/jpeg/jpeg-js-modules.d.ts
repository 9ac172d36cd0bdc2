// Types for the jpeg-js module imported directly (its package types only describe the root entry): the encoder.
// Importing it alone keeps jpeg-js's decoder out of every bundle.

declare module 'jpeg-js/lib/encoder.js' {
  /** Encodes RGBA pixels (alpha ignored) as a baseline 4:4:4 JFIF JPEG; returns `Buffer.from(bytes)`. */
  function encode(
    image: { width: number; height: number; data: Uint8Array },
    quality: number,
  ): { width: number; height: number; data: Uint8Array };
  export default encode;
}
