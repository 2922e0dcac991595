/**
 * The built-in corpus through the protocol: every clause of both seed documents, read from the corpus files
 * by the spec's rules (corpusReader.ts), is cited in a brief and hovered; the spec's fixed points hold; the
 * numbering is exact (nothing more, nothing less); go-to-definition lands on each clause's line.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Location } from 'vscode-languageserver-protocol';
import { ExpectedClause, ExpectedDocument, readCorpusFile } from './corpusReader';
import { BUILTIN_CORPUS, fileUri, hoverText, LspClient, positionOf, startInWorkspace, unescapeMarkdown } from './lspClient';

const documents: ExpectedDocument[] = ['2023-JS', '2023-ECON'].map((id) => readCorpusFile(fs.readFileSync(path.join(BUILTIN_CORPUS, `${id}.md`), 'utf8')));
const [js, econ] = documents;

/** One cited line per clause: `- [ID §PATH]`. */
function briefCiting(document: ExpectedDocument): string {
  return document.clauses.map((clause) => `- [${document.id} §${clause.path}]`).join('\n') + '\n';
}

function lineOf(brief: string, document: ExpectedDocument, clause: ExpectedClause): number {
  return brief.split('\n').indexOf(`- [${document.id} §${clause.path}]`);
}

async function start(t: { after: (fn: () => Promise<void>) => void }): Promise<{ client: LspClient; uri: (relative: string) => string }> {
  const started = await startInWorkspace({});
  t.after(() => started.client.dispose());
  return started;
}

test('the reading of the corpus files has the shape spec.md §3 states', () => {
  assert.equal(js.id, '2023-JS');
  assert.equal(js.title, '中华人民共和国和俄罗斯联邦关于深化新时代全面战略协作伙伴关系的联合声明');
  assert.equal(econ.id, '2023-ECON');
  assert.equal(econ.title, '中华人民共和国主席和俄罗斯联邦总统关于2030年前中俄经济合作重点方向发展规划的联合声明');
  assert.deepEqual(
    js.clauses.filter((clause) => clause.kind === 'section').map((clause) => clause.path),
    ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  );
  assert.deepEqual(
    js.clauses.filter((clause) => clause.path.startsWith('0.')).map((clause) => clause.path),
    ['0.1', '0.2'],
  );
  assert.equal(econ.hasSections, false);
  assert.deepEqual(
    econ.clauses.filter((clause) => clause.kind === 'paragraph').map((clause) => clause.path),
    ['1', '2', '3', '4', '5'],
  );
  assert.deepEqual(
    econ.clauses.filter((clause) => clause.kind === 'item').map((clause) => clause.path),
    ['2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7', '2.8'],
  );
});

for (const document of documents) {
  test(`every clause of ${document.id} is cited without a diagnostic and hovers with its full text, id and title`, async (t) => {
    const { client, uri } = await start(t);
    const brief = briefCiting(document);
    const briefUri = uri('every-clause.md');
    const diagnostics = await client.openDocumentAndWaitForDiagnostics(briefUri, brief);
    assert.deepEqual(diagnostics, [], 'a brief that cites every clause once has no problem');
    for (const clause of document.clauses) {
      const line = lineOf(brief, document, clause);
      const hover = await client.hover(briefUri, { line, character: `- [${document.id} §`.length + 1 });
      const text = unescapeMarkdown(hoverText(hover));
      assert.ok(text.includes(document.id), `hover on §${clause.path} names ${document.id}`);
      assert.ok(text.includes(document.title), `hover on §${clause.path} shows the title`);
      assert.ok(text.includes(`§${clause.path}`), `hover on §${clause.path} shows the path written §${clause.path}:\n${text}`);
      if (clause.kind === 'section') {
        // A section citation shows the section's outline: each paragraph of it.
        for (const child of document.clauses.filter((other) => other.kind === 'paragraph' && other.path.startsWith(`${clause.path}.`))) {
          assert.ok(text.includes(`§${child.path}`), `the outline of §${clause.path} lists §${child.path}:\n${text}`);
        }
        if (clause.text.length > 0) {
          assert.ok(text.includes(clause.text), `hover on §${clause.path} shows its heading ${clause.text}`);
        }
      } else {
        assert.ok(text.includes(clause.text), `hover on §${clause.path} shows the full text:\n${clause.text}\n--- got ---\n${text}`);
        for (const item of document.clauses.filter((other) => other.kind === 'item' && other.path.startsWith(`${clause.path}.`))) {
          assert.ok(text.includes(item.text), `hover on §${clause.path} also shows its item §${item.path}`);
        }
      }
    }
  });

  test(`go-to-definition on every clause of ${document.id} lands on its line in corpus/${document.id}.md`, async (t) => {
    const { client, uri } = await start(t);
    const brief = briefCiting(document);
    const briefUri = uri('definitions.md');
    await client.openDocumentAndWaitForDiagnostics(briefUri, brief);
    const corpusUri = fileUri(path.join(BUILTIN_CORPUS, `${document.id}.md`));
    for (const clause of document.clauses) {
      const line = lineOf(brief, document, clause);
      const result = await client.definition(briefUri, { line, character: `- [${document.id} §`.length + 1 });
      const location = (Array.isArray(result) ? result[0] : result) as Location | null;
      assert.ok(location, `a definition for §${clause.path}`);
      assert.equal(location.uri, corpusUri, `§${clause.path} is defined in corpus/${document.id}.md`);
      assert.equal(location.range.start.line, clause.line, `§${clause.path} lands on line ${clause.line + 1}`);
    }
  });
}

