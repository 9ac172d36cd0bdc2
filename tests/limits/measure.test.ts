// The memory accounting of the limit tests notices what it must: an allocation beyond the bound, touched or not.
import { describe, expect, it } from 'vitest';
import { MEMORY_BOUND, MiB, measure } from './measure.js';

describe('limit test accounting', () => {
  it('sees a 96 MiB allocation that is written to, in the resident set and in ArrayBuffers', () => {
    let keep: Uint8Array | undefined;
    const m = measure(() => {
      keep = new Uint8Array(96 * MiB).fill(1);
    });
    expect(m.rss).toBeGreaterThan(MEMORY_BOUND);
    expect(m.buffers).toBeGreaterThan(MEMORY_BOUND);
    expect(keep!.length).toBe(96 * MiB);
    keep = undefined;
  });

  it('sees a 96 MiB allocation never written to, in ArrayBuffers', () => {
    let keep: Uint8Array | undefined;
    const m = measure(() => {
      keep = new Uint8Array(96 * MiB);
    });
    expect(m.buffers).toBeGreaterThan(MEMORY_BOUND);
    expect(keep!.length).toBe(96 * MiB);
    keep = undefined;
  });

  it('reports what the call threw', () => {
    const m = measure(() => {
      throw new RangeError('x');
    });
    expect(m.error).toBeInstanceOf(RangeError);
    expect(m.value).toBeUndefined();
  });
});
