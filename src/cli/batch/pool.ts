// Runs batch tasks on worker threads and hands the results back in input order, whatever order the workers finish
// in. A window bounds how many tasks may be started but not yet delivered, so memory stays bounded by
// `window` × the largest task even when one slow task holds up delivery; the source is only read when a slot is free.
import type { Worker } from 'node:worker_threads';
import { describeFailure, type FailureDescription } from '../report.js';

/**
 * Tasks the batch commands queue on each worker: a small file takes a worker about a millisecond, and with as many
 * workers as cores the main thread may wait that long for a core before it can hand out more.
 */
export const QUEUED_PER_WORKER = 4;

/** A task to post to a worker, with the buffers to move (not copy) to it. */
export interface PoolTask {
  readonly message: unknown;
  readonly transfer?: readonly ArrayBuffer[];
  /** Its size (say, input bytes), counted against {@link PoolOptions.maxWeight} until delivered. Defaults to 0. */
  readonly weight?: number;
}

/** A result known without a worker (e.g. an input line that is too long to parse), delivered in its place in order. */
export interface PoolImmediate {
  readonly outcome: TaskOutcome;
}

/** What a task came to: a worker's value, or a failure. */
export type TaskOutcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: FailureDescription };

/** The message a worker posts back for each task: `{ id, ok: true, value }` or `{ id, ok: false, error }`. */
export type WorkerReply = { readonly id: number } & TaskOutcome;

/** Options of {@link OrderedPool}. */
export interface PoolOptions {
  /** Worker threads to use at most (started lazily, as tasks arrive). */
  readonly jobs: number;
  /** Starts one worker thread speaking the {@link WorkerReply} protocol. */
  readonly createWorker: () => Worker;
  /** Tasks started but not yet delivered, at most. Defaults to jobs × (perWorker + 2). */
  readonly window?: number;
  /**
   * Tasks queued on one worker at once, so it never idles between messages. Defaults to 2. More keeps workers with
   * small tasks busy when the main thread shares a core with them and waits a few milliseconds for it; the cost is
   * that a worker that dies fails every task queued on it.
   */
  readonly perWorker?: number;
  /**
   * Total weight of tasks started but not yet delivered, at most; a task heavier than this still runs, alone.
   * Bounds memory by bytes when task sizes vary widely. Defaults to Infinity.
   */
  readonly maxWeight?: number;
}

interface Slot {
  readonly worker: Worker;
  /** Task ids posted to this worker and not answered yet, with their input index. */
  readonly pending: Map<number, number>;
}

/**
 * An ordered worker pool.
 *
 * @example
 * ```ts
 * const pool = new OrderedPool({ jobs: 4, createWorker: () => new Worker(url) });
 * await pool.run(tasks, async (index, outcome) => { ... }); // called for index 0, 1, 2, … in order
 * await pool.close();
 * ```
 */
export class OrderedPool {
  private readonly slots: Slot[] = [];
  private readonly window: number;
  private readonly perWorker: number;
  private readonly results = new Map<number, TaskOutcome>();
  private readonly weights = new Map<number, number>();
  private weightInFlight = 0;
  private deliver: (index: number, outcome: TaskOutcome) => void | Promise<void> = () => undefined;
  private delivering: Promise<void> = Promise.resolve();
  private pumping = false;
  private nextId = 0;
  private nextDelivery = 0;
  private wake: (() => void) | undefined;
  private failure: { error: unknown } | undefined;
  private closed = false;

  constructor(private readonly options: PoolOptions) {
    if (!Number.isSafeInteger(options.jobs) || options.jobs < 1) throw new RangeError(`jobs must be a positive integer, got ${options.jobs}`);
    this.perWorker = Math.max(1, options.perWorker ?? 2);
    // Two tasks of slack beyond the queues per worker, so a slow task does not leave the others' queues unfilled.
    this.window = Math.max(1, options.window ?? options.jobs * (this.perWorker + 2));
  }

  /** Worker threads started so far and still alive (for tests). */
  get workerCount(): number {
    return this.slots.length;
  }

