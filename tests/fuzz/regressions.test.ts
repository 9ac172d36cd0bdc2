// Replays every input the fuzzer ever found breaking an invariant (tests/fuzz/regressions/*.json, written by
// `npm run fuzz`): each must now be refused with a PixtextError, or read into an output meeting the invariants,
// within 1 s.
import { Buffer } from 'node:buffer';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classifyThrown } from './invariants.js';
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

    const start = performance.now();
    let problem: string | undefined;
    try {
      problem = target.check(target.run(input, MAX_PIXELS), input, MAX_PIXELS);
    } catch (error) {
      const outcome = classifyThrown(error);
      if ('escaped' in outcome) problem = outcome.escaped;
    }
    expect(problem, `first found as: ${regression.found}`).toBeUndefined();
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
