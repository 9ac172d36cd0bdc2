// Memory and time accounting for the bomb and limit tests. Two counters are read around the call: the resident set
// (what the process really holds) and `arrayBuffers` (every typed-array backing store allocated and not yet
// collected), which also catches a large zero-filled allocation the system has not committed yet.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect } from 'vitest';
import { PixtextError } from '../../src/errors.js';
import type { ErrorCode } from '../../src/errors.js';

export const MiB = 1024 * 1024;

/** The bound every bomb and limit case must stay under. */
export const MEMORY_BOUND = 64 * MiB;

// A full collection before each measurement, so garbage left by earlier tests cannot be freed during the call and
// hide what the call allocates. Node exposes gc() to a new context once the flag is set.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** The outcome of one measured call. */
export interface Measured<T> {
  value?: T;
  error?: unknown;
  ms: number;
  /** Growth of the resident set during the call. */
  rss: number;
  /** Growth of memory held by ArrayBuffers during the call (garbage included: nothing is collected in between). */
  buffers: number;
}

/** Runs `fn` once, catching what it throws, and reports its time and memory growth. */
export function measure<T>(fn: () => T): Measured<T> {
  // Twice: backing stores freed by one collection are released concurrently, and the next one finishes that first.
  gc();
  gc();
  const before = process.memoryUsage();
  const start = performance.now();
  let value: T | undefined;
  let error: unknown;
  let threw = false;
  try {
    value = fn();
  } catch (e) {
    threw = true;
    error = e;
  }
  const ms = performance.now() - start;
  const after = process.memoryUsage();
  const out: Measured<T> = { ms, rss: after.rss - before.rss, buffers: after.arrayBuffers - before.arrayBuffers };
  if (threw) out.error = error;
  else out.value = value as T;
  return out;
}

/** Asserts a measured call stayed under the memory bound (and `maxMs`). */
export function expectBounded(m: Measured<unknown>, maxMs = 2000): void {
  expect(m.rss, 'resident set growth').toBeLessThan(MEMORY_BOUND);
  expect(m.buffers, 'ArrayBuffer growth').toBeLessThan(MEMORY_BOUND);
  expect(m.ms, 'milliseconds').toBeLessThan(maxMs);
}

/** Runs `fn`, asserts it throws a PixtextError with `code` within the memory bound, and returns the error. */
export function expectRefused(fn: () => unknown, code: ErrorCode, maxMs?: number): PixtextError {
  const m = measure(fn);
  expect(m.error, `expected ${code}, but it returned`).toBeInstanceOf(PixtextError);
  expect((m.error as PixtextError).code).toBe(code);
  expectBounded(m, maxMs);
  return m.error as PixtextError;
}

/** Runs `fn`, asserts it returns within the memory bound, and returns its value. */
export function expectAccepted<T>(fn: () => T, maxMs?: number): T {
  const m = measure(fn);
  if (m.error !== undefined) throw m.error;
  expectBounded(m, maxMs);
  return m.value as T;
}
