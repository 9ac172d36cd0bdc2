// Small JPEG byte-building helpers for tests (independent of the code under test).

/** `FF <marker>` followed by a big-endian length and `payload`. */
export function segment(marker: number, payload: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(4 + payload.length);
  out.set([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]);
  out.set(payload, 4);
  return out;
}

export function concat(...parts: ArrayLike<number>[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A frame header payload: 8-bit precision, then (id, h, v, tq) per component. */
export function sofPayload(width: number, height: number, components: [number, number, number, number][], precision = 8): number[] {
  return [precision, height >> 8, height & 0xff, width >> 8, width & 0xff, components.length, ...components.flatMap(([id, h, v, tq]) => [id, (h << 4) | v, tq])];
}

export interface Split {
  /** Header segments between SOI and the first SOS, each with its marker. */
  headers: { marker: number; bytes: Uint8Array }[];
  /** From the first SOS to the end of the file. */
  rest: Uint8Array;
}

/** Splits a well-formed file (as our encoder writes) into its header segments and the rest. */
export function splitHeaders(file: Uint8Array): Split {
  const headers: Split['headers'] = [];
  let at = 2;
  while (file[at + 1] !== 0xda) {
    const length = (file[at + 2]! << 8) | file[at + 3]!;
    headers.push({ marker: file[at + 1]!, bytes: file.subarray(at, at + 2 + length) });
    at += 2 + length;
  }
  return { headers, rest: file.subarray(at) };
}

export const SOI = [0xff, 0xd8];
export const EOI = [0xff, 0xd9];
