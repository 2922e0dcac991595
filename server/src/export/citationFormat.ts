/**
 * Formats the citations of a brief in a style, in order: the first citation of an authority in its full
 * form, later ones in the short form, and one right after a citation of the same single authority as
 * *ibid* (with its pinpoint when that differs). Also collects what the table of authorities lists.
 */
import { ResolvedCitation, ResolvedCite } from '../service/resolveBrief';
import { Authority, authorityOf, formatDate, missingFieldsWarning } from './authority';
import { formatPinpoint } from './pinpointFormat';
import { CitationStyle, FieldName, FormPart } from './style';

/** A piece of formatted text. */
export interface Run {
  readonly text: string;
  readonly italic?: boolean;
}

/** A citation of the brief, formatted. */
export interface FormattedCitation {
  readonly source: ResolvedCitation;
  /** The footnote's text (footnote styles) or the bracketed citation (in-text styles); empty when broken. */
  readonly runs: readonly Run[];
  /** The footnote's number, from 1 (footnote styles; broken citations have none). */
  readonly note?: number;
  readonly broken: boolean;
}

/** A pinpoint cited of an authority, for the table. */
export interface CitedPinpoint {
  readonly text: string;
  /** The position of its first clause in the document, for ordering. */
  readonly ordinal: number;
}

/** An authority the brief cites and where. */
export interface AuthorityUse {
  readonly authority: Authority;
  /** Its entry in the table: the first form without pinpoint. */
  readonly entry: readonly Run[];
  readonly pinpoints: readonly CitedPinpoint[];
  /** The footnotes that cite it, ascending. */
  readonly notes: readonly number[];
}

/** A brief's citations in a style. */
export interface FormattedBrief {
  readonly citations: readonly FormattedCitation[];
  /** The authorities cited, in order of first citation. */
  readonly authorities: readonly AuthorityUse[];
  /** Missing front matter, one line per authority. */
  readonly warnings: readonly string[];
}

const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/g;

/** True when most of a text's letters are CJK characters. */
export function isMostlyCjk(text: string): boolean {
  const cjk = text.match(CJK)?.length ?? 0;
  const letters = text.replace(/[\s\p{P}\p{S}\d]/gu, '').length;
  return letters > 0 && cjk * 2 >= letters;
}

/** Joins runs, merging neighbours of the same kind. */
function pushRun(runs: Run[], run: Run): void {
  if (run.text.length === 0) {
    return;
  }
  const last = runs[runs.length - 1];
  if (last && Boolean(last.italic) === Boolean(run.italic)) {
    runs[runs.length - 1] = last.italic ? { text: last.text + run.text, italic: true } : { text: last.text + run.text };
  } else {
    runs.push(run.italic ? { text: run.text, italic: true } : { text: run.text });
  }
}

/** Whether the first form of an authority's kind writes its title in italics. */
function titleItalic(style: CitationStyle, authority: Authority): boolean {
  const find = (parts: readonly FormPart[]): boolean | undefined => {
    for (const part of parts) {
      const found = 'group' in part ? find(part.group) : 'field' in part && part.field === 'title' ? Boolean(part.italic) : undefined;
      if (found !== undefined) {
        return found;
      }
    }
    return undefined;
  };
  return find(style.kinds[authority.kind].first) ?? false;
}

/** Renders a form with an authority's fields and a pinpoint; missing fields are left out with their punctuation. */
export function renderForm(parts: readonly FormPart[], authority: Authority, pinpoint: string, style: CitationStyle): Run[] {
  const value = (field: FieldName, dateForm: 'long' | 'year'): string | undefined => {
    switch (field) {
      case 'pinpoint':
        return pinpoint || undefined;
      case 'date':
      case 'entry_into_force': {
        const raw = authority.fields[field];
        return raw === undefined ? undefined : formatDate(raw, style, dateForm);
      }
      case 'short':
        return authority.fields.short ?? authority.fields.title ?? authority.id;
      case 'title':
        return authority.fields.title ?? authority.id;
      default:
        return authority.fields[field];
    }
  };
  const render = (part: FormPart): Run[] => {
    if ('group' in part) {
      const pieces = part.group.map(render).filter((runs) => runs.length > 0);
      if (pieces.length === 0) {
        return [];
      }
      const runs: Run[] = [];
      pushRun(runs, { text: part.prefix ?? '' });
      pieces.forEach((piece, index) => {
        if (index > 0) {
          pushRun(runs, { text: part.separator ?? '' });
        }
        piece.forEach((run) => pushRun(runs, run));
      });
      pushRun(runs, { text: part.suffix ?? '' });
      return runs;
    }
    if ('field' in part) {
      const text = value(part.field, part.date ?? 'long');
      if (text === undefined) {
        return [];
      }
      // A missing short title falls back to the title, written as the first citation writes titles.
      const italic = part.field === 'short' && authority.fields.short === undefined ? titleItalic(style, authority) : part.italic;
      const runs: Run[] = [];
      pushRun(runs, { text: part.prefix ?? '' });
      if (italic && style.cjkTitle && isMostlyCjk(text)) {
        pushRun(runs, { text: `${style.cjkTitle.open}${text}${style.cjkTitle.close}` });
      } else {
        pushRun(runs, { text, italic });
      }
      pushRun(runs, { text: part.suffix ?? '' });
      return runs;
    }
    const runs: Run[] = [];
    pushRun(runs, { text: part.text, italic: part.italic });
    return runs;
  };
  const runs: Run[] = [];
  for (const part of parts) {
    render(part).forEach((run) => pushRun(runs, run));
  }
  return runs;
}

