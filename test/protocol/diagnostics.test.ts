/**
 * Diagnostics through the protocol: each code of spec.md §4 is produced where it should be and nowhere
 * else; nothing inside code spans, fenced or indented code blocks, or HTML comments is a citation; the
 * diagnostics follow the user's typing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, startInWorkspace } from './lspClient';

/** A problem the brief must have: its code, and a snippet of its line that holds the diagnostic's range. */
interface Expected {
  readonly code: string;
  readonly snippet: string;
}

async function start(t: { after: (fn: () => Promise<void>) => void }): Promise<{ client: LspClient; uri: (relative: string) => string }> {
  const started = await startInWorkspace({});
  t.after(() => started.client.dispose());
  return started;
}

/** Where a snippet stands in the text (it must be unique), as a line and a range of characters. */
function spanOf(text: string, snippet: string): { line: number; start: number; end: number } {
  const offset = text.indexOf(snippet);
  assert.ok(offset >= 0, `snippet ${snippet} is in the brief`);
  assert.equal(text.indexOf(snippet, offset + 1), -1, `snippet ${snippet} is unique in the brief`);
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  const start = offset - (before.lastIndexOf('\n') + 1);
  return { line, start, end: start + snippet.length };
}

/** Asserts that the diagnostics are exactly the expected ones, one each, at their snippets. */
function assertDiagnostics(text: string, diagnostics: Diagnostic[], expected: readonly Expected[]): void {
  const unmatched = [...diagnostics];
  const missing: Expected[] = [];
  for (const problem of expected) {
    const span = spanOf(text, problem.snippet);
    const index = unmatched.findIndex(
      (diagnostic) =>
        diagnostic.code === problem.code &&
        diagnostic.range.start.line === span.line &&
        diagnostic.range.end.line === span.line &&
        diagnostic.range.start.character >= span.start &&
        diagnostic.range.end.character <= span.end,
    );
    if (index < 0) {
      missing.push(problem);
    } else {
      unmatched.splice(index, 1);
    }
  }
  const describe = (diagnostic: Diagnostic): string => {
    const line = text.split('\n')[diagnostic.range.start.line] ?? '';
    return `${diagnostic.code} at ${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1} «${line.slice(diagnostic.range.start.character, diagnostic.range.end.character)}» (${diagnostic.message})`;
  };
  assert.deepEqual(
    { missing: missing.map((problem) => `${problem.code} in ${problem.snippet}`), unexpected: unmatched.map(describe) },
    { missing: [], unexpected: [] },
  );
  for (const diagnostic of diagnostics) {
    assert.equal(diagnostic.source, 'pinpoint', 'every diagnostic has source pinpoint');
    assert.equal(diagnostic.severity, 1, 'every diagnostic is an error');
    assert.ok((typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value).length > 0, 'every diagnostic says what is wrong');
  }
}

const BRIEF = `# Memo on the joint statements

Valid citations: [2023-JS §3.4], [2023-JS §3.4–3.6], [2023-JS §3.4–6], [2023-JS §3.4-3.6], [2023-JS §1.7.3].
More valid ones: [2023-JS §3.4, §5.2], [2023-JS §3.4; 2023-ECON §2.4], [2023-JS], [2023-ECON §2], [2023-JS §0], [2023-ECON §2.1–2.8].
Link text counts: [2023-JS §2.4](https://example.org/js) and so do [plain words], [2023] and [1999 report] as plain text.
An escaped bracket is no citation: \\[2099-ESC §1] stays text.

Unknown documents: [2099-NOPE §1] and [2099-RANGE §1–2] and [2023-JSX §1].

Unknown clauses: [2023-JS §3.99], [2023-JS §1.7.9], [2023-ECON §2.9], [2023-JS §3.4–3.99], [2023-JS §12], [2023-ECON §1.1].

Malformed: [2023-js], [2023-JS  §3.4], [§3.4], [2023-JS §3.4,§5.2], [2023-JS §03], [2023-JS 3.4], [2023-JS §3.4;2023-ECON §2.4].

Invalid ranges: [2023-JS §3.6–3.4], [2023-JS §1.7–1.7.3], [2023-JS §3.4–2], [2023-JS §3–5.1].

> Quoted: [2099-QUOTE §1]

## Heading with [2099-HEAD §1]

| cited | note |
| --- | --- |
| [2099-CELL §1] | a table cell |

- a list item [2099-ITEM §1]

Code spans are not citations: \`[2099-SPAN §1]\` and \`\`[2023-js] in two\`\`.

\`\`\`markdown
[2099-FENCE §1] [2023-js]
\`\`\`

~~~
[2023-JS §99]
~~~

    [2099-INDENT §1] in an indented block

<!-- [2099-COMMENT §1] -->

<!--
[2023-js] in a comment of several lines
[2099-COMMENT2 §3]
-->

Inline comment <!-- [2099-INLINE §1] --> and after it [2099-AFTER §1].
`;

