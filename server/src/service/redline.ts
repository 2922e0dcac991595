/**
 * Redlines between two drafts of a treaty: their clauses aligned article by article, paragraph by
 * paragraph, and what became of each: inserted, deleted, moved, renumbered (the same text under another
 * label), or changed (words inserted and deleted). Rendered as text (`[-old-]{+new+}`), as HTML that a
 * negotiating partner can read, and as the two sides of an editor's diff view.
 *
 * Clauses are paired by their text first (so a renumbered article is found under its new number), then by
 * the similarity of their words, then by their labels. Word changes come from Myers' O(ND) difference
 * algorithm, with D bounded: a paragraph rewritten beyond the bound is shown as deleted and inserted whole.
 * Pairing by similarity is bounded too, so time stays near-linear in the size of the drafts.
 *
 * Pure: two texts in, a redline out; never throws.
 */
import { Clause } from './corpusParser';
import { childrenOf, DraftModel, draftModelOf, labelSpanOf } from './draftModel';
import { clauseName } from './drafting';

/** One piece of a word-level difference. */
export interface WordChange {
  readonly op: '=' | '+' | '-';
  readonly text: string;
}

/** One clause of the redline. */
export interface RedlineEntry {
  readonly status: 'unchanged' | 'inserted' | 'deleted' | 'changed';
  /** True when the clause stands elsewhere among its siblings than it did. */
  readonly moved: boolean;
  /** True when it prints another label than it did (`art. 4`, was `art. 3`). */
  readonly renumbered: boolean;
  /** How the clause is named in the new draft (in the old one for a deleted clause). */
  readonly name: string;
  /** How it was named in the old draft, when it was there and is named otherwise now. */
  readonly oldName?: string;
  readonly kind: Clause['kind'];
  /** Nesting depth: 0 for articles (or top-level paragraphs). */
  readonly depth: number;
  /** The clause's text in the old draft and the new one (a section: its heading). */
  readonly oldText?: string;
  readonly newText?: string;
  /** The words that changed, for a changed clause. */
  readonly words?: readonly WordChange[];
  /** For a moved clause: the clause it followed in the old draft. */
  readonly movedFrom?: string;
}

/** Two drafts compared. */
export interface Redline {
  readonly id: string | undefined;
  readonly title: string | undefined;
  readonly language: string;
  readonly entries: readonly RedlineEntry[];
  readonly counts: { readonly inserted: number; readonly deleted: number; readonly moved: number; readonly renumbered: number; readonly changed: number };
}

/** The text of a clause without its printed label, normalised for comparison. */
function bodyOf(model: DraftModel, clause: Clause): string {
  const label = labelSpanOf(model, clause);
  let text = clause.text;
  if (label && clause.kind !== 'section') {
    const raw = model.text.slice(clause.span.start, clause.span.end);
    const offset = label.end - clause.span.start;
    text = raw.slice(offset).replace(/^[.)）、．]/, '');
  } else if (label && clause.kind === 'section') {
    text = clause.text.replace(clause.label ?? '', '');
  }
  return text.replace(/\s+/g, ' ').replace(/^[\s.:–—-]+/, '').trim();
}

/** The signature of a clause and all it holds, for finding it unchanged elsewhere. */
function signatureOf(model: DraftModel, clause: Clause, depth = 0): string {
  const parts = [bodyOf(model, clause)];
  if (depth < 6) {
    for (const child of childrenOf(model, clause.ordinal)) {
      parts.push(signatureOf(model, child, depth + 1));
    }
  }
  return parts.join('\u0001');
}

/** Character bigrams of a text (CJK and Latin alike), for a quick similarity. */
function bigrams(text: string): Map<string, number> {
  const grams = new Map<string, number>();
  const flat = text.toLowerCase().replace(/\s+/g, ' ');
  for (let index = 0; index + 1 < flat.length && index < 4000; index++) {
    const gram = flat.slice(index, index + 2);
    grams.set(gram, (grams.get(gram) ?? 0) + 1);
  }
  return grams;
}

function dice(left: Map<string, number>, right: Map<string, number>): number {
  let shared = 0;
  let total = 0;
  for (const [gram, count] of left) {
    shared += Math.min(count, right.get(gram) ?? 0);
    total += count;
  }
  for (const count of right.values()) {
    total += count;
  }
  return total === 0 ? 1 : (2 * shared) / total;
}

