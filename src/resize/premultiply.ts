// Premultiplied alpha around a resize, as Pillow 9.4's Image.resize does for LA and RGBA with every filter but
// NEAREST (convert to La / RGBa, resize, convert back). The roundings are src/libImaging/Convert.c's: lA2la and
// rgbA2rgba multiply by MULDIV255 (the product plus 128, divided by 255 by two shifts), la2lA and rgba2rgbA divide
// by CLIP8(255 * c / alpha) in integers, leaving colour as it is where alpha is 0 or 255.

/** Premultiplies the colour samples of `channels`-sample pixels whose last sample is alpha, into a new array. */
export function premultiply8(data: Uint8Array, channels: number): Uint8Array {
  const out = new Uint8Array(data.length);
  const colours = channels - 1;
  for (let p = 0; p < data.length; p += channels) {
    const alpha = data[p + colours]!;
    for (let c = 0; c < colours; c++) {
      const t = data[p + c]! * alpha + 128;
      out[p + c] = ((t >> 8) + t) >> 8;
    }
    out[p + colours] = alpha;
  }
  return out;
}

/** Undoes {@link premultiply8} in place, with Pillow's integer division and clamp. */
export function unpremultiply8(data: Uint8Array, channels: number): void {
  const colours = channels - 1;
  for (let p = 0; p < data.length; p += channels) {
    const alpha = data[p + colours]!;
    if (alpha === 255 || alpha === 0) continue;
    for (let c = 0; c < colours; c++) {
      const v = Math.trunc((255 * data[p + c]!) / alpha);
      data[p + c] = v > 255 ? 255 : v;
    }
  }
}
