/**
 * Every parser that reads user or corpus text, on inputs built to make backtracking patterns and quadratic
 * loops show (long runs of one character between a prefix and a suffix that fails): each run must finish,
 * and no parser may throw. The runs happen in a worker thread watched from here; a run still going after
 * `WATCHDOG_MS` is stopped and reported with its input. Linear code takes milliseconds on these inputs, so
 * the watchdog only ever fires on code that is not (the cubic heading pattern of the statute importer took
 * 9.7 s on 3,000 spaces). How each parser scales is measured by `npm run bench`.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { adversarialInputs, PARSERS } from './helpers/adversarial';
import type { WorkerMessage, WorkerTask } from './helpers/adversarialWorker';

/** Characters per input. */
const SIZE = 4_000;
/** How long one run may take before it is stopped (generous: a loaded machine runs these in milliseconds). */
const WATCHDOG_MS = 15_000;

interface Outcome {
  readonly parser: string;
  readonly input: string;
  readonly problem?: string;
}

/** Runs everything in workers; a stopped run is recorded and the next worker starts after it. */
function runAll(): Promise<Outcome[]> {
  const inputs = adversarialInputs(SIZE);
  const total = PARSERS.length * inputs.length;
  const outcomes: Outcome[] = [];
  const describeRun = (position: number): { parser: string; input: string } => ({
    parser: PARSERS[Math.floor(position / inputs.length)].name,
    input: inputs[position % inputs.length].name,
  });
  return new Promise((resolve, reject) => {
    const start = (from: number): void => {
      if (from >= total) {
        resolve(outcomes);
        return;
      }
      const task: WorkerTask = { size: SIZE, from };
      const script = path.join(__dirname, 'helpers', 'adversarialWorker.ts');
      const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(script)});`, { eval: true, workerData: task });
      let running = -1;
      let timer: NodeJS.Timeout | undefined;
      let stopped = false;
      worker.on('message', (message: WorkerMessage) => {
        if (message.kind === 'start') {
          running = message.position;
          timer = setTimeout(() => {
            stopped = true;
            outcomes.push({ ...describeRun(running), problem: `still running after ${WATCHDOG_MS / 1000} s` });
            void worker.terminate().then(() => start(running + 1));
          }, WATCHDOG_MS);
        } else {
          clearTimeout(timer);
          outcomes.push({ ...describeRun(message.position), problem: message.error !== undefined ? `threw ${message.error}` : undefined });
        }
      });
      worker.on('error', reject);
      worker.on('exit', () => {
        clearTimeout(timer);
        if (!stopped) {
          resolve(outcomes);
        }
      });
    };
    start(0);
  });
}

describe('adversarial inputs: every parser finishes and never throws', () => {
  let outcomes: Outcome[] = [];
  before(async () => {
    outcomes = await runAll();
  });
  for (const parser of PARSERS) {
    it(parser.name, () => {
      const mine = outcomes.filter((outcome) => outcome.parser === parser.name);
      assert.equal(mine.length, adversarialInputs(SIZE).length, 'every input was run');
      const problems = mine.filter((outcome) => outcome.problem !== undefined).map((outcome) => `${outcome.input}: ${outcome.problem}`);
      assert.deepEqual(problems, []);
    });
  }
});