/** Splits text into words, spaces and punctuation; each CJK character is a word of its own. */
function tokens(text: string): string[] {
  return text.match(/[A-Za-z0-9’'-]+|\s+|[\u3400-\u9fff\uf900-\ufaff]|./gsu) ?? [];
}

/** Myers' difference of two token lists, or undefined when more than `limit` edits are needed. */
function myers(left: readonly string[], right: readonly string[], limit: number): WordChange[] | undefined {
  const n = left.length;
  const m = right.length;
  const max = Math.min(n + m, limit);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && left[x] === right[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        return backtrack(trace, left, right, offset, d);
      }
    }
  }
  return undefined;
}

function backtrack(trace: readonly Int32Array[], left: readonly string[], right: readonly string[], offset: number, last: number): WordChange[] {
  const changes: WordChange[] = [];
  let x = left.length;
  let y = right.length;
  for (let d = last; d > 0; d--) {
    const v = trace[d];
    const k = x - y;
    const previousK = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? k + 1 : k - 1;
    const previousX = v[offset + previousK];
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      changes.push({ op: '=', text: left[--x] });
      y--;
    }
    if (x === previousX) {
      changes.push({ op: '+', text: right[--y] });
    } else {
      changes.push({ op: '-', text: left[--x] });
    }
  }
  while (x > 0 && y > 0) {
    changes.push({ op: '=', text: left[--x] });
    y--;
  }
  return tidy(merge(changes.reverse()));
}

/**
 * Tidies a difference for reading: blanks between two changes join them (`{+encourage close+}`, not
 * `{+encourage+} {+close+}`), and in each run of changes the deleted words come before the inserted ones.
 */
function tidy(changes: readonly WordChange[]): WordChange[] {
  const out: WordChange[] = [];
  for (let index = 0; index < changes.length; ) {
    if (changes[index].op === '=') {
      out.push(changes[index++]);
      continue;
    }
    let deleted = '';
    let inserted = '';
    while (index < changes.length) {
      const change = changes[index];
      const bridge = change.op === '=' && /^\s+$/.test(change.text) && index + 1 < changes.length && changes[index + 1].op !== '=';
      if (change.op === '=' && !bridge) {
        break;
      }
      deleted += change.op === '+' ? '' : change.text;
      inserted += change.op === '-' ? '' : change.text;
      index++;
    }
    // A blank both sides end with stands after the change, not inside it.
    const blank = /\s+$/.exec(deleted)?.[0] ?? '';
    const shared = blank && inserted.endsWith(blank) ? blank : '';
    if (deleted.length > shared.length) {
      out.push({ op: '-', text: deleted.slice(0, deleted.length - shared.length) });
    }
    if (inserted.length > shared.length) {
      out.push({ op: '+', text: inserted.slice(0, inserted.length - shared.length) });
    }
    if (shared) {
      out.push({ op: '=', text: shared });
    }
  }
  return merge(out);
}

/** Joins neighbouring pieces of one kind. */
function merge(changes: readonly WordChange[]): WordChange[] {
  const merged: WordChange[] = [];
  for (const change of changes) {
    const last = merged[merged.length - 1];
    if (last && last.op === change.op) {
      merged[merged.length - 1] = { op: last.op, text: last.text + change.text };
    } else {
      merged.push(change);
    }
  }
  return merged;
}

/** The word changes between two texts (a paragraph rewritten beyond recognition: deleted and inserted whole). */
export function wordDiff(before: string, after: string): WordChange[] {
  const left = tokens(before);
  const right = tokens(after);
  const found = left.length + right.length > 20_000 ? undefined : myers(left, right, 400);
  return found ?? [{ op: '-', text: before }, { op: '+', text: after }];
}

/** The positions (in `values`) of a longest increasing subsequence, O(n log n). */
function longestIncreasing(values: readonly number[]): Set<number> {
  const tails: number[] = [];
  const previous = new Int32Array(values.length).fill(-1);
  for (let index = 0; index < values.length; index++) {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (values[tails[middle]] < values[index]) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    if (low > 0) {
      previous[index] = tails[low - 1];
    }
    tails[low] = index;
  }
  const kept = new Set<number>();
  for (let index = tails.length > 0 ? tails[tails.length - 1] : -1; index >= 0; index = previous[index]) {
    kept.add(index);
  }
  return kept;
}

