/**
 * Renumbering a draft after an article, paragraph or item was inserted, moved or deleted: new printed labels
 * that run 1, 2, 3 again, and every number that pointed at the old labels rewritten to the new ones: the
 * document's own cross-references, the other language versions (their labels and cross-references, so that
 * they stay aligned by label), and the citations of the document in the workspace's briefs, printed
 * (`art. 4(2)`, `第四条第二款`) and `§` (`§4.2`).
 *
 * What the old numbers meant is read from the draft as it stands:
 * - a label that stands once keeps its old meaning (a moved article 5 is still article 5 until renumbered);
 * - of several siblings with one label, the last is the old one and the others were inserted before it: the
 *   drafter writes the new article's number, and the articles after it still carry their old numbers;
 * - a version that counts paragraphs by position (the Chinese 款) follows the version that numbers them.
 *
 * It refuses, saying why, only where the labels do not tell what the old numbers meant: siblings that mix
 * numbering styles, a label repeated with the same text (a copy, not an insertion), a label that cannot be
 * read, or another version with a clause this one does not have (deleted here, or not translated back).
 *
 * Pure: draft models and citations in, edits with offsets out; never throws.
 */
import { Cite, PrintedPart, PrintedRef } from './citationParser';
import { Clause } from './corpusParser';
import { findChild, findCrossReferences, Step } from './crossReferences';
import { childrenOf, DraftModel, labelSpanOf } from './draftModel';
import { bareLabel, describeBreak, LabelLevel, labelKey, sequenceBreaks } from './labels';
import { fromFullWidth, NumeralStyle, numeralStyleOf, numeralValue, writeNumeral } from './numerals';
import { Span } from './types';

/** A language version of the document, as the drafting view reads it. */
export interface VersionText {
  readonly uri: string;
  readonly model: DraftModel;
}

/** The citations of the document in one brief (bound: aliases and `ibid.` already name the document). */
export interface BriefCites {
  readonly uri: string;
  readonly cites: readonly Cite[];
}

/** One replacement in one file. */
export interface RenumberEdit extends Span {
  readonly uri: string;
  readonly newText: string;
  /** What it changes: a printed label, a cross-reference, or a citation in a brief. */
  readonly kind: 'label' | 'reference' | 'citation';
}

/** What renumbering would do. */
export type RenumberOutcome =
  | { readonly kind: 'in-sequence' }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'plan'; readonly edits: readonly RenumberEdit[]; readonly changes: readonly string[] };

/** The labelled children of one parent, of one kind: the unit that is renumbered. */
interface Group {
  readonly key: string;
  readonly parent: number;
  readonly kind: Clause['kind'];
  /** Every child of that kind, labelled or not, in document order. */
  readonly all: readonly Clause[];
  /** The labelled ones. */
  readonly members: readonly Clause[];
}

/** What renumbering knows of one version. */
interface VersionState {
  readonly uri: string;
  readonly model: DraftModel;
  /** Clauses inserted since the last numbering (a label repeated before its original). */
  readonly inserted: Set<Clause>;
  /** The new ordinal of every clause of a renumbered group (labelled, or counted by position). */
  readonly newOrdinal: Map<Clause, number>;
  /** The numeral style of each renumbered labelled group. */
  readonly styles: Map<string, NumeralStyle>;
}

class Refusal {
  constructor(readonly reason: string) {}
}

function groupKey(parent: number, kind: Clause['kind']): string {
  return `${parent}/${kind}`;
}

function levelOfKind(kind: Clause['kind']): LabelLevel {
  return kind === 'section' ? 'section' : kind === 'item' ? 'item' : 'paragraph';
}

/** The groups of a version (sections of the body and of each annex, paragraphs of each section, items of each paragraph). */
function groupsOf(model: DraftModel): Group[] {
  const groups: Group[] = [];
  for (const parent of model.children.keys()) {
    for (const kind of ['section', 'paragraph', 'item'] as const) {
      const group = groupAt(model, parent, kind);
      if (group.all.length > 0) {
        groups.push(group);
      }
    }
  }
  return groups;
}

/** The group of the children of `parent` of one kind. */
function groupAt(model: DraftModel, parent: number, kind: Clause['kind']): Group {
  const all = childrenOf(model, parent).filter((child) => child.kind === kind && !(kind === 'section' && child.label === undefined && child.key === '0'));
  return { key: groupKey(parent, kind), parent, kind, all, members: all.filter((child) => child.label !== undefined) };
}