test('the fixed points of spec.md §3 hold through hover', async (t) => {
  const { client, uri } = await start(t);
  const fixedPoints: [citation: string, begins: string, whole?: boolean][] = [
    ['2023-JS §0.2', '中华人民共和国和俄罗斯联邦（以下称“双方”），声明如下：'],
    ['2023-JS §1.7.3', '——秉持互利原则，在现代化建设过程中'],
    ['2023-JS §2.4', '双方反对外部势力干涉内政。', true],
    ['2023-JS §3.4', '双方欢迎中国商务部和俄罗斯经济发展部'],
    ['2023-JS §9.9', '双方主张北极应继续成为和平、稳定和建设性合作之地。'],
    ['2023-ECON §2.4', '四、巩固全方位能源合作伙伴关系。'],
    ['2023-ECON §5', '以上述重点方向为指引'],
  ];
  const brief = fixedPoints.map(([citation]) => `见 [${citation}]。`).join('\n') + '\n';
  const briefUri = uri('fixed-points.md');
  assert.deepEqual(await client.openDocumentAndWaitForDiagnostics(briefUri, brief), []);
  for (const [citation, begins, whole] of fixedPoints) {
    const [id, pinpoint] = citation.split(' ');
    const hover = await client.hover(briefUri, positionOf(brief, `[${citation}]`, { at: citation.indexOf('§') + 2 }));
    const text = unescapeMarkdown(hoverText(hover));
    // The clause's text stands on a line of its own in the hover (other language versions may follow).
    const lines = text.split('\n').map((line) => line.trim());
    assert.ok(text.includes(pinpoint), `the hover of ${citation} names ${pinpoint}`);
    assert.ok(lines.some((line) => line.startsWith(begins)), `${citation} begins ${begins}; hover was:\n${text}`);
    if (whole) {
      assert.ok(lines.includes(begins), `${citation} is the whole paragraph ${begins}; hover was:\n${text}`);
    }
    const expected = documents.find((document) => document.id === id)!.clauses.find((clause) => `§${clause.path}` === pinpoint)!;
    assert.ok(expected.text.startsWith(begins), `the corpus file agrees on ${citation}`);
  }
});

test('the numbering has nothing beyond the clauses the corpus files hold', async (t) => {
  const { client, uri } = await start(t);
  const beyond: string[] = [];
  for (const document of documents) {
    const paths = new Set(document.clauses.map((clause) => clause.path));
    // The next number after the last child of each level (and of the top level).
    const parents = ['', ...document.clauses.map((clause) => clause.path)];
    for (const parent of parents) {
      const prefix = parent === '' ? '' : `${parent}.`;
      let next = parent === '' && document.hasSections ? 0 : 1;
      while (paths.has(`${prefix}${next}`)) {
        next++;
      }
      beyond.push(`${document.id} §${prefix}${next}`);
    }
  }
  const brief = beyond.map((citation) => `- [${citation}]`).join('\n') + '\n';
  const diagnostics = await client.openDocumentAndWaitForDiagnostics(uri('beyond.md'), brief);
  const flagged = new Set(diagnostics.filter((diagnostic) => diagnostic.code === 'unknown-clause').map((diagnostic) => diagnostic.range.start.line));
  const missed = beyond.filter((_citation, line) => !flagged.has(line));
  assert.deepEqual(missed, [], 'each citation one past the last clause of its level is an unknown-clause');
  assert.equal(diagnostics.length, beyond.length, 'one diagnostic per citation');
  assert.ok(beyond.includes('2023-JS §10') && beyond.includes('2023-JS §9.10') && beyond.includes('2023-ECON §6') && beyond.includes('2023-ECON §2.9'));
});

test('completion after a section lists exactly the paragraphs the corpus file holds', async (t) => {
  const { client, uri } = await start(t);
  const sections = js.clauses.filter((clause) => clause.kind === 'section');
  const brief = sections.map((section) => `见 [2023-JS §${section.path}.`).join('\n') + '\n';
  const briefUri = uri('paths.md');
  await client.openDocumentAndWaitForDiagnostics(briefUri, brief);
  for (const [line, section] of sections.entries()) {
    const list = await client.completion(briefUri, { line, character: `见 [2023-JS §${section.path}.`.length });
    const expected = js.clauses.filter((clause) => clause.kind === 'paragraph' && clause.path.startsWith(`${section.path}.`)).map((clause) => `§${clause.path}`);
    const labels = list.items.map((item) => item.label).filter((label) => /^§\d+\.\d+$/.test(label));
    assert.deepEqual(labels.sort(), [...expected].sort(), `the paragraphs of §${section.path}`);
  }
});