/** Pairs the children of two matched parents (or the two top levels); returns old → new. */
function pairChildren(older: DraftModel, oldKids: readonly Clause[], newer: DraftModel, newKids: readonly Clause[]): Map<Clause, Clause> {
  const pairs = new Map<Clause, Clause>();
  const taken = new Set<Clause>();
  // 1. The same text (with everything under it): found wherever it went, whatever its label.
  const bySignature = new Map<string, Clause[]>();
  for (const clause of oldKids) {
    const signature = `${clause.kind}\u0002${signatureOf(older, clause)}`;
    bySignature.set(signature, [...(bySignature.get(signature) ?? []), clause]);
  }
  for (const clause of newKids) {
    const candidates = bySignature.get(`${clause.kind}\u0002${signatureOf(newer, clause)}`);
    const match = candidates?.find((candidate) => !pairs.has(candidate));
    if (match) {
      pairs.set(match, clause);
      taken.add(clause);
    }
  }
  // 2. Similar text, best pairs first (bounded: drafts have tens of articles, not thousands).
  const oldLeft = oldKids.filter((clause) => !pairs.has(clause));
  const newLeft = newKids.filter((clause) => !taken.has(clause));
  if (oldLeft.length * newLeft.length <= 40_000) {
    const oldGrams = oldLeft.map((clause) => bigrams(signatureOf(older, clause)));
    const newGrams = newLeft.map((clause) => bigrams(signatureOf(newer, clause)));
    const scored: { score: number; old: number; new: number }[] = [];
    oldLeft.forEach((oldClause, oldIndex) =>
      newLeft.forEach((newClause, newIndex) => {
        if (oldClause.kind !== newClause.kind) {
          return;
        }
        const sameLabel = oldClause.labelKey !== undefined && oldClause.labelKey === newClause.labelKey ? 0.05 : 0;
        const score = dice(oldGrams[oldIndex], newGrams[newIndex]) + sameLabel;
        if (score >= 0.5) {
          scored.push({ score, old: oldIndex, new: newIndex });
        }
      }),
    );
    scored.sort((left, right) => right.score - left.score || left.old - right.old);
    for (const { old, new: index } of scored) {
      if (!pairs.has(oldLeft[old]) && !taken.has(newLeft[index])) {
        pairs.set(oldLeft[old], newLeft[index]);
        taken.add(newLeft[index]);
      }
    }
  }
  // 3. What is left pairs by label (an article rewritten under its own number), or by order when neither has one.
  const oldRest = oldKids.filter((clause) => !pairs.has(clause));
  const newRest = newKids.filter((clause) => !taken.has(clause));
  for (const clause of newRest) {
    const match = oldRest.find((candidate) => !pairs.has(candidate) && candidate.kind === clause.kind && candidate.labelKey !== undefined && candidate.labelKey === clause.labelKey);
    if (match) {
      pairs.set(match, clause);
      taken.add(clause);
    }
  }
  const oldUnlabelled = oldKids.filter((clause) => !pairs.has(clause) && clause.label === undefined);
  const newUnlabelled = newKids.filter((clause) => !taken.has(clause) && clause.label === undefined);
  oldUnlabelled.forEach((clause, index) => {
    const match = newUnlabelled[index];
    if (match && match.kind === clause.kind) {
      pairs.set(clause, match);
      taken.add(match);
    }
  });
  return pairs;
}

