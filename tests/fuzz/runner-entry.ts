// What `npm run fuzz` (scripts/fuzz.mjs) loads: the harness bundled once per build variant (with the Node twins,
// and without them as browsers get it), so the long run exercises the same two code paths as the test projects.
import { Campaign, compareOutcomes, inputAt, maxPixelsOf, outcomeOf } from './engine.js';
import type { CampaignOptions } from './engine.js';
import { loadSeeds } from './seeds.js';
import { TARGET_NAMES, createTargets } from './targets.js';
import type { Target } from './targets.js';

export { formatStats } from './report.js';
export { TARGET_NAMES, compareOutcomes, inputAt, maxPixelsOf, outcomeOf };

/** Seeds and targets loaded from a fixtures folder. */
export function loadTargets(fixtures: string): Target[] {
  return createTargets(loadSeeds(fixtures));
}

/** A campaign over every target (or the named ones), ready to run. */
export function createCampaign(fixtures: string, names: readonly string[] | undefined, options: CampaignOptions): Campaign {
  const targets = loadTargets(fixtures).filter((t) => names === undefined || names.includes(t.name));
  return new Campaign(targets, options);
}
