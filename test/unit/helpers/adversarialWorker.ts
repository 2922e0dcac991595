/**
 * Runs every parser of `adversarial.ts` on every adversarial input, from a given position on, in a worker
 * thread, telling the test before and after each run, so that a run that does not finish can be stopped
 * from outside (a regular expression cannot be interrupted from its own thread).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { adversarialInputs, PARSERS } from './adversarial';

/** What the worker is given. */
export interface WorkerTask {
  readonly size: number;
  /** The position (parser-major) of the first run. */
  readonly from: number;
}

/** What the worker says. */
export type WorkerMessage = { readonly kind: 'start'; readonly position: number } | { readonly kind: 'done'; readonly position: number; readonly error?: string };

const { size, from } = workerData as WorkerTask;
const inputs = adversarialInputs(size);
let position = 0;
for (const parser of PARSERS) {
  for (const input of inputs) {
    if (position >= from) {
      parentPort?.postMessage({ kind: 'start', position } satisfies WorkerMessage);
      let error: string | undefined;
      try {
        parser.run(input.text);
      } catch (thrown) {
        error = thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown);
      }
      parentPort?.postMessage({ kind: 'done', position, error } satisfies WorkerMessage);
    }
    position++;
  }
}
