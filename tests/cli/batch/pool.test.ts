import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { OrderedPool, type PoolImmediate, type PoolTask, type TaskOutcome } from '../../../src/cli/batch/pool.js';

// A worker speaking the pool's protocol: doubles `n` after `delay` ms; `crash` kills the thread; `fail` rejects.
const WORKER = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ id, task }) => {
  if (task.crash) process.exit(3);
  const reply = () => task.fail
    ? parentPort.postMessage({ id, ok: false, error: { message: 'bad ' + task.n, code: 'ERR_TEST' } })
    : parentPort.postMessage({ id, ok: true, value: { n: task.n * 2, bytes: task.bytes?.length } });
  // Busy-wait keeps tasks on one worker sequential, like real synchronous decoding.
  const until = Date.now() + (task.delay ?? 0);
  while (Date.now() < until);
  reply();
});`;

const pools: OrderedPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.close()));
});

function makePool(jobs: number, window?: number): { pool: OrderedPool; started: () => number } {
  let count = 0;
  const pool = new OrderedPool({
    jobs,
    ...(window === undefined ? {} : { window }),
    createWorker: () => {
      count += 1;
      return new Worker(WORKER, { eval: true });
    },
  });
  pools.push(pool);
  return { pool, started: () => count };
}

describe('OrderedPool', () => {
  it('delivers in input order whatever order workers finish in', async () => {
    const { pool, started } = makePool(3);
    const delays = [30, 0, 12, 0, 25, 3, 0, 8, 1, 0, 20, 0];
    const got: [number, TaskOutcome][] = [];
    await pool.run(
      delays.map((delay, n) => ({ message: { n, delay } })),
      (index, outcome) => {
        got.push([index, outcome]);
      },
    );
    expect(got.map(([index]) => index)).toEqual(delays.map((_, i) => i));
    expect(got.map(([, o]) => (o.ok ? (o.value as { n: number }).n : -1))).toEqual(delays.map((_, i) => i * 2));
    expect(started()).toBe(3);
  });

  it('never has more than `window` tasks started and undelivered, even behind a slow first task', async () => {
    // 4 workers × 2 queued each could hold 8 tasks: only the window holds it to 3.
    const { pool } = makePool(4, 3);
    let pulled = 0;
    let maxAhead = 0;
    let delivered = 0;
    function* source(): Generator<PoolTask> {
      for (let n = 0; n < 20; n += 1) {
        pulled += 1;
        maxAhead = Math.max(maxAhead, pulled - delivered);
        yield { message: { n, delay: n === 0 ? 60 : 0 } };
      }
    }
    await pool.run(source(), async () => {
      delivered += 1;
      await new Promise((resolve) => setTimeout(resolve, 1));
    });
    expect(delivered).toBe(20);
    // One more than the window may be pulled: the item that waits for a free slot.
    expect(maxAhead).toBeLessThanOrEqual(4);
  });

  it('keeps the weight in flight under maxWeight, running an overweight task alone', async () => {
    const weights = [4, 4, 4, 25, 1, 6, 3, 3];
    let inFlight = 0;
    let maxSeen = 0;
    let aloneOk = true;
    // Count weight when a task is actually posted to a worker, and release it on delivery.
    const createWorker = (): Worker => {
      const worker = new Worker(WORKER, { eval: true });
      const post = worker.postMessage.bind(worker);
      worker.postMessage = (message: { task: { n: number } }, transfer?: readonly ArrayBuffer[]) => {
        const weight = weights[message.task.n]!;
        inFlight += weight;
        if (weight > 10 && inFlight !== weight) aloneOk = false;
        if (weight <= 10) maxSeen = Math.max(maxSeen, inFlight);
        post(message, transfer as ArrayBuffer[]);
      };
      return worker;
    };
    const pool = new OrderedPool({ jobs: 4, window: 100, maxWeight: 10, createWorker });
    pools.push(pool);
    await pool.run(
      weights.map((weight, n) => ({ message: { n, delay: 5 }, weight })),
      (index) => {
        inFlight -= weights[index]!;
      },
    );
    expect(maxSeen).toBeLessThanOrEqual(10);
    expect(maxSeen).toBeGreaterThan(4);
    expect(aloneOk).toBe(true);
  });

  it('starts no more workers than there are tasks', async () => {
    const { pool, started } = makePool(8);
    await pool.run([{ message: { n: 1 } }], () => undefined);
    expect(started()).toBe(1);
  });

  it('moves transferred buffers to the worker', async () => {
    const { pool } = makePool(1);
    const bytes = new Uint8Array(1000);
    let value: unknown;
    await pool.run([{ message: { n: 1, bytes }, transfer: [bytes.buffer] }], (_, o) => {
      value = o.ok ? o.value : undefined;
    });
    expect(bytes.byteLength).toBe(0);
    expect(value).toEqual({ n: 2, bytes: 1000 });
  });

  it('keeps immediate outcomes in their place and passes task failures through', async () => {
    const { pool } = makePool(2);
    const items: (PoolTask | PoolImmediate)[] = [
      { message: { n: 0, delay: 10 } },
      { outcome: { ok: false, error: { message: 'too long', code: 'ERR_TOO_LARGE' } } },
      { message: { n: 2, fail: true } },
      { message: { n: 3 } },
    ];
    const got: string[] = [];
    await pool.run(items, (index, o) => {
      got.push(`${index}:${o.ok ? 'ok' : o.error.code}`);
    });
    expect(got).toEqual(['0:ok', '1:ERR_TOO_LARGE', '2:ERR_TEST', '3:ok']);
  });

  it('fails only the tasks of a worker that dies, and carries on with a new one', async () => {
    const { pool, started } = makePool(1);
    const got: string[] = [];
    await pool.run(
      [{ message: { n: 0 } }, { message: { n: 1, crash: true } }, { message: { n: 2 } }, { message: { n: 3 } }],
      (index, o) => {
        got.push(`${index}:${o.ok ? 'ok' : o.error.code}`);
      },
    );
    expect(got[0]).toBe('0:ok');
    expect(got[1]).toBe('1:ERR_WORKER');
    // Task 2 may have been queued on the same worker when it died; it then fails too, never silently vanishes.
    expect(got).toHaveLength(4);
    expect(got[3]).toBe('3:ok');
    expect(started()).toBeGreaterThanOrEqual(2);
  });

  it('stops with the error a delivery throws', async () => {
    const { pool } = makePool(2);
    const run = pool.run(
      Array.from({ length: 10 }, (_, n) => ({ message: { n } })),
      (index) => {
        if (index === 3) throw new Error('disk full');
      },
    );
    await expect(run).rejects.toThrow('disk full');
  });

  it('stops with the error the source throws', async () => {
    const { pool } = makePool(2);
    async function* source(): AsyncGenerator<PoolTask> {
      yield { message: { n: 0 } };
      throw new Error('read failed');
    }
    await expect(pool.run(source(), () => undefined)).rejects.toThrow('read failed');
  });
});
