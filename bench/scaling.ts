// How each parser that reads user or corpus text scales on adversarial inputs (part of `npm run bench`,
// through bench/pathological.mjs): for each parser, the inputs of test/unit/helpers/adversarial.ts are run
// at a small size to find the slowest few, and those are timed at 1×, 2×, 4× and 8× a base size (the best
// of three runs each). Prints JSON: for each parser its worst growth from 1× to 8× (8 is linear, 64
// quadratic) and the input that showed it.
import { adversarialInputs, PARSERS } from '../test/unit/helpers/adversarial';

const SURVEY_SIZE = 4_000;
const SIZES = [16_000, 32_000, 64_000, 128_000];
const CANDIDATES = 3;

function best(run: () => unknown, times: number): number {
  let fastest = Infinity;
  for (let index = 0; index < times; index++) {
    const started = performance.now();
    run();
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
}

const survey = adversarialInputs(SURVEY_SIZE);
const bySize = SIZES.map((size) => adversarialInputs(size));
const parsers = PARSERS.map((parser) => {
  const slowest = survey
    .map((input, index) => ({ index, ms: best(() => parser.run(input.text), 1) }))
    .sort((left, right) => right.ms - left.ms)
    .slice(0, CANDIDATES);
  let worst: { input: string; times: number[]; growth: number } | undefined;
  for (const { index } of slowest) {
    const times = bySize.map((inputs) => best(() => parser.run(inputs[index].text), 3));
    // NOTE: a floor of 0.05 ms keeps timer noise on instant runs from reading as growth.
    const growth = Math.max(times.at(-1) ?? 0, 0.05) / Math.max(times[0], 0.05);
    if (!worst || growth > worst.growth) {
      worst = { input: survey[index].name.replace(/ × \d+/, ' × n'), times, growth };
    }
  }
  return { parser: parser.name, ...(worst ?? { input: '', times: [], growth: NaN }) };
});
process.stdout.write(JSON.stringify({ sizes: SIZES, inputs: survey.length, parsers }));
