// Entry point of the extension tests in a single-folder workspace (test/fixtures/workspaces/single), for
// `--extensionTestsPath`. Run them with `npm run test:editor` (test/run-editor-tests.mjs).
import './features';
import './settings';
import { runSuite } from './harness';

/** Called by VS Code's extension host once the workbench is up. */
export function run(): Promise<void> {
  return runSuite('Pinpoint extension tests (single folder)');
}
