/**
 * What the VS Code client forwards to the server as `initializationOptions` (client/src/knownSettings.ts):
 * the declared settings only, nested as the `pinpoint` section, and never the machine-scoped index cache folder,
 * whatever a workspace's `.vscode/settings.json` holds.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { DeclaredSetting, knownSettings } from '../../client/src/knownSettings';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, DeclaredSetting> } };
};
const declared = manifest.contributes.configuration.properties;

describe('the settings the client forwards', () => {
  it('are the declared settings, nested as the pinpoint section, and nothing else a workspace wrote', () => {
    // A workspace's settings as VS Code would read them: the declared keys, plus anything else it holds.
    const workspaceSettings: Record<string, unknown> = {
      'corpus.paths': ['texts'],
      'corpus.includeBuiltIn': false,
      'corpus.includeLibrary': true,
      languages: ['en'],
      cacheDirectory: '/tmp/planted',
      'experimental.anything': 1,
    };
    assert.deepEqual(knownSettings(declared, (key) => workspaceSettings[key]), {
      corpus: { paths: ['texts'], includeBuiltIn: false, includeLibrary: true },
      languages: ['en'],
    });
  });

  it('never include the index cache folder, which only user settings or the command line may set', () => {
    assert.equal(declared['pinpoint.cacheDirectory']?.scope, 'machine', 'package.json declares it machine-scoped');
    const forwarded = knownSettings(declared, () => '/tmp/planted');
    assert.equal('cacheDirectory' in forwarded, false);
  });

  it('leave out settings that have no value', () => {
    assert.deepEqual(knownSettings(declared, (key) => (key === 'languages' ? ['zh'] : undefined)), { languages: ['zh'] });
  });
});
