// A small test runner for the extension host. VS Code calls the `run()` of the module named by
// `--extensionTestsPath` and takes a rejected promise as a failed suite; node:test cannot report back that
// way, so the suites register their tests here and `runSuite` runs them in order.
import * as fs from 'node:fs';

/** One registered test. */
interface TestCase {
  /** The full name, `suite › test`. */
  readonly name: string;
  /** The test body; it fails by throwing. */
  readonly body: () => Promise<void> | void;
}

const cases: TestCase[] = [];
let currentSuite = '';

/** Groups the tests registered inside `register` under `name`. */
export function suite(name: string, register: () => void): void {
  const previous = currentSuite;
  currentSuite = previous ? `${previous} › ${name}` : name;
  try {
    register();
  } finally {
    currentSuite = previous;
  }
}

/** Registers a test. */
export function test(name: string, body: () => Promise<void> | void): void {
  cases.push({ name: currentSuite ? `${currentSuite} › ${name}` : name, body });
}

/** How long one test may take before it fails (the waits inside it have their own, shorter bounds). */
const testTimeoutMs = Number(process.env.PINPOINT_TEST_TIMEOUT_MS ?? 90_000);

/**
 * Runs every registered test in order, printing one line per test and a closing `N passed, N failed` line.
 * Rejects when any test failed, which makes VS Code exit with code 1.
 */
export async function runSuite(title: string): Promise<void> {
  // Failures then point into the TypeScript sources (the bundle carries an inline source map).
  process.setSourceMapsEnabled(true);
  const started = Date.now();
  let passed = 0;
  const failures: string[] = [];
  console.log(`\n${title}`);
  for (const testCase of cases) {
    const testStarted = Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        Promise.resolve().then(testCase.body),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${testTimeoutMs} ms`)), testTimeoutMs);
        }),
      ]);
      passed++;
      console.log(`  ✔ ${testCase.name} (${Date.now() - testStarted} ms)`);
    } catch (error) {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      failures.push(`${testCase.name}\n${detail}`);
      console.log(`  ✖ ${testCase.name} (${Date.now() - testStarted} ms)\n${indent(detail)}`);
    } finally {
      clearTimeout(timer);
    }
  }
  console.log(`\n${title}: ${passed} passed, ${failures.length} failed (${Date.now() - started} ms)`);
  // The runner (test/run-editor-tests.mjs) adds these counts to its summary.
  const resultsFile = process.env.PINPOINT_SUITE_RESULTS;
  if (resultsFile) {
    fs.writeFileSync(resultsFile, JSON.stringify({ title, passed, failed: failures.length, durationMs: Date.now() - started }));
  }
  if (failures.length > 0) {
    throw new Error(`${failures.length} extension test(s) failed:\n${failures.join('\n\n')}`);
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n');
}