  /**
   * Runs every task of `source` and calls `deliver(index, outcome)` for index 0, 1, 2, … in order, one call at a
   * time (each awaited before the next). Resolves when all are delivered. One run at a time per pool.
   *
   * @throws whatever `source` or `deliver` throws (the pool stops starting tasks; call {@link OrderedPool.close}).
   */
  async run(
    source: AsyncIterable<PoolTask | PoolImmediate> | Iterable<PoolTask | PoolImmediate>,
    deliver: (index: number, outcome: TaskOutcome) => void | Promise<void>,
  ): Promise<void> {
    this.deliver = deliver;
    this.results.clear();
    this.weights.clear();
    this.weightInFlight = 0;
    this.nextDelivery = 0;
    let started = 0;
    const maxWeight = this.options.maxWeight ?? Infinity;
    for await (const item of source) {
      const weight = isImmediate(item) ? 0 : (item.weight ?? 0);
      await this.until(
        () =>
          started - this.nextDelivery < this.window &&
          (this.weightInFlight === 0 || this.weightInFlight + weight <= maxWeight) &&
          (isImmediate(item) || this.freeSlot() !== undefined),
      );
      const index = started;
      started += 1;
      if (weight > 0) {
        this.weights.set(index, weight);
        this.weightInFlight += weight;
      }
      if (isImmediate(item)) this.onSettled(index, item.outcome);
      else this.post(this.freeSlot()!, index, item);
    }
    await this.until(() => this.nextDelivery === started);
    await this.delivering;
    this.throwIfFailed();
  }

  /** Stops every worker thread. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    const workers = this.slots.splice(0).map((slot) => slot.worker);
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private post(slot: Slot, index: number, task: PoolTask): void {
    const id = this.nextId++;
    slot.pending.set(id, index);
    slot.worker.postMessage({ id, task: task.message }, [...(task.transfer ?? [])]);
  }

  /** A worker with room for another task: an idle one, else a new one while `jobs` allows, else the least busy. */
  private freeSlot(): Slot | undefined {
    let best: Slot | undefined;
    for (const slot of this.slots) {
      if (slot.pending.size < this.perWorker && (best === undefined || slot.pending.size < best.pending.size)) best = slot;
    }
    if (best !== undefined && best.pending.size === 0) return best;
    if (this.slots.length < this.options.jobs && !this.closed) return this.spawn();
    return best;
  }

  private spawn(): Slot {
    const worker = this.options.createWorker();
    const slot: Slot = { worker, pending: new Map() };
    this.slots.push(slot);
    worker.on('message', (reply: WorkerReply) => {
      const index = slot.pending.get(reply.id);
      if (index === undefined) return;
      slot.pending.delete(reply.id);
      this.onSettled(index, reply.ok ? { ok: true, value: reply.value } : { ok: false, error: reply.error });
    });
    // A worker that dies (out of memory, a bug) fails only the tasks it held; a fresh one takes its place on demand.
    const retire = (error: unknown): void => {
      const at = this.slots.indexOf(slot);
      if (at >= 0) this.slots.splice(at, 1);
      const { message } = describeFailure(error);
      for (const index of slot.pending.values()) {
        this.onSettled(index, { ok: false, error: { message: `worker thread failed: ${message}`, code: 'ERR_WORKER' } });
      }
      slot.pending.clear();
    };
    worker.on('error', retire);
    worker.on('exit', (code) => {
      if (!this.closed) retire(new Error(`exited with code ${code}`));
    });
    return slot;
  }

  private onSettled(index: number, outcome: TaskOutcome): void {
    this.results.set(index, outcome);
    this.pump();
    this.signal();
  }

  /** Delivers, in order, every result that is ready; a single delivery loop runs at a time. */
  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    this.delivering = (async () => {
      try {
        for (let outcome = this.results.get(this.nextDelivery); outcome !== undefined; outcome = this.results.get(this.nextDelivery)) {
          this.results.delete(this.nextDelivery);
          await this.deliver(this.nextDelivery, outcome);
          this.weightInFlight -= this.weights.get(this.nextDelivery) ?? 0;
          this.weights.delete(this.nextDelivery);
          this.nextDelivery += 1;
          this.signal();
        }
      } catch (error) {
        this.failure ??= { error };
        this.signal();
      } finally {
        this.pumping = false;
      }
    })();
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure.error;
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /** Waits until `condition` holds, re-checking whenever a task settles or a delivery completes. */
  private async until(condition: () => boolean): Promise<void> {
    for (;;) {
      this.throwIfFailed();
      if (condition()) return;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }
}

function isImmediate(item: PoolTask | PoolImmediate): item is PoolImmediate {
  return (item as PoolImmediate).outcome !== undefined;
}
