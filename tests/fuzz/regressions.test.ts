// Replays every input the fuzzer ever found breaking an invariant (tests/fuzz/regressions/*.json, written by
// `npm run fuzz`): each must now be refused with a PixtextError, or read into an output meeting the invariants,
// within 1 s, with the maxPixels it was found with (the memory-measured share runs at the default one), its memory
// growth within the harness's ceiling.
import { Buffer } from 'node:buffer';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inputSize } from './engine.js';
import { classifyThrown } from './invariants.js';
import { markMemory, memoryCeiling, memoryGrowth, mib } from './memory.js';
import { loadSeeds } from './seeds.js';
import { TARGET_NAMES, createTargets } from './targets.js';
import type { FuzzInput } from './targets.js';
import type { PixelMode } from '../../src/raw-image.js';

const DIR = new URL('./regressions/', import.meta.url);
const MAX_PIXELS = 1 << 16;

interface Regression {
  target: string;
  found: string;
  seed: number;
  index: number;
  bytes?: string;
  text?: string;
  mode?: string;
  /** The maxPixels it ran with when found, when not the harness's fixed 65,536. */
  maxPixels?: number;
}

const files = readdirSync(DIR)
  .filter((name) => name.endsWith('.json'))
  .sort();

describe('fuzz regressions', () => {
  const targets = createTargets(loadSeeds(fileURLToPath(new URL('../fixtures/', import.meta.url))));

  it.each(files)('%s', (name) => {
    const regression = JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as Regression;
    expect(TARGET_NAMES).toContain(regression.target);
    expect(name.startsWith(`${regression.target}-`)).toBe(true);
    expect((regression.bytes === undefined) !== (regression.text === undefined)).toBe(true);
    const input: FuzzInput = regression.bytes !== undefined ? { bytes: new Uint8Array(Buffer.from(regression.bytes, 'base64')) } : { text: regression.text! };
    if (regression.mode !== undefined) input.mode = regression.mode as PixelMode;
    const target = targets.find((t) => t.name === regression.target)!;

    const maxPixels = regression.maxPixels ?? MAX_PIXELS;
    const before = markMemory();
    const start = performance.now();
    let problem: string | undefined;
    try {
      const output = target.run(input, maxPixels);
      const growth = memoryGrowth(before);
      if (growth > memoryCeiling(inputSize(input))) problem = `memory grew by ${mib(growth)}, over ${mib(memoryCeiling(inputSize(input)))}`;
      problem ??= target.check(output, input, maxPixels);
    } catch (error) {
      const outcome = classifyThrown(error);
      if ('escaped' in outcome) problem = outcome.escaped;
    }
    expect(problem, `first found as: ${regression.found}`).toBeUndefined();
    expect(performance.now() - start).toBeLessThan(1000);
    // A refusal is checked too: the memory a reader took before refusing counts.
    const growth = memoryGrowth(before);
    expect(growth, `memory grew by ${mib(growth)}`).toBeLessThanOrEqual(memoryCeiling(inputSize(input)));
  });
});
