// The fuzz harness catches what it claims to: escapes, timeouts, oversized or inconsistent outputs, and readers
// left in a bad state. Fake readers with planted faults stand in for broken decoders.
import { describe, expect, it } from 'vitest';
import { ErrorCode, PixtextError } from '../../src/errors.js';
import { Campaign, compareOutcomes, inputAt } from './engine.js';
import type { Failure } from './engine.js';
import { checkImage } from './invariants.js';
import { memoryCeiling } from './memory.js';
import { DEFAULT_MAX_PIXELS } from '../../src/raw-image.js';
import type { Target } from './targets.js';

/** A reader whose behaviour is chosen by the input's first byte; `state` lets it be corrupted by an input. */
function faultyTarget(plant: (byte: number, state: { broken: boolean }) => unknown): Target {
  const state = { broken: false };
  return {
    name: 'png',
    generate: (rng) => ({ bytes: Uint8Array.of(rng.below(256)) }),
    run: (input) => {
      const byte = input.bytes![0]!;
      if (byte === 0) return state.broken ? { width: 1, height: 1, mode: 'L', data: Uint8Array.of(9) } : { width: 1, height: 1, mode: 'L', data: Uint8Array.of(0) };
      return plant(byte, state);
    },
    check: (output, _input, maxPixels) => checkImage(output, maxPixels),
    pristine: [{ bytes: Uint8Array.of(0) }],
  };
}

function run(target: Target, count: number, timeoutMs = 1000, memoryCeiling?: (size: number) => number): { failures: Failure[]; campaign: Campaign } {
  const failures: Failure[] = [];
  const campaign = new Campaign([target], {
    seed: 7,
    maxPixels: 100,
    timeoutMs,
    batchSize: 50,
    onFailure: (f) => failures.push(f),
    ...(memoryCeiling === undefined ? {} : { memoryCeiling }),
  });
  campaign.runCount(0, count);
  return { failures, campaign };
}

const reject = () => {
  throw new PixtextError(ErrorCode.CORRUPT, 'bad');
};

