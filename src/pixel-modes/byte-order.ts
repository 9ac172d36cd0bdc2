// Pixel data is defined byte by byte (16-bit samples and BMP words little-endian), but whole-word loads and stores
// through Uint16Array/Uint32Array views follow the platform's byte order. Loops that use them for speed run only
// when this is true (every common platform) and keep a byte-wise path for the others.
function isLittleEndian(): boolean {
  return new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
}

/** True on little-endian platforms. */
export const LITTLE_ENDIAN = /* @__PURE__ */ isLittleEndian();
