// The quick fuzz pass in `npm test`: a fixed seed, a fixed number of inputs per reader (over 50,000 in all), every
// invariant of the fuzz harness checked (one input in 8 at the default maxPixels under the memory ceiling, with no
// breach allowed), and the counts printed. `npm run fuzz -- --minutes N` runs the same harness
// for longer with other seeds.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Campaign } from './engine.js';
import type { Failure } from './engine.js';
import { formatStats } from './report.js';
import { loadSeeds } from './seeds.js';
import { createTargets } from './targets.js';

const SEED = 0x5eed_2026;
const MAX_PIXELS = 1 << 16;
/** Inputs per reader; the cheap text readers get more, the JPEG decoder fewer. */
const COUNTS: Record<string, number> = {
  png: 9000,
  bmp: 9000,
  jpeg: 5000,
  envelope: 8000,
  'pil-dump': 6000,
  'data-url': 6000,
  textToImage: 9000,
  webp: 4000,
  gif: 4000,
};

describe(`quick fuzz pass (${process.env['PIXTEXT_PROJECT'] ?? 'node'})`, () => {
  const seeds = loadSeeds(fileURLToPath(new URL('../fixtures/', import.meta.url)));
  const failures: Failure[] = [];
  const campaign = new Campaign(createTargets(seeds), { seed: SEED, maxPixels: MAX_PIXELS, onFailure: (f) => failures.push(f) });

  it('has seeds and known-good inputs for every reader', () => {
    for (const [i, target] of campaign.targets.entries()) {
      expect(target.pristine.length, target.name).toBeGreaterThan(3);
      expect(campaign.knownGood(i).length, target.name).toBeGreaterThan(0);
    }
  });

  for (const [i, name] of Object.keys(COUNTS).entries()) {
    it(`${name}: ${COUNTS[name]} inputs, only PixtextError, each within 1 s, outputs within maxPixels, memory within its ceiling`, () => {
      expect(campaign.targets[i]!.name).toBe(name);
      campaign.runCount(i, COUNTS[name]!);
      const own = failures.filter((f) => f.target === name);
      expect(own.map((f) => `${f.kind} #${f.index}: ${f.detail}`)).toEqual([]);
      const stats = campaign.stats[i]!;
      expect(stats.inputs).toBe(COUNTS[name]);
      // Both sides of the reader were reached: some inputs accepted, some rejected.
      expect(stats.accepted).toBeGreaterThan(0);
      expect(stats.inputs - stats.accepted).toBeGreaterThan(0);
    });
  }

  it('covered at least 50,000 inputs with no escape, no timeout and no memory breach', () => {
    const total = campaign.stats.reduce((n, s) => n + s.inputs, 0);
    console.log(formatStats(campaign.stats, `quick fuzz pass, ${process.env['PIXTEXT_PROJECT'] ?? 'node'} project, seed ${SEED.toString(16)}`));
    expect(total).toBeGreaterThanOrEqual(50_000);
    expect(campaign.stats.map((s) => [s.name, s.escapes, s.timeouts, s.violations, s.knownGoodFailures, s.memoryBreaches])).toEqual(
      campaign.stats.map((s) => [s.name, 0, 0, 0, 0, 0]),
    );
    // One input in 8 of every reader ran at the default maxPixels with its memory measured (memory.ts).
    for (const s of campaign.stats) if (s.inputs > 0) expect(s.memoryChecks, s.name).toBe(Math.floor(s.inputs / 8));
  });
});