/** The group a clause belongs to. */
function groupOf(model: DraftModel, clause: Clause): Group {
  return groupAt(model, clause.parent, clause.kind);
}

/** How a clause is named in a refusal: its label and line. */
function named(model: DraftModel, clause: Clause): string {
  const label = clause.kind === 'section' ? clause.label ?? clause.text : bareLabel(clause.label ?? '');
  const what = clause.kind === 'section' ? (label.startsWith('第') ? '' : 'article ') : clause.kind === 'paragraph' ? 'paragraph ' : 'item ';
  return `${what}${clause.kind === 'item' ? `(${label})` : label} (line ${clause.range.startLine + 1}${model.language ? ` of the ${model.language} version` : ''})`;
}

/** The numeral of a label without its insertion suffix: `3` of `3 bis`, `三` of `第三条之一`, `b` of `(b)`. */
function numeralOf(clause: Clause): string {
  const label = clause.label ?? '';
  if (clause.kind === 'section') {
    const chinese = /^第([^条條]+)[条條]/.exec(label);
    return fromFullWidth(chinese ? chinese[1] : label.split(/[ \u00a0]/)[0]);
  }
  return fromFullWidth(bareLabel(label).split(/[ \u00a0]/)[0]);
}

/** The one numeral style of a group's labels, or a refusal naming two that differ. */
function styleOfGroup(model: DraftModel, group: Group): NumeralStyle {
  const numerals = group.members.map(numeralOf);
  const roman = numerals.length > 0 && numerals[0] === 'i' && numerals.every((numeral) => numeralStyleOf(numeral, true) === 'roman-lower');
  let style: NumeralStyle | undefined;
  let first: Clause | undefined;
  for (const [index, clause] of group.members.entries()) {
    const own = numeralStyleOf(numerals[index], roman);
    if (own === undefined || numeralValue(numerals[index], own) === undefined) {
      throw new Refusal(`the label of ${named(model, clause)} cannot be renumbered: it is no number or letter in sequence`);
    }
    // Roman and Arabic articles, or letters and numbers among items, cannot be told apart by renumbering.
    const family = (value: NumeralStyle): string => (value === 'fullwidth' ? 'arabic' : value);
    if (style === undefined) {
      style = own;
      first = clause;
    } else if (family(own) !== family(style) && !(own === 'letter-lower' && style === 'roman-lower') && !(own === 'roman-lower' && style === 'letter-lower')) {
      throw new Refusal(`the labels under one parent mix numbering styles: ${named(model, first as Clause)} and ${named(model, clause)}; write them in one style first`);
    }
  }
  return style ?? 'arabic';
}

/** The source of a clause and everything under it, for telling a copy from an insertion. */
function subtreeText(model: DraftModel, clause: Clause): string {
  let end = clause.span.end;
  for (let index = clause.ordinal + 1; index < model.clauses.length; index++) {
    const next = model.clauses[index];
    let inside = false;
    for (let current: Clause | undefined = next; current; current = current.parent >= 0 ? model.clauses[current.parent] : undefined) {
      if (current === clause) {
        inside = true;
        break;
      }
    }
    if (!inside) {
      break;
    }
    end = next.span.end;
  }
  const text = model.text.slice(clause.span.start, end);
  const label = labelSpanOf(model, clause);
  // Without the label itself: a copy with a new number is still a copy.
  return (label ? text.slice(label.end - clause.span.start) : text).replace(/\s+/g, ' ').trim();
}

/** Marks the inserted members of a group (a label repeated before its last occurrence). */
function markInserted(model: DraftModel, group: Group, inserted: Set<Clause>, refuseCopies: boolean): void {
  const last = new Map<string, Clause>();
  for (const member of group.members) {
    last.set(member.labelKey ?? '', member);
  }
  const originalText = new Map<string, string>();
  for (const member of group.members) {
    const original = last.get(member.labelKey ?? '');
    if (original !== member) {
      inserted.add(member);
      if (refuseCopies && original) {
        const text = originalText.get(member.labelKey ?? '') ?? subtreeText(model, original);
        originalText.set(member.labelKey ?? '', text);
        if (subtreeText(model, member) === text) {
          throw new Refusal(`${named(model, member)} and ${named(model, original)} have the same label and the same text, so renumbering cannot tell the inserted one from the old one: delete the copy or change its text first`);
        }
      }
    }
  }
}