const EXPECTED: Expected[] = [
  { code: 'unknown-document', snippet: '[2099-NOPE §1]' },
  { code: 'unknown-document', snippet: '[2099-RANGE §1–2]' },
  { code: 'unknown-document', snippet: '[2023-JSX §1]' },
  { code: 'unknown-clause', snippet: '[2023-JS §3.99]' },
  { code: 'unknown-clause', snippet: '[2023-JS §1.7.9]' },
  { code: 'unknown-clause', snippet: '[2023-ECON §2.9]' },
  { code: 'unknown-clause', snippet: '[2023-JS §3.4–3.99]' },
  { code: 'unknown-clause', snippet: '[2023-JS §12]' },
  { code: 'unknown-clause', snippet: '[2023-ECON §1.1]' },
  { code: 'malformed-citation', snippet: '[2023-js],' },
  { code: 'malformed-citation', snippet: '[2023-JS  §3.4]' },
  { code: 'malformed-citation', snippet: '[§3.4]' },
  { code: 'malformed-citation', snippet: '[2023-JS §3.4,§5.2]' },
  { code: 'malformed-citation', snippet: '[2023-JS §03]' },
  { code: 'malformed-citation', snippet: '[2023-JS 3.4]' },
  { code: 'malformed-citation', snippet: '[2023-JS §3.4;2023-ECON §2.4]' },
  { code: 'invalid-range', snippet: '[2023-JS §3.6–3.4]' },
  { code: 'invalid-range', snippet: '[2023-JS §1.7–1.7.3]' },
  { code: 'invalid-range', snippet: '[2023-JS §3.4–2]' },
  { code: 'invalid-range', snippet: '[2023-JS §3–5.1]' },
  { code: 'unknown-document', snippet: '[2099-QUOTE §1]' },
  { code: 'unknown-document', snippet: '[2099-HEAD §1]' },
  { code: 'unknown-document', snippet: '[2099-CELL §1]' },
  { code: 'unknown-document', snippet: '[2099-ITEM §1]' },
  { code: 'unknown-document', snippet: '[2099-AFTER §1]' },
];

test('each diagnostic code is produced where it should be and nowhere else', async (t) => {
  const { client, uri } = await start(t);
  const diagnostics = await client.openDocumentAndWaitForDiagnostics(uri('memo.md'), BRIEF);
  assertDiagnostics(BRIEF, diagnostics, EXPECTED);
});

test('a citation that only starts with a document id in code or a comment is silent, the same text outside is not', async (t) => {
  const { client, uri } = await start(t);
  const hidden = [
    '`[2099-X §1]`',
    '``a ` [2099-X §1]``',
    '<!-- [2099-X §1] -->',
    'Text <!-- a comment\nthat runs on [2099-X §1]\nfor lines --> text.',
    '```\n[2099-X §1]\n```',
    '```\nan unclosed fence runs to the end\n\n[2099-X §1]',
    '    [2099-X §1]',
    '> ```\n> [2099-X §1]\n> ```',
    '- item\n\n  ```\n  [2099-X §1]\n  ```',
    '- item\n\n      [2099-X §1]',
  ];
  for (const [index, text] of hidden.entries()) {
    const brief = `Before.\n\n${text}\n`;
    assert.deepEqual(await client.openDocumentAndWaitForDiagnostics(uri(`hidden-${index}.md`), brief), [], `nothing in ${JSON.stringify(text)}`);
  }
  const visible = await client.openDocumentAndWaitForDiagnostics(uri('visible.md'), 'Before.\n\n[2099-X §1]\n');
  assert.deepEqual(
    visible.map((diagnostic) => diagnostic.code),
    ['unknown-document'],
  );
});

test('diagnostics follow the user typing: introduced, fixed, and cleared on close', async (t) => {
  const { client, uri } = await start(t);
  const briefUri = uri('typing.md');
  assert.deepEqual(await client.openDocumentAndWaitForDiagnostics(briefUri, 'See [2023-JS §3.4].\n'), []);
  const broken = await client.changeDocumentAndWaitForDiagnostics(briefUri, 'See [2023-JS §3.44].\n');
  assert.deepEqual(
    broken.map((diagnostic) => diagnostic.code),
    ['unknown-clause'],
  );
  const typo = await client.changeDocumentAndWaitForDiagnostics(briefUri, 'See [2023-js §3.4].\n');
  assert.deepEqual(
    typo.map((diagnostic) => diagnostic.code),
    ['malformed-citation'],
  );
  assert.deepEqual(await client.changeDocumentAndWaitForDiagnostics(briefUri, 'See [2023-JS §3.4].\n'), []);
  await client.changeDocumentAndWaitForDiagnostics(briefUri, 'See [2099-GONE].\n');
  const since = client.mark();
  client.closeDocument(briefUri);
  assert.deepEqual(await client.waitForDiagnostics(briefUri, { since }), [], 'closing a brief clears its diagnostics');
});

test('incremental changes are applied where the client says', async (t) => {
  const { client, uri } = await start(t);
  const briefUri = uri('incremental.md');
  await client.openDocumentAndWaitForDiagnostics(briefUri, 'First line.\nSee [2023-JS §3.4] here.\n');
  const since = client.mark();
  // Replace `3.4` by `3.44` with a ranged change, as editors send.
  void client.connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: briefUri, version: 2 },
    contentChanges: [{ range: { start: { line: 1, character: 16 }, end: { line: 1, character: 17 } }, text: '44' }],
  });
  const diagnostics = await client.waitForDiagnostics(briefUri, { since, accept: (_list, publication) => publication.version === 2 });
  assert.deepEqual(
    diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range.start.line]),
    [['unknown-clause', 1]],
  );
});
