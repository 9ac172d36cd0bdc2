// Entry point of a batch worker thread (built as its own file next to the CLI). It answers each task message with
// `{ id, ok: true, value }` or `{ id, ok: false, error }`, moving result buffers rather than copying them.
import { parentPort } from 'node:worker_threads';
import { describeFailure } from '../report.js';
import { runTask, type BatchTask } from './tasks.js';

const port = parentPort;
if (port === null) throw new Error('the pixtext batch worker must run in a worker thread');

port.on('message', ({ id, task }: { id: number; task: BatchTask }) => {
  let output;
  try {
    output = runTask(task);
  } catch (error) {
    port.postMessage({ id, ok: false, error: error instanceof Error ? describeFailure(error) : error });
    return;
  }
  port.postMessage({ id, ok: true, value: output.value }, output.transfer);
});