/** The identity of a labelled member across versions: its key, or, inserted, the original before it and its place after that. */
function identities(group: Group, inserted: ReadonlySet<Clause>): Map<Clause, string> {
  const ids = new Map<Clause, string>();
  let anchor = '^';
  let count = 0;
  for (const member of group.members) {
    if (inserted.has(member)) {
      count++;
      ids.set(member, `+${anchor}#${count}`);
    } else {
      anchor = member.labelKey ?? '';
      count = 0;
      ids.set(member, anchor);
    }
  }
  return ids;
}

/** Prepares the version being renumbered: which groups break their sequence, their styles, insertions and new ordinals. */
function prepareTarget(version: VersionText): { state: VersionState; renumbered: Map<string, Group>; changes: string[] } {
  const state: VersionState = { uri: version.uri, model: version.model, inserted: new Set(), newOrdinal: new Map(), styles: new Map() };
  const renumbered = new Map<string, Group>();
  const changes: string[] = [];
  for (const group of groupsOf(version.model)) {
    if (group.members.length === 0) {
      continue;
    }
    const breaks = sequenceBreaks(group.members.map((member) => ({ label: member.label ?? '', item: member })), levelOfKind(group.kind));
    if (breaks.length === 0) {
      continue;
    }
    const style = styleOfGroup(version.model, group);
    markInserted(version.model, group, state.inserted, true);
    state.styles.set(group.key, style);
    renumbered.set(group.key, group);
    group.members.forEach((member, index) => state.newOrdinal.set(member, index + 1));
    const parent = group.parent >= 0 ? version.model.clauses[group.parent] : undefined;
    changes.push(describeBreak(breaks[0], parent ? named(version.model, parent).replace(/ \(line.*$/, '') : 'the document'));
  }
  return { state, renumbered, changes };
}

/**
 * Matches another version's clauses with the target's, top down, and gives them the target's new ordinals.
 * Refuses where a renumbered group of the other version has a clause the target lacks.
 */
function alignVersion(target: VersionState, renumbered: ReadonlyMap<string, Group>, version: VersionText): VersionState {
  const state: VersionState = { uri: version.uri, model: version.model, inserted: new Set(), newOrdinal: new Map(), styles: new Map() };
  const targetModel = target.model;
  const model = version.model;
  const visit = (targetParent: number, parent: number, depth: number): void => {
    if (depth > 12) {
      return;
    }
    for (const kind of ['section', 'paragraph', 'item'] as const) {
      const targetGroup = groupAt(targetModel, targetParent, kind);
      const group = groupAt(model, parent, kind);
      if (group.all.length === 0) {
        continue;
      }
      const isRenumbered = renumbered.has(targetGroup.key);
      const pairs: [Clause, Clause][] = [];
      if (group.members.length > 0 && targetGroup.members.length > 0) {
        markInserted(model, group, state.inserted, false);
        const theirs = identities(targetGroup, target.inserted);
        const byId = new Map([...theirs].map(([clause, id]) => [id, clause]));
        for (const [clause, id] of identities(group, state.inserted)) {
          const match = byId.get(id);
          if (match) {
            pairs.push([clause, match]);
          } else if (isRenumbered) {
            throw new Refusal(`${named(model, clause)} has no counterpart in this version (it was deleted here, or inserted there): make the versions match before renumbering, so that they stay aligned`);
          }
        }
        if (isRenumbered) {
          state.styles.set(group.key, styleOfGroup(model, group));
        }
      } else if (group.members.length === 0 && targetGroup.members.length > 0) {
        // Counted by position (the Chinese 款): the same clauses in the same order, or no telling which is which.
        if (group.all.length === targetGroup.all.length) {
          group.all.forEach((clause, index) => pairs.push([clause, targetGroup.all[index]]));
        } else if (isRenumbered) {
          throw new Refusal(`the ${model.language || 'other'} version counts the ${kind === 'item' ? 'items' : 'paragraphs'} under ${group.parent >= 0 ? named(model, model.clauses[group.parent]) : 'its top level'} by position and has ${group.all.length} where this version has ${targetGroup.all.length}: add or remove the same ${kind === 'item' ? 'items' : 'paragraphs'} there first`);
        }
      }
      // Unlabelled clauses in both (a chapeau, unnumbered paragraphs) pair by their order.
      const unlabelled = group.all.filter((clause) => clause.label === undefined);
      const targetUnlabelled = targetGroup.all.filter((clause) => clause.label === undefined);
      if (group.members.length > 0 || targetGroup.members.length === 0) {
        unlabelled.forEach((clause, index) => {
          if (targetUnlabelled[index]) {
            pairs.push([clause, targetUnlabelled[index]]);
          }
        });
      }
      for (const [clause, match] of pairs) {
        if (isRenumbered) {
          const ordinal = target.newOrdinal.get(match);
          if (ordinal !== undefined) {
            state.newOrdinal.set(clause, ordinal);
          }
          if (target.inserted.has(match)) {
            state.inserted.add(clause);
          }
        }
        visit(match.ordinal, clause.ordinal, depth + 1);
      }
    }
  };
  visit(-1, -1, 0);
  for (const annex of model.annexes) {
    const match = [...targetModel.annexes].reverse().find((candidate) => candidate.labelKey === annex.labelKey);
    if (match) {
      visit(match.ordinal, annex.ordinal, 1);
    }
  }
  return state;
}

/** The clause a positional number names in the old numbering: the n-th of the group that was there before. */
function oldPositional(state: VersionState, group: Group, position: number): Clause | undefined {
  return group.all.filter((clause) => !state.inserted.has(clause))[position - 1];
}

/** Writes `value` in the style of a written token (`三` → `四`, `3` → `4`, `c` → `d`, `iii` → `iv`). */
function inStyleOf(written: string, value: number, groupStyle: NumeralStyle | undefined): string | undefined {
  const numeral = fromFullWidth(written).split(/[ \u00a0之]/)[0];
  const fullWidth = /[０-９]/.test(written);
  const style = fullWidth ? 'fullwidth' : numeralStyleOf(numeral, groupStyle === 'roman-lower');
  return style === undefined ? undefined : writeNumeral(value, style);
}

/** The written value of a token, read in the style its target's group uses. */
function writtenValue(written: string, groupStyle: NumeralStyle | undefined): number | undefined {
  const numeral = fromFullWidth(written);
  if (/[ \u00a0之]/.test(numeral)) {
    return undefined; // an insertion form (`5 bis`, `十七之一`) always changes
  }
  const style = numeralStyleOf(numeral, groupStyle === 'roman-lower');
  return style === undefined ? undefined : numeralValue(numeral, style);
}

/** The new ordinal for a token that names `clause` (by label, or by position when its group prints none). */
function newOrdinalFor(state: VersionState, clause: Clause, written: string): number | undefined {
  if (clause.label !== undefined || clause.kind === 'annex') {
    return state.newOrdinal.get(clause);
  }
  const group = groupOf(state.model, clause);
  if (!group.all.some((member) => state.newOrdinal.has(member))) {
    return undefined;
  }
  const position = writtenValue(written, 'arabic') ?? writtenValue(written, 'zh');
  const old = position === undefined ? undefined : oldPositional(state, group, position);
  return old === undefined ? undefined : state.newOrdinal.get(old);
}

/** The label edits of one version. */
function labelEdits(state: VersionState, into: RenumberEdit[]): void {
  for (const [clause, ordinal] of state.newOrdinal) {
    if (clause.label === undefined) {
      continue;
    }
    const style = state.styles.get(groupKey(clause.parent, clause.kind));
    const span = labelSpanOf(state.model, clause);
    if (!style || !span) {
      throw new Refusal(`the label of ${named(state.model, clause)} could not be found in its text`);
    }
    const numeral = writeNumeral(ordinal, style);
    const newText = span.core.includes('条') ? `${numeral}条` : numeral;
    if (newText !== span.core) {
      into.push({ uri: state.uri, start: span.start, end: span.end, newText, kind: 'label' });
    }
  }
}

/** The cross-reference edits of one version. */
function referenceEdits(state: VersionState, into: RenumberEdit[]): void {
  for (const reference of findCrossReferences(state.model)) {
    if (reference.relative) {
      continue;
    }
    for (const token of reference.tokens) {
      if (!token.clause) {
        continue;
      }
      const ordinal = newOrdinalFor(state, token.clause, token.written);
      const groupStyle = state.styles.get(groupKey(token.clause.parent, token.clause.kind));
      if (ordinal === undefined || ordinal === writtenValue(token.written, groupStyle)) {
        continue;
      }
      const newText = inStyleOf(token.written, ordinal, groupStyle);
      if (newText !== undefined) {
        into.push({ uri: state.uri, start: token.start, end: token.end, newText, kind: 'reference' });
      }
    }
  }
}

/** The clause a printed pinpoint's part names in the old numbering, from `parent`. */
function oldPrintedChild(state: VersionState, parent: number, part: PrintedPart, zh: boolean): Clause | undefined {
  const model = state.model;
  const token = { start: 0, end: 0, text: part.level === 'section' && zh ? part.label : bareLabel(part.label) };
  if (part.level === 'paragraph' || part.level === 'item') {
    const group = groupAt(model, parent, part.level);
    const positional = part.level === 'paragraph' ? group.all.length > 0 && group.members.length === 0 : group.members.length === 0 && group.all.length > 0;
    if (positional) {
      const position = writtenValue(token.text, 'arabic') ?? writtenValue(token.text, 'zh');
      return position === undefined ? undefined : oldPositional(state, group, position);
    }
  }
  const step: Step = { level: part.level, token };
  return findChild(model, parent, step);
}

/** The edits of one printed pinpoint of a brief, label by label, keeping how it is written. */
function printedEdits(state: VersionState, uri: string, text: string, span: Span, refs: readonly PrintedRef[], into: RenumberEdit[]): void {
  let cursor = span.start;
  for (const [index, ref] of refs.entries()) {
    let parent = -1;
    // The end of a range writes only its last levels (`art. 31(1)–(3)`) or replaces the first (`arts 31–33`).
    let unwritten = 0;
    if (index > 0) {
      const dash = text.slice(cursor, span.end).search(/[-–]/);
      cursor = dash < 0 ? cursor : cursor + dash + 1;
      const tail = text.slice(cursor, span.end);
      unwritten = tail.startsWith('(') ? ref.parts.length - (tail.match(/\(/g) ?? []).length : 0;
    }
    if (ref.annex !== undefined) {
      const key = labelKey(ref.annex, 'annex');
      const annex = ref.annex === '' ? state.model.annexes[0] : [...state.model.annexes].reverse().find((candidate) => candidate.labelKey === key);
      if (!annex) {
        return;
      }
      parent = annex.ordinal;
      const at = ref.annex === '' ? -1 : text.indexOf(ref.annex, cursor);
      cursor = at >= 0 && at < span.end ? at + ref.annex.length : cursor;
    }
    for (const [position, part] of ref.parts.entries()) {
      const clause = oldPrintedChild(state, parent, part, ref.zh);
      if (!clause) {
        return;
      }
      parent = clause.ordinal;
      if (position < unwritten) {
        continue;
      }
      const label = part.level === 'section' && ref.zh ? part.label.replace(/^第/, '').replace(/[条條].*$/, '') : bareLabel(part.label);
      const at = text.indexOf(label, cursor);
      if (at < 0 || at >= span.end) {
        return;
      }
      cursor = at + label.length;
      const ordinal = newOrdinalFor(state, clause, label);
      const groupStyle = state.styles.get(groupKey(clause.parent, clause.kind));
      if (ordinal === undefined || (ordinal === writtenValue(label, groupStyle) && !/之/.test(part.label))) {
        continue;
      }
      const written = inStyleOf(label, ordinal, groupStyle);
      if (written === undefined) {
        continue;
      }
      // `第十七条之一` becomes `第十八条`: the insertion suffix goes with the old number.
      const insertion = part.level === 'section' && ref.zh ? /^[条條]之[0-9零〇一二两三四五六七八九十百千]+/.exec(text.slice(cursor, span.end)) : undefined;
      into.push({ uri, start: at, end: insertion ? cursor + insertion[0].length : cursor, newText: insertion ? `${written}条` : written, kind: 'citation' });
    }
  }
}

/** The clause a `§` path names in the old numbering, and the path that names it after renumbering. */
function renumberPath(state: VersionState, path: readonly number[]): number[] | undefined {
  const model = state.model;
  const hasSections = model.document.hasSections;
  let parent = -1;
  const out: number[] = [];
  let rest = path;
  if (hasSections) {
    const number = path[0];
    const sections = childrenOf(model, -1).filter((clause) => clause.kind === 'section');
    let section: Clause | undefined;
    if (number === 0) {
      section = sections.find((clause) => clause.key === '0');
    } else {
      const labelled = sections.filter((clause) => clause.label !== undefined && clause.labelKey === String(number));
      section = labelled[labelled.length - 1] ?? sections.filter((clause) => clause.key !== '0' && clause.label === undefined)[number - 1];
    }
    if (!section) {
      return undefined;
    }
    out.push(number === 0 ? 0 : state.newOrdinal.get(section) ?? number);
    parent = section.ordinal;
    rest = path.slice(1);
  }
  for (const position of rest) {
    const all = childrenOf(model, parent);
    const old = all.filter((clause) => !state.inserted.has(clause))[position - 1];
    if (!old) {
      return undefined;
    }
    out.push(all.indexOf(old) + 1);
    parent = old.ordinal;
  }
  return out;
}

/** The edit of one `§` pinpoint, or nothing when its numbers stay. */
function pathEdit(state: VersionState, uri: string, pinpoint: Cite['pinpoints'][number], into: RenumberEdit[]): void {
  const from = renumberPath(state, pinpoint.from);
  if (!from) {
    return;
  }
  let written = from.join('.');
  if (pinpoint.toWritten) {
    const fullEnd = [...pinpoint.from.slice(0, pinpoint.from.length - pinpoint.toWritten.length), ...pinpoint.toWritten];
    const to = renumberPath(state, fullEnd);
    if (!to) {
      return;
    }
    const shortened = pinpoint.toWritten.length < pinpoint.from.length && from.slice(0, from.length - pinpoint.toWritten.length).join('.') === to.slice(0, to.length - pinpoint.toWritten.length).join('.');
    written += `–${(shortened ? to.slice(to.length - pinpoint.toWritten.length) : to).join('.')}`;
  }
  const old = pinpoint.from.join('.') + (pinpoint.toWritten ? `–${pinpoint.toWritten.join('.')}` : '');
  if (written !== old) {
    into.push({ uri, start: pinpoint.pathSpan.start, end: pinpoint.pathSpan.end, newText: written, kind: 'citation' });
  }
}

/**
 * Plans the renumbering of `target`. `others` are its other language versions; `briefs` the citations of the
 * document in the workspace's briefs (with each brief's text); `primaryUri` the version those citations
 * resolve to.
 */
export function planRenumbering(
  target: VersionText,
  others: readonly VersionText[],
  briefs: readonly (BriefCites & { readonly text: string })[],
  primaryUri: string,
): RenumberOutcome {
  try {
    const prepared = prepareTarget(target);
    if (prepared.renumbered.size === 0) {
      return { kind: 'in-sequence' };
    }
    const states = [prepared.state, ...others.map((version) => alignVersion(prepared.state, prepared.renumbered, version))];
    const edits: RenumberEdit[] = [];
    for (const state of states) {
      labelEdits(state, edits);
      referenceEdits(state, edits);
    }
    const primary = states.find((state) => state.uri === primaryUri);
    if (primary) {
      for (const brief of briefs) {
        for (const cite of brief.cites) {
          for (const pinpoint of cite.pinpoints) {
            if (pinpoint.inherited) {
              continue;
            }
            if (pinpoint.printed) {
              printedEdits(primary, brief.uri, brief.text, pinpoint, pinpoint.printedTo ? [pinpoint.printed, pinpoint.printedTo] : [pinpoint.printed], edits);
            } else {
              pathEdit(primary, brief.uri, pinpoint, edits);
            }
          }
        }
      }
    }
    return { kind: 'plan', edits: dedupe(edits), changes: prepared.changes };
  } catch (error) {
    if (error instanceof Refusal) {
      return { kind: 'refused', reason: error.reason };
    }
    throw error;
  }
}

/** Drops repeated edits (a token shared by a list of references) and keeps them in file order. */
function dedupe(edits: readonly RenumberEdit[]): RenumberEdit[] {
  const seen = new Set<string>();
  const out: RenumberEdit[] = [];
  for (const edit of edits) {
    const key = `${edit.uri}\0${edit.start}\0${edit.end}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(edit);
    }
  }
  return out.sort((left, right) => (left.uri < right.uri ? -1 : left.uri > right.uri ? 1 : left.start - right.start));
}
