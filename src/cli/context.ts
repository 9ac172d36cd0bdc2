// What a command needs from the process, passed in rather than reached for, so commands can be driven in tests.
import type { Readable, Writable } from 'node:stream';
import type { Worker } from 'node:worker_threads';
import type { TempFiles } from './atomic-write.js';
import type { MaybeTty } from './progress.js';

/** The process around a command run. */
export interface CliContext {
  readonly stdin: Readable;
  readonly stdout: Writable & { isTTY?: boolean };
  readonly stderr: MaybeTty;
  /** Temporary files to remove if the run is interrupted. */
  readonly temps: TempFiles;
  /** Starts one batch worker thread. */
  readonly createWorker: () => Worker;
  /** Default for `--jobs`: the CPUs this process may use. */
  readonly defaultJobs: number;
  /** The longest text read as one string: the engine's limit (lowered only to test the paths past it). */
  readonly maxStringLength: number;
}
