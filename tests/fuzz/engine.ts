// Runs fuzz campaigns: inputs made from (seed, target, index), each timed and classified, outputs checked, and
// after each batch the target's known-good inputs decoded again and compared with their first result, so a reader
// left in a bad state by a hostile input is caught too. One input in MEMORY_SHARE runs at the default maxPixels with
// its memory growth measured against a ceiling (memory.ts). Shared by the quick pass in `npm test` and `npm run fuzz`.
import { crc32 } from 'node:zlib';
import { DEFAULT_MAX_PIXELS } from '../../src/raw-image.js';
import { classifyThrown } from './invariants.js';
import { MEMORY_SHARE, markMemory, memoryCeiling, memoryGrowth, mib } from './memory.js';
import { Rng, mixSeed } from './rng.js';
import type { FuzzInput, Target, TargetName } from './targets.js';

/** Counts for one target. */
export interface TargetStats {
  name: TargetName;
  inputs: number;
  /** Inputs the reader accepted (and whose output met the invariants). */
  accepted: number;
  /** Rejections by error code. */
  rejected: Record<string, number>;
  escapes: number;
  timeouts: number;
  violations: number;
  knownGoodChecks: number;
  knownGoodFailures: number;
  /** Inputs another reading (the other build) handled differently; only counted when a comparison is asked for. */
  differences: number;
  /** Inputs run at the default maxPixels with their memory measured, and those over the ceiling. */
  memoryChecks: number;
  memoryBreaches: number;
  /** The largest memory growth measured, in bytes. */
  maxMemory: number;
  maxMs: number;
  totalMs: number;
}

/** A broken invariant, with the input that broke it. */
export interface Failure {
  target: TargetName;
  /** The input's index in the target's stream (with the campaign seed, enough to rebuild it); -1 for known-good. */
  index: number;
  seed: number;
  kind: 'escape' | 'timeout' | 'violation' | 'known-good' | 'differential' | 'memory';
  /** The maxPixels the input ran with (the default one for the memory-measured share). */
  maxPixels: number;
  detail: string;
  ms: number;
  input: FuzzInput;
}

export interface CampaignOptions {
  seed: number;
  /** Largest image the readers may return; small, so any allocation beyond it shows. */
  maxPixels: number;
  /** An input running longer than this is a timeout. Defaults to 1000 ms. */
  timeoutMs?: number;
  /** Inputs between known-good checks. Defaults to 200. */
  batchSize?: number;
  /**
   * One input in this many runs at the default maxPixels with its memory measured (0: none). Defaults to
   * MEMORY_SHARE (8).
   */
  memoryShare?: number;
  /** The memory ceiling for an input of a size; defaults to memory.ts's `memoryCeiling`. */
  memoryCeiling?: (inputSize: number) => number;
  /** Called with every failure as it happens. */
  onFailure?: (failure: Failure) => void;
  /** Called before each input runs (the long runner's watchdog records where it is). */
  beforeInput?: (targetIndex: number, index: number) => void;
  /**
   * Called with each input's outcome (the output's digest, or the error code); returns what is wrong with it when
   * it disagrees with another reading of the same input (the long runner compares the Node and portable builds).
   */
  compare?: (targetIndex: number, input: FuzzInput, outcome: Outcome, maxPixels: number) => string | undefined;
}

/** What a reader did with an input: accepted it (with a digest of its output) or refused it (with a code). */
export type Outcome = { digest: string } | { code: string };

/** Runs a reader on an input and sums up what happened, for comparing two readings. Escapes count as refusals. */
export function outcomeOf(target: Target, input: FuzzInput, maxPixels: number): Outcome {
  try {
    return { digest: digest(target.run(input, maxPixels)) };
  } catch (error) {
    const outcome = classifyThrown(error);
    return { code: 'rejected' in outcome ? outcome.rejected : 'escape' };
  }
}

/**
 * The maxPixels input `index` runs with: the default one for one input in `share` (the memory-measured share), else
 * the campaign's fixed one.
 */
export function maxPixelsOf(index: number, fixed: number, share: number = MEMORY_SHARE): number {
  return share > 0 && index % share === share - 1 ? DEFAULT_MAX_PIXELS : fixed;
}

/** An input's size for the memory ceiling: its bytes, or its text's length in UTF-16 units. */
export function inputSize(input: FuzzInput): number {
  return input.bytes?.length ?? input.text?.length ?? 0;
}

