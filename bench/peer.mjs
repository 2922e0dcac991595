// The peer of the cliff benchmark: VS Code's own Markdown link validation (vscode-markdown-languageservice
// 0.4, a bench-only devDependency), driven in this process with an in-memory workspace as
// ../shared/docs/performance.md describes, on the same shape as Pinpoint's 2,000-document row: the same
// 2,000 documents of the synthetic corpus, and a brief of 5,000 links `[x](corpus/ID.md#第n条)` to their
// article headings, every fiftieth past the last article (100 planted errors). `computeDiagnostics` with
// every check on. Cold: from reading the files to the first diagnostics; edit: a new version of the brief
// (one line changed) to its diagnostics.
import * as fs from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import { Emitter } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { createLanguageService, DiagnosticLevel, githubSlugifier } from 'vscode-markdown-languageservice';
import { cliffArticle, cliffTargets, markdownFiles, percentile } from './common.mjs';
import { chineseNumber } from './synthetic.mjs';

const NONE = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };
const ALL_CHECKS = {
  validateReferences: DiagnosticLevel.warning,
  validateFragmentLinks: DiagnosticLevel.warning,
  validateFileLinks: DiagnosticLevel.warning,
  validateMarkdownFileLinkFragments: DiagnosticLevel.warning,
  validateUnusedLinkDefinitions: DiagnosticLevel.warning,
  validateDuplicateLinkDefinitions: DiagnosticLevel.warning,
  ignoreLinks: [],
};

/** An in-memory workspace of Markdown documents under one root folder. */
class MemoryWorkspace {
  #documents = new Map();
  #folders = new Map();
  #changed = new Emitter();
  #created = new Emitter();
  #deleted = new Emitter();

  constructor(root) {
    this.root = URI.file(root);
  }

  get workspaceFolders() {
    return [this.root];
  }

  get onDidChangeMarkdownDocument() {
    return this.#changed.event;
  }

  get onDidCreateMarkdownDocument() {
    return this.#created.event;
  }

  get onDidDeleteMarkdownDocument() {
    return this.#deleted.event;
  }

  set(document) {
    const existed = this.#documents.has(document.uri);
    this.#documents.set(document.uri, document);
    let folder = path.posix.dirname(URI.parse(document.uri).path);
    let name = path.posix.basename(URI.parse(document.uri).path);
    let isDirectory = false;
    while (folder.length >= this.root.path.length) {
      const entries = this.#folders.get(folder) ?? new Map();
      entries.set(name, { isDirectory });
      this.#folders.set(folder, entries);
      name = path.posix.basename(folder);
      folder = path.posix.dirname(folder);
      isDirectory = true;
    }
    (existed ? this.#changed : this.#created).fire(document);
  }

  async getAllMarkdownDocuments() {
    return this.#documents.values();
  }

  hasMarkdownDocument(resource) {
    return this.#documents.has(resource.toString());
  }

  async openMarkdownDocument(resource) {
    return this.#documents.get(resource.toString());
  }

  async stat(resource) {
    if (this.#documents.has(resource.toString())) return { isDirectory: false };
    return this.#folders.has(resource.path) ? { isDirectory: true } : undefined;
  }

  async readDirectory(resource) {
    return [...(this.#folders.get(resource.path) ?? new Map())];
  }
}

/** Runs the peer on `distinct` documents of `files` (spread as Pinpoint's cliff picks them) and `count` links. */
export async function measurePeer(files, distinct, count, edits) {
  const root = '/peer';
  const started = performance.now();
  const workspace = new MemoryWorkspace(root);
  const targets = cliffTargets(files, distinct);
  for (const target of targets) {
    workspace.set(TextDocument.create(URI.file(`${root}/corpus/${target.id}.md`).toString(), 'markdown', 1, target.text));
  }
  const lines = ['# Peer brief', ''];
  for (let index = 0; index < count; index++) {
    const target = targets[index % targets.length];
    const article = cliffArticle(target, index);
    lines.push(`- 参见[${target.id}](corpus/${target.id}.md#第${chineseNumber(article)}条)，以及其他论述第${index}项。`);
  }
  const briefUri = URI.file(`${root}/brief.md`).toString();
  let brief = TextDocument.create(briefUri, 'markdown', 1, `${lines.join('\n')}\n`);
  workspace.set(brief);
  const markdown = new MarkdownIt({ html: true });
  const parser = { slugifier: githubSlugifier, tokenize: async (document) => markdown.parse(document.getText(), {}) };
  const logger = { level: 0, log() {} };
  const service = createLanguageService({ workspace, parser, logger, markdownFileExtensions: ['md'] });
  const first = await service.computeDiagnostics(brief, ALL_CHECKS, NONE);
  const coldMs = performance.now() - started;
  const planted = first.filter((diagnostic) => diagnostic.code === 'link.no-such-header-in-file').length;
  const times = [];
  for (let index = 0; index < edits; index++) {
    const line = 2 + ((index * 37) % count);
    const change = index % 2 === 0 ? '另' : '';
    const at = { line, character: 2 };
    const editStarted = performance.now();
    brief = TextDocument.update(brief, [{ range: { start: at, end: index % 2 === 0 ? at : { line, character: 3 } }, text: change }], brief.version + 1);
    workspace.set(brief);
    await service.computeDiagnostics(brief, ALL_CHECKS, NONE);
    times.push(performance.now() - editStarted);
  }
  service.dispose();
  return { distinct: targets.length, links: count, coldMs, planted, editMedian: percentile(times, 0.5), editP99: percentile(times, 0.99), heapMB: process.memoryUsage().heapUsed / 1e6 };
}

// As a script (run.mjs runs it in a child process, so that its heap is its own):
// node bench/peer.mjs CORPUS_DIR DISTINCT LINKS EDITS → one line of JSON.
if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const [root, distinct, links, edits] = process.argv.slice(2);
  const result = await measurePeer(markdownFiles(root), Number(distinct), Number(links), Number(edits));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
