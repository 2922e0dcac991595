// Navigation: document links on citations, the outline of corpus files, workspace symbols over clause text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DocumentSymbol } from 'vscode-languageserver-types';
import { cursorOf, loadFixture, SEED_ROOT } from './draftingFixture';

/** The links of a brief, as `text → target`. */
function checkLinks(brief: string, expected: readonly string[]): void {
  const loaded = loadFixture(brief);
  const document = loaded.files.get('/brief.md');
  assert.ok(document);
  const links = loaded.service.documentLinks(document, loaded.scope);
  assert.deepEqual(
    links.map((link) => `${document.getText(link.range)} → ${link.target?.replace(SEED_ROOT, 'seed:')}`),
    expected,
  );
}

/** The outline of a corpus file, as indented `name — detail` lines. */
function checkOutline(corpus: string, expected: string): void {
  const loaded = loadFixture(`//- /corpus/doc.md\n${corpus}`);
  const document = loaded.files.get('/corpus/doc.md');
  assert.ok(document);
  const symbols = loaded.service.documentSymbols(document);
  assert.ok(symbols);
  const lines: string[] = [];
  const walk = (list: readonly DocumentSymbol[], depth: number): void => {
    for (const symbol of list) {
      const range = `${symbol.range.start.line}-${symbol.range.end.line}`;
      lines.push(`${'  '.repeat(depth)}${symbol.name}${symbol.detail ? ` — ${symbol.detail}` : ''} [${range}]`);
      assert.ok(symbol.range.start.line <= symbol.selectionRange.start.line && symbol.selectionRange.end.line <= symbol.range.end.line, 'selection inside range');
      walk(symbol.children ?? [], depth + 1);
    }
  };
  walk(symbols, 0);
  assert.equal(lines.join('\n'), expected);
}

describe('document links', () => {
  it('each document id opens its file, each pinpoint its clause', () => {
    checkLinks('See [2023-JS §3.4–3.6, §9.9; 2023-ECON] and [2023-JS §3.16] and [2022-X §1].\n', [
      '2023-JS → seed:/2023-JS.md#L2',
      '§3.4–3.6 → seed:/2023-JS.md#L73',
      '§9.9 → seed:/2023-JS.md#L215',
      '2023-ECON → seed:/2023-ECON.md#L2',
      '2023-JS → seed:/2023-JS.md#L2',
    ]);
  });
});

describe('document symbols', () => {
  it('sections hold paragraphs, paragraphs hold items', () => {
    checkOutline(
      `---
id: 2099-T
title: T
---

Preamble text.

## 1 General

Paragraph one.

Paragraph two:

- item a
- item b

## 2

Last.
`,
      `§0 Preamble [5-5]
  §0.1 — Preamble text. [5-5]
§1 1 General [7-14]
  §1.1 — Paragraph one. [9-9]
  §1.2 — Paragraph two: [11-14]
    §1.2.1 — item a [13-13]
    §1.2.2 — item b [14-14]
§2 2 [16-18]
  §2.1 — Last. [18-18]`,
    );
  });
  it('a document without sections: paragraphs at the top', () => {
    checkOutline('---\nid: 2099-T\ntitle: T\n---\n\nOne.\n\nTwo:\n\n- a\n', '§1 — One. [5-5]\n§2 — Two: [7-9]\n  §2.1 — a [9-9]');
  });
  it('a brief has no outline from Pinpoint (the Markdown extension gives one)', () => {
    const loaded = loadFixture('# Title\n\n[2023-JS §3.4]\n');
    const document = loaded.files.get('/brief.md');
    assert.ok(document);
    assert.equal(loaded.service.documentSymbols(document), null);
  });
  it('the seed documents', () => {
    const loaded = loadFixture('');
    const js = loaded.service.index.resolve('2023-JS', loaded.scope);
    assert.ok(js);
    const document = { uri: js.uri, version: 1, getText: () => '', offsetAt: () => 0, positionAt: () => ({ line: 0, character: 0 }) };
    const symbols = loaded.service.documentSymbols(document) ?? [];
    assert.deepEqual(symbols.map((symbol) => symbol.name), ['§0 Preamble', '§1 一', '§2 二', '§3 三', '§4 四', '§5 五', '§6 六', '§7 七', '§8 八', '§9 九']);
    assert.equal(symbols[3].children?.length, 15);
  });
});

describe('workspace symbols', () => {
  it('documents by id or title, then clauses by text, named so that an editor filter keeps them', () => {
    const loaded = loadFixture('');
    const names = (query: string): string[] => loaded.service.workspaceSymbols(query, loaded.scope).map((symbol) => `${symbol.containerName ?? ''}|${symbol.name}`);
    assert.deepEqual(names('econ'), ['|2023-ECON 中华人民共和国主席和俄罗斯联邦总统关于2030年前中俄经济合作重点方向发展规划的联合声明']);
    const arctic = names('北极');
    assert.ok(arctic.includes('2023-JS|§9.9 双方主张北极应继续成为和平、稳定和建设性合作之地。'), JSON.stringify(arctic));
    assert.ok(names('本币结算').every((name) => name.includes('本币结算')));
    assert.equal(names('').length, 2, 'an empty query lists the documents');
    assert.deepEqual(names('zzzz-nothing'), []);
  });
  it('is bounded', () => {
    const loaded = loadFixture('');
    assert.ok(loaded.service.workspaceSymbols('双方', loaded.scope).length <= 100);
  });
  it('cursor helper fails loudly without a marker', () => {
    assert.throws(() => cursorOf(loadFixture('no marker')), /no \$0 cursor marker/);
  });
});