/**
 * What is wrong when two builds read the same input as `mine` and `theirs`, or undefined when they agree: an image only
 * one gives, different images, an escape in the other, or refusals with different error codes (a caller handling
 * `ERR_TRUNCATED` must not see `ERR_CORRUPT` for the same bytes in a browser).
 * @example
 * ```ts
 * compareOutcomes({ code: 'ERR_CORRUPT' }, { code: 'ERR_TRUNCATED' }, 'node'); // 'the node build refuses with ERR_CORRUPT, the other with ERR_TRUNCATED'
 * ```
 */
export function compareOutcomes(mine: Outcome, theirs: Outcome, build: string): string | undefined {
  const describe = (o: Outcome) => ('digest' in o ? 'an image' : o.code);
  if ('digest' in mine && 'digest' in theirs) return mine.digest === theirs.digest ? undefined : 'the node and portable builds give different images';
  if ('digest' in mine || 'digest' in theirs) return `the ${build} build gives ${describe(mine)}, the other ${describe(theirs)}`;
  if (theirs.code === 'escape') return 'the other build lets an exception escape';
  return theirs.code === mine.code ? undefined : `the ${build} build refuses with ${mine.code}, the other with ${theirs.code}`;
}

/** The number a target name adds to the seed, so each target's stream does not depend on the others. */
function nameHash(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** Rebuilds input `index` of a target's stream for a campaign seed. */
export function inputAt(target: Target, seed: number, index: number): FuzzInput {
  return target.generate(new Rng(mixSeed(seed, nameHash(target.name), index)));
}

/** A digest of a reader's successful output, to compare runs (not a check of correctness). */
export function digest(value: unknown): string {
  const parts: string[] = [];
  const visit = (v: unknown, depth: number): void => {
    if (v instanceof Uint8Array) parts.push(`u8:${v.length}:${crc32(v) >>> 0}`);
    else if (typeof v === 'object' && v !== null && depth < 4) for (const k of Object.keys(v).sort()) {
      parts.push(k);
      visit((v as Record<string, unknown>)[k], depth + 1);
    }
    else parts.push(JSON.stringify(v) ?? 'undefined');
  };
  visit(value, 0);
  return parts.join('|');
}

/** One fuzz campaign over a list of targets. */
export class Campaign {
  readonly stats: TargetStats[];
  private readonly next: number[];
  private readonly known: Array<Array<{ input: FuzzInput; digest: string }>>;
  private readonly timeoutMs: number;
  private readonly batchSize: number;
  private readonly memoryShare: number;
  private readonly ceiling: (inputSize: number) => number;

  constructor(
    readonly targets: readonly Target[],
    private readonly options: CampaignOptions,
  ) {
    this.timeoutMs = options.timeoutMs ?? 1000;
    this.batchSize = options.batchSize ?? 200;
    this.memoryShare = options.memoryShare ?? MEMORY_SHARE;
    this.ceiling = options.memoryCeiling ?? memoryCeiling;
    this.stats = targets.map((t) => ({
      name: t.name,
      inputs: 0,
      accepted: 0,
      rejected: {},
      escapes: 0,
      timeouts: 0,
      violations: 0,
      knownGoodChecks: 0,
      knownGoodFailures: 0,
      differences: 0,
      memoryChecks: 0,
      memoryBreaches: 0,
      maxMemory: 0,
      maxMs: 0,
      totalMs: 0,
    }));
    this.next = targets.map(() => 0);
    // Up to three unmutated inputs per target that the reader accepts: their results now are the reference.
    this.known = targets.map((t) => {
      const found: Array<{ input: FuzzInput; digest: string }> = [];
      for (const input of t.pristine) {
        if (found.length === 3) break;
        try {
          found.push({ input, digest: digest(t.run(input, options.maxPixels)) });
        } catch {
          // not a known-good input
        }
      }
      return found;
    });
  }

  /** Known-good inputs of a target (the reference results are taken when the campaign starts). */
  knownGood(targetIndex: number): FuzzInput[] {
    return this.known[targetIndex]!.map((k) => k.input);
  }

  private fail(failure: Omit<Failure, 'seed'>): void {
    this.options.onFailure?.({ ...failure, seed: this.options.seed });
  }

  /** Runs one input through a target and records the outcome. */
  private runOne(targetIndex: number): void {
    const target = this.targets[targetIndex]!;
    const stats = this.stats[targetIndex]!;
    const index = this.next[targetIndex]!++;
    this.options.beforeInput?.(targetIndex, index);
    const input = inputAt(target, this.options.seed, index);
    const maxPixels = maxPixelsOf(index, this.options.maxPixels, this.memoryShare);
    const measured = maxPixels === DEFAULT_MAX_PIXELS && this.memoryShare > 0;
    let output: unknown;
    let thrown: unknown;
    let threw = false;
    const before = measured ? markMemory() : undefined;
    const start = performance.now();
    try {
      output = target.run(input, maxPixels);
    } catch (error) {
      threw = true;
      thrown = error;
    }
    const ms = performance.now() - start;
    // Measured while the output is still held.
    if (before !== undefined) this.checkMemory(targetIndex, index, input, memoryGrowth(before), ms);
    stats.inputs++;
    stats.totalMs += ms;
    if (ms > stats.maxMs) stats.maxMs = ms;
    if (ms > this.timeoutMs) {
      stats.timeouts++;
      this.fail({ target: target.name, index, kind: 'timeout', detail: `took ${ms.toFixed(0)} ms`, ms, input, maxPixels });
    }
    if (threw) {
      const outcome = classifyThrown(thrown);
      if ('rejected' in outcome) {
        stats.rejected[outcome.rejected] = (stats.rejected[outcome.rejected] ?? 0) + 1;
        this.compareOutcome(targetIndex, index, input, { code: outcome.rejected }, maxPixels);
      } else {
        stats.escapes++;
        this.fail({ target: target.name, index, kind: 'escape', detail: outcome.escaped, ms, input, maxPixels });
      }
      return;
    }
    const problem = target.check(output, input, maxPixels);
    if (problem === undefined) {
      stats.accepted++;
      this.compareOutcome(targetIndex, index, input, { digest: digest(output) }, maxPixels);
    } else {
      stats.violations++;
      this.fail({ target: target.name, index, kind: 'violation', detail: problem, ms, input, maxPixels });
    }
  }

  /** Records a measured input's memory growth; over the ceiling for its size is a failure of kind `memory`. */
  private checkMemory(targetIndex: number, index: number, input: FuzzInput, growth: number, ms: number): void {
    const stats = this.stats[targetIndex]!;
    stats.memoryChecks++;
    if (growth > stats.maxMemory) stats.maxMemory = growth;
    const size = inputSize(input);
    const ceiling = this.ceiling(size);
    if (growth <= ceiling) return;
    stats.memoryBreaches++;
    const detail = `memory grew by ${mib(growth)} for an input of ${size} bytes, over the ceiling of ${mib(ceiling)}`;
    this.fail({ target: this.targets[targetIndex]!.name, index, kind: 'memory', detail, ms, input, maxPixels: DEFAULT_MAX_PIXELS });
  }

  private compareOutcome(targetIndex: number, index: number, input: FuzzInput, outcome: Outcome, maxPixels: number): void {
    const problem = this.options.compare?.(targetIndex, input, outcome, maxPixels);
    if (problem === undefined) return;
    this.stats[targetIndex]!.differences++;
    this.fail({ target: this.targets[targetIndex]!.name, index, kind: 'differential', detail: problem, ms: 0, input, maxPixels });
  }

  /** Decodes the target's known-good inputs again; a different result means a hostile input left a mark. */
  checkKnownGood(targetIndex: number): void {
    const target = this.targets[targetIndex]!;
    const stats = this.stats[targetIndex]!;
    for (const { input, digest: expected } of this.known[targetIndex]!) {
      stats.knownGoodChecks++;
      let actual: string;
      try {
        actual = digest(target.run(input, this.options.maxPixels));
      } catch (error) {
        actual = `threw ${String(error)}`;
      }
      if (actual !== expected) {
        stats.knownGoodFailures++;
        this.fail({ target: target.name, index: -1, kind: 'known-good', detail: `known-good input now gives ${actual.slice(0, 200)}`, ms: 0, input, maxPixels: this.options.maxPixels });
      }
    }
  }

  /** Runs `count` more inputs of a target, in batches each followed by the known-good check. */
  runCount(targetIndex: number, count: number): void {
    for (let done = 0; done < count; ) {
      const batch = Math.min(this.batchSize, count - done);
      for (let i = 0; i < batch; i++) this.runOne(targetIndex);
      done += batch;
      this.checkKnownGood(targetIndex);
    }
  }

  /** Runs inputs of a target for about `ms` milliseconds (whole batches), then the known-good check. */
  runFor(targetIndex: number, ms: number): void {
    const end = performance.now() + ms;
    do {
      for (let i = 0; i < this.batchSize && performance.now() < end; i++) this.runOne(targetIndex);
      this.checkKnownGood(targetIndex);
    } while (performance.now() < end);
  }
}
