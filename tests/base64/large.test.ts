import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from '../../src/base64/base64.js';
import { platform } from '../../src/platform-name.js';

// 256 MiB once, in the Node project; the portable project checks the same at 16 MiB, which crosses every chunk
// boundary of the portable codec many times over without doubling the suite's memory.
const MIB = 1024 * 1024;
const size = (platform === 'node' ? 256 : 16) * MIB + 1;

describe(`base64 at ${size} bytes (${platform})`, () => {
  it('round-trips, and every sampled slice equals Buffer’s encoding', () => {
    const bytes = new Uint8Array(size);
    const words = new Uint32Array(bytes.buffer, 0, size >>> 2);
    let x = 0x9e3779b9;
    for (let i = 0; i < words.length; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      words[i] = x;
    }
    bytes[size - 1] = 0xa5;

    const text = encodeBase64(bytes);
    expect(text.length).toBe(Math.ceil(size / 3) * 4);
    const groups = Math.floor(size / 3);
    for (const group of [0, 1, 4095, 4096, 262143, 262144, 1048575, 1048576, Math.floor(groups / 2), groups - 2]) {
      const start = group * 3;
      const expected = Buffer.from(bytes.buffer, start, Math.min(3000, size - start)).toString('base64');
      expect(text.slice(group * 4, group * 4 + expected.length)).toBe(expected);
    }
    expect(text.endsWith(Buffer.from(bytes.buffer, groups * 3).toString('base64'))).toBe(true);

    const back = decodeBase64(text);
    expect(back.length).toBe(size);
    expect(Buffer.compare(back, bytes)).toBe(0);
  });
});