describe('fuzz harness', () => {
  it('counts PixtextErrors with a known code as rejections, by code', () => {
    const { failures, campaign } = run(faultyTarget(reject), 200);
    expect(failures).toEqual([]);
    const stats = campaign.stats[0]!;
    expect(stats.inputs).toBe(200);
    expect(stats.accepted + (stats.rejected['ERR_CORRUPT'] ?? 0)).toBe(200);
    expect(stats.rejected['ERR_CORRUPT']).toBeGreaterThan(150);
  });

  it('reports a TypeError, a PixtextError with an unknown code and a thrown string as escapes, with the input', () => {
    const { failures, campaign } = run(
      faultyTarget((byte) => {
        if (byte === 1) throw new TypeError('x is undefined');
        if (byte === 2) throw new PixtextError('ERR_MADE_UP' as never, 'x');
        if (byte === 3) throw 'a string';
        return reject();
      }),
      3000,
    );
    const escapes = failures.filter((f) => f.kind === 'escape');
    expect(new Set(escapes.map((f) => f.input.bytes![0]))).toEqual(new Set([1, 2, 3]));
    expect(escapes.find((f) => f.input.bytes![0] === 1)!.detail).toMatch(/^TypeError: x is undefined/);
    expect(campaign.stats[0]!.escapes).toBe(escapes.length);
  });

  it('reports an input running past the time limit as a timeout', () => {
    const { failures } = run(
      faultyTarget((byte) => {
        if (byte === 5) {
          const end = performance.now() + 30;
          while (performance.now() < end);
        }
        return reject();
      }),
      600,
      20,
    );
    const timeouts = failures.filter((f) => f.kind === 'timeout');
    expect(timeouts.length).toBeGreaterThan(0);
    expect(timeouts.every((f) => f.input.bytes![0] === 5 && f.ms >= 20)).toBe(true);
  });

  it('reports images over maxPixels, or with data of the wrong length, as violations', () => {
    const { failures } = run(
      faultyTarget((byte) => {
        if (byte === 7) return { width: 11, height: 10, mode: 'L', data: new Uint8Array(110) };
        if (byte === 8) return { width: 2, height: 2, mode: 'RGB', data: new Uint8Array(11) };
        return reject();
      }),
      3000,
    );
    const details = new Set(failures.filter((f) => f.kind === 'violation').map((f) => f.detail));
    expect(details).toEqual(new Set(['11×10 is over maxPixels 100', 'data holds 11 bytes, a 2×2 RGB image needs 12']));
  });

  it('runs one input in 8 at the default maxPixels, measured, and reports growth over the ceiling as memory', () => {
    const held: Uint8Array[] = [];
    const limits: number[] = [];
    const { failures, campaign } = run(
      faultyTarget((byte) => {
        // 16 MiB kept past the call, as a decoder's output is: over the 8 MiB ceiling below.
        if (byte === 6) held.push(new Uint8Array(16 * 2 ** 20).fill(1));
        return reject();
      }),
      4000,
      1000,
      (size) => {
        limits.push(size);
        return 8 * 2 ** 20;
      },
    );
    const stats = campaign.stats[0]!;
    expect(stats.memoryChecks).toBe(500);
    expect(new Set(limits)).toEqual(new Set([1])); // the ceiling is asked for the input's size in bytes
    const memory = failures.filter((f) => f.kind === 'memory');
    expect(memory.length).toBeGreaterThan(0);
    expect(stats.memoryBreaches).toBe(memory.length);
    expect(memory.every((f) => f.input.bytes![0] === 6 && f.index % 8 === 7 && f.maxPixels === DEFAULT_MAX_PIXELS)).toBe(true);
    expect(memory[0]!.detail).toMatch(/^memory grew by 1\d\.\d MiB for an input of 1 bytes, over the ceiling of 8\.0 MiB$/);
    expect(stats.maxMemory).toBeGreaterThanOrEqual(16 * 2 ** 20);
    held.length = 0;
  });

  it('compares two builds: an image against a refusal, different images, and different error codes are differences', () => {
    expect(compareOutcomes({ digest: 'a' }, { digest: 'a' }, 'node')).toBeUndefined();
    expect(compareOutcomes({ code: 'ERR_CORRUPT' }, { code: 'ERR_CORRUPT' }, 'node')).toBeUndefined();
    expect(compareOutcomes({ digest: 'a' }, { digest: 'b' }, 'node')).toBe('the node and portable builds give different images');
    expect(compareOutcomes({ digest: 'a' }, { code: 'ERR_CORRUPT' }, 'portable')).toBe('the portable build gives an image, the other ERR_CORRUPT');
    expect(compareOutcomes({ code: 'ERR_CORRUPT' }, { code: 'escape' }, 'node')).toBe('the other build lets an exception escape');
    expect(compareOutcomes({ code: 'ERR_CORRUPT' }, { code: 'ERR_TRUNCATED' }, 'node')).toBe('the node build refuses with ERR_CORRUPT, the other with ERR_TRUNCATED');
  });

  it('bounds the memory of an input by 24,768 × its size + 176 MiB', () => {
    expect([memoryCeiling(0), memoryCeiling(1000)]).toEqual([176 * 2 ** 20, 24_768_000 + 176 * 2 ** 20]);
  });

  it('notices a reader that a hostile input left in a bad state', () => {
    const { failures } = run(
      faultyTarget((byte, state) => {
        if (byte === 9) state.broken = true;
        return reject();
      }),
      3000,
    );
    expect(failures.some((f) => f.kind === 'known-good' && f.input.bytes![0] === 0)).toBe(true);
  });

  it('rebuilds the same input from seed and index, and other inputs from other indices', () => {
    const target = faultyTarget(reject);
    const first = Array.from({ length: 64 }, (_, i) => inputAt(target, 42, i).bytes![0]);
    const again = Array.from({ length: 64 }, (_, i) => inputAt(target, 42, i).bytes![0]);
    const otherSeed = Array.from({ length: 64 }, (_, i) => inputAt(target, 43, i).bytes![0]);
    expect(again).toEqual(first);
    expect(otherSeed).not.toEqual(first);
    expect(new Set(first).size).toBeGreaterThan(40);
  });
});
