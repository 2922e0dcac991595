/**
 * The nl-treaties importer over the whole dataset (../shared/corpora/nl-treaties/, 1,384 files): every file
 * imports without an exception, into documents or a clear message; files without English text come out in
 * their own language; and every source line that is in no clause is listed with its reason.
 * Skipped, with one line saying so, when the shared corpora are absent.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { nlTreatyFiles } from '../../scripts/buildLibrary';
// ../shared is absent from a bare clone: `sharedPath` checks that a path under it exists (fs.existsSync) and
// `needsShared` skips the test with the missing path as its reason when it does not.
import { needsShared, sharedPath } from '../helpers/shared';
import { importNlTreaty } from '../../server/src/import/nlTreaties';

const dataset = sharedPath('corpora/nl-treaties');

describe('nl-treaties importer over the whole dataset', needsShared('corpora/nl-treaties'), () => {
  const files = dataset === undefined ? [] : nlTreatyFiles(path.join(dataset, 'verdrag'));

  it('imports all 1,384 files: documents or a clear message, every left-out line with its reason', () => {
    assert.equal(files.length, 1384);
    const languages = new Map<string, number>();
    let documents = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const result = importNlTreaty(text, file);
      if (result.error !== undefined) {
        assert.equal(result.documents.length, 0);
        assert.match(result.error.message, /\S/, file);
        continue;
      }
      assert.ok(result.documents.length > 0, file);
      documents += result.documents.length;
      for (const document of result.documents) {
        const language = String(document.frontMatter.language);
        languages.set(language, (languages.get(language) ?? 0) + 1);
        assert.ok(document.title.trim() !== '', file);
      }
      if (result.documents[0].frontMatter.language !== 'en') {
        assert.ok(result.guesses.some((note) => /no English text: imported in its own language/.test(note.message)), file);
      }
      const lines = text.split(/\r\n|\r|\n/).length;
      for (const note of result.skipped) {
        assert.match(note.message, /^(?:lines? \d+(?:–\d+)?: \S|a note of the Dutch treaty database \(in Dutch\), not treaty text: “|the word “)/, `${file}: ${note.message}`);
        assert.ok(note.line >= 0 && note.line <= lines, `${file}: ${note.message}`);
      }
    }
    assert.ok(documents >= 1384, `${documents} documents`);
    assert.ok((languages.get('en') ?? 0) >= 1100, `English documents: ${languages.get('en')}`);
    assert.ok((languages.get('fr') ?? 0) >= 100, `French-only files: ${languages.get('fr')}`);
  });
});