/** Formats the citations of a brief (resolved, in text order) for a brief written in `language`. */
export function formatCitations(resolved: readonly ResolvedCitation[], style: CitationStyle, language: string | undefined): FormattedBrief {
  const authorities = new Map<string, { authority: Authority; pinpoints: Map<string, number>; notes: number[] }>();
  const warnings: string[] = [];
  const citations: FormattedCitation[] = [];
  let noteNumber = 0;
  /** The single authority (and pinpoint) of the last citation, for ibid; undefined after anything else. */
  let previous: { id: string; pinpoint: string } | undefined;

  const useOf = (cite: ResolvedCite) => {
    let use = authorities.get(cite.docId);
    if (!use) {
      const authority = authorityOf(cite.versions, language);
      if (!authority) {
        return undefined;
      }
      const warning = missingFieldsWarning(authority, style);
      if (warning) {
        warnings.push(warning);
      }
      use = { authority, pinpoints: new Map(), notes: [] };
      authorities.set(cite.docId, use);
      return { use, first: true };
    }
    return { use, first: false };
  };

  for (const citation of resolved) {
    if (citation.errors.length > 0 || citation.cites.length === 0) {
      citations.push({ source: citation, runs: [], broken: true });
      previous = undefined;
      continue;
    }
    const note = style.placement === 'footnote' ? ++noteNumber : undefined;
    const runs: Run[] = [];
    let single: { id: string; pinpoint: string } | undefined;
    citation.cites.forEach((cite, index) => {
      const found = useOf(cite);
      if (!found) {
        return;
      }
      const { use, first } = found;
      const pinpointTexts = cite.pinpoints.map((pinpoint) => {
        const text = formatPinpoint(use.authority.primary, pinpoint, style);
        if (!use.pinpoints.has(text)) {
          use.pinpoints.set(text, pinpoint.clauses[0]?.ordinal ?? Number.MAX_SAFE_INTEGER);
        }
        return text;
      });
      const pinpoint = pinpointTexts.join(style.pinpointSeparator);
      if (note !== undefined && use.notes[use.notes.length - 1] !== note) {
        use.notes.push(note);
      }
      if (index > 0) {
        pushRun(runs, { text: style.citeSeparator });
      }
      const ibid =
        style.ibid && citation.cites.length === 1 && previous?.id === cite.docId && (pinpoint !== '' || previous.pinpoint === '') ? style.ibid : undefined;
      if (ibid) {
        pushRun(runs, { text: ibid.text, italic: ibid.italic });
        if (pinpoint !== '' && pinpoint !== previous?.pinpoint) {
          pushRun(runs, { text: ibid.pinpointPrefix + pinpoint });
        }
      } else {
        const forms = style.kinds[use.authority.kind];
        renderForm(first ? forms.first : forms.subsequent, use.authority, pinpoint, style).forEach((run) => pushRun(runs, run));
      }
      single = citation.cites.length === 1 ? { id: cite.docId, pinpoint } : undefined;
    });
    previous = single;
    if (style.placement === 'footnote') {
      const text = runs.map((run) => run.text).join('');
      if (style.noteEnd && !text.endsWith(style.noteEnd)) {
        pushRun(runs, { text: style.noteEnd });
      }
      citations.push({ source: citation, runs, note, broken: false });
    } else {
      const wrapped: Run[] = [];
      pushRun(wrapped, { text: style.inText?.open ?? '' });
      runs.forEach((run) => pushRun(wrapped, run));
      pushRun(wrapped, { text: style.inText?.close ?? '' });
      citations.push({ source: citation, runs: wrapped, note, broken: false });
    }
  }

  const uses: AuthorityUse[] = [...authorities.values()].map(({ authority, pinpoints, notes }) => ({
    authority,
    entry: renderForm(style.kinds[authority.kind].first, authority, '', style),
    pinpoints: [...pinpoints].map(([text, ordinal]) => ({ text, ordinal })).sort((left, right) => left.ordinal - right.ordinal),
    notes,
  }));
  return { citations, authorities: uses, warnings };
}