/** Compares two drafts of one document. */
export function compareDrafts(oldText: string, newText: string): Redline {
  const older = draftModelOf(oldText);
  const newer = draftModelOf(newText);
  const entries: RedlineEntry[] = [];
  const counts = { inserted: 0, deleted: 0, moved: 0, renumbered: 0, changed: 0 };

  const emitWhole = (model: DraftModel, clause: Clause, depth: number, status: 'inserted' | 'deleted'): void => {
    counts[status]++;
    const text = status === 'inserted' ? { newText: clause.text } : { oldText: clause.text };
    entries.push({ status, moved: false, renumbered: false, name: clauseName(model, clause), kind: clause.kind, depth, ...text });
    for (const child of childrenOf(model, clause.ordinal)) {
      emitWhole(model, child, depth + 1, status);
    }
  };

  const visit = (oldKids: readonly Clause[], newKids: readonly Clause[], depth: number): void => {
    const pairs = pairChildren(older, oldKids, newer, newKids);
    const newToOld = new Map([...pairs].map(([oldClause, newClause]) => [newClause, oldClause]));
    // Moved: paired clauses outside a longest run that keeps the old order.
    const paired = newKids.filter((clause) => newToOld.has(clause));
    const oldIndexes = paired.map((clause) => oldKids.indexOf(newToOld.get(clause) as Clause));
    const inOrder = longestIncreasing(oldIndexes);
    const moved = new Set(paired.filter((_, index) => !inOrder.has(index)));
    const deleted = oldKids.filter((clause) => !pairs.has(clause));
    let nextDeleted = 0;
    const flushDeleted = (before: number): void => {
      while (nextDeleted < deleted.length && oldKids.indexOf(deleted[nextDeleted]) < before) {
        emitWhole(older, deleted[nextDeleted++], depth, 'deleted');
      }
    };
    for (const clause of newKids) {
      const old = newToOld.get(clause);
      if (!old) {
        emitWhole(newer, clause, depth, 'inserted');
        continue;
      }
      const isMoved = moved.has(clause);
      if (!isMoved) {
        flushDeleted(oldKids.indexOf(old));
      }
      const name = clauseName(newer, clause);
      const oldName = clauseName(older, old);
      const renumbered = (old.labelKey ?? '') !== (clause.labelKey ?? '');
      const before = bodyOf(older, old);
      const after = bodyOf(newer, clause);
      const changed = before !== after;
      const oldIndex = oldKids.indexOf(old);
      counts.moved += isMoved ? 1 : 0;
      counts.renumbered += renumbered ? 1 : 0;
      counts.changed += changed ? 1 : 0;
      entries.push({
        status: changed ? 'changed' : 'unchanged',
        moved: isMoved,
        renumbered,
        name,
        oldName: oldName !== name ? oldName : undefined,
        kind: clause.kind,
        depth,
        oldText: old.text,
        newText: clause.text,
        words: changed ? wordDiff(old.text, clause.text) : undefined,
        movedFrom: isMoved ? (oldIndex > 0 ? `after ${clauseName(older, oldKids[oldIndex - 1])}` : 'the beginning') : undefined,
      });
      visit(childrenOf(older, old.ordinal), childrenOf(newer, clause.ordinal), depth + 1);
    }
    flushDeleted(Number.MAX_SAFE_INTEGER);
  };

  visit(childrenOf(older, -1), childrenOf(newer, -1), 0);
  // Annexes pair by label; their clauses as a top level of their own.
  for (const annex of newer.annexes) {
    const match = older.annexes.find((candidate) => candidate.labelKey === annex.labelKey);
    if (!match) {
      emitWhole(newer, annex, 0, 'inserted');
      continue;
    }
    entries.push({ status: match.text === annex.text ? 'unchanged' : 'changed', moved: false, renumbered: false, name: clauseName(newer, annex), kind: 'annex', depth: 0, oldText: match.text, newText: annex.text, words: match.text === annex.text ? undefined : wordDiff(match.text, annex.text) });
    visit(childrenOf(older, match.ordinal), childrenOf(newer, annex.ordinal), 1);
  }
  for (const annex of older.annexes) {
    if (!newer.annexes.some((candidate) => candidate.labelKey === annex.labelKey)) {
      emitWhole(older, annex, 0, 'deleted');
    }
  }
  const language = newer.language || older.language;
  return { id: newer.document.id ?? older.document.id, title: newer.document.title ?? older.document.title, language, entries, counts };
}

// ---------------------------------------------------------------------------------------------------------
// Renderings

/** One line summing up a redline: `1 inserted, 0 deleted, 1 moved, 5 renumbered, 2 changed`. */
export function redlineSummary(redline: Redline): string {
  const { inserted, deleted, moved, renumbered, changed } = redline.counts;
  return `${inserted} inserted, ${deleted} deleted, ${moved} moved, ${renumbered} renumbered, ${changed} changed`;
}

/** True when the two drafts differ at all. */
export function hasChanges(redline: Redline): boolean {
  return Object.values(redline.counts).some((count) => count > 0);
}

/** What became of a clause, in words: `inserted`, `renumbered, was art. 3`, `moved, was after art. 2`, `changed`. */
export function entryNotes(entry: RedlineEntry): string[] {
  const found: string[] = [];
  if (entry.status === 'inserted' || entry.status === 'deleted') {
    found.push(entry.status);
  }
  if (entry.renumbered && entry.oldName) {
    found.push(`renumbered, was ${entry.oldName}`);
  }
  if (entry.moved) {
    found.push(`moved, was ${entry.movedFrom ?? 'elsewhere'}`);
  }
  if (entry.status === 'changed') {
    found.push('changed');
  }
  return found;
}

/** The redline as plain text: `+` inserted, `-` deleted, `~` changed (`[-old-]{+new+}`), `>` moved, `#` renumbered. */
export function redlineText(redline: Redline, names: { old: string; new: string }): string {
  const lines = [`Redline of ${redline.id ?? 'the draft'}${redline.language ? ` (${redline.language})` : ''}: ${names.old} → ${names.new}`, redlineSummary(redline), ''];
  for (const entry of redline.entries) {
    const mark = entry.status === 'inserted' ? '+' : entry.status === 'deleted' ? '-' : entry.moved ? '>' : entry.status === 'changed' ? '~' : entry.renumbered ? '#' : ' ';
    const text =
      entry.status === 'changed' && entry.words
        ? entry.words.map((word) => (word.op === '=' ? word.text : word.op === '-' ? `[-${word.text}-]` : `{+${word.text}+}`)).join('')
        : entry.newText ?? entry.oldText ?? '';
    const note = entryNotes(entry);
    lines.push(`${mark} ${'  '.repeat(entry.depth)}${entry.name}${note.length > 0 ? ` [${note.join('; ')}]` : ''}: ${text.replace(/\s+/g, ' ')}`);
  }
  return lines.join('\n') + '\n';
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The redline as a self-contained HTML page (no scripts), insertions underlined and deletions struck through. */
export function redlineHtml(redline: Redline, names: { old: string; new: string }): string {
  const rows: string[] = [];
  for (const entry of redline.entries) {
    const text =
      entry.status === 'changed' && entry.words
        ? entry.words.map((word) => (word.op === '=' ? escapeHtml(word.text) : word.op === '-' ? `<del>${escapeHtml(word.text)}</del>` : `<ins>${escapeHtml(word.text)}</ins>`)).join('')
        : entry.status === 'inserted'
          ? `<ins>${escapeHtml(entry.newText ?? '')}</ins>`
          : entry.status === 'deleted'
            ? `<del>${escapeHtml(entry.oldText ?? '')}</del>`
            : escapeHtml(entry.newText ?? '');
    const note = entryNotes(entry).map((item) => `<span class="note">${escapeHtml(item)}</span>`).join(' ');
    const classes = [entry.status, entry.moved ? 'moved' : '', entry.renumbered ? 'renumbered' : '', entry.kind].filter((name) => name.length > 0).join(' ');
    const tag = entry.kind === 'section' || entry.kind === 'annex' ? 'h2' : 'p';
    rows.push(`<${tag} class="${classes}" style="margin-left:${entry.depth * 1.5}em"><span class="name">${escapeHtml(entry.name)}</span> ${text} ${note}</${tag}>`);
  }
  const title = `Redline of ${redline.id ?? 'the draft'}${redline.language ? ` (${redline.language})` : ''}`;
  return `<!DOCTYPE html>
<html lang="${escapeHtml(redline.language || 'en')}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: "Noto Serif", "Songti SC", Georgia, serif; max-width: 52em; margin: 2em auto; line-height: 1.5; color: #222; background: #fff; }
h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 1.4em; }
ins { color: #0645ad; text-decoration: underline; background: #eef4ff; }
del { color: #b00020; text-decoration: line-through; background: #fff0f0; }
.name { font-weight: bold; margin-right: .4em; }
.note { font-size: .8em; color: #555; border: 1px solid #bbb; border-radius: 3px; padding: 0 .3em; font-family: sans-serif; }
.moved { border-left: 4px solid #2e7d32; padding-left: .5em; }
.renumbered .name { background: #fff4c2; }
.summary { font-family: sans-serif; color: #444; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="summary">${escapeHtml(redline.title ?? '')}<br>${escapeHtml(names.old)} → ${escapeHtml(names.new)}<br>${escapeHtml(redlineSummary(redline))}</p>
${rows.join('\n')}
</body>
</html>
`;
}

/**
 * The two sides of an editor's diff view, aligned clause by clause in the new draft's order: a moved clause
 * stands at its new place on both sides (with a note on the right), so the diff shows what changed in it.
 */
export function redlineSides(redline: Redline): { left: string; right: string } {
  const left: string[] = [];
  const right: string[] = [];
  for (const entry of redline.entries) {
    const indent = '  '.repeat(entry.depth);
    const line = (text: string | undefined, name: string): string => `${indent}${entry.kind === 'section' || entry.kind === 'annex' ? '## ' : ''}${name}: ${(text ?? '').replace(/\s+/g, ' ')}`;
    if (entry.status !== 'inserted') {
      left.push(line(entry.oldText, entry.oldName ?? entry.name));
    }
    if (entry.status !== 'deleted') {
      const note = [entry.moved ? `moved, was ${entry.movedFrom}` : '', entry.renumbered && entry.oldName ? `was ${entry.oldName}` : ''].filter((item) => item.length > 0);
      right.push(line(entry.newText, entry.name) + (note.length > 0 ? `   ⟵ ${note.join('; ')}` : ''));
    }
  }
  return { left: left.join('\n') + '\n', right: right.join('\n') + '\n' };
}
