/**
 * Writes an export document as one self-contained HTML file (styles inline, no scripts, no external
 * resources) that prints well: the title, the table of authorities, the body with numbered footnote
 * references, the notes, and the broken citations if any.
 */
import { Run } from './citationFormat';
import { Block, Inline, TableCell } from './document';
import { authorityTable, ExportDocument, plainText } from './model';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);
}

/** Links keep only web, mail and in-document targets; anything else (`javascript:`, files) becomes plain text. */
function safeHref(href: string): string | undefined {
  return /^(https?:|mailto:|#)/i.test(href.trim()) ? href.trim() : undefined;
}

function runsHtml(runs: readonly Run[]): string {
  return runs.map((run) => (run.italic ? `<i>${escapeHtml(run.text)}</i>` : escapeHtml(run.text))).join('');
}

const STYLE = `
:root { color-scheme: light; }
body { margin: 0; background: #fff; color: #111; }
.brief { max-width: 44em; margin: 2.5em auto; padding: 0 1.5em; font: 12pt/1.5 "Times New Roman", "Liberation Serif", "Noto Serif", "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, serif; }
.brief :lang(zh), .brief:lang(zh) { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, "Times New Roman", serif; }
h1.title { font-size: 1.6em; text-align: center; margin: 0 0 1.2em; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; page-break-after: avoid; break-after: avoid; }
p { margin: 0 0 0.8em; text-align: justify; }
blockquote { margin: 0 0 0.8em 1.5em; padding-left: 0.8em; border-left: 3px solid #bbb; color: #333; }
table { border-collapse: collapse; margin: 0 0 1em; }
th, td { border: 1px solid #999; padding: 0.25em 0.5em; vertical-align: top; }
th { background: #f2f2f2; }
pre { background: #f6f6f6; padding: 0.6em; white-space: pre-wrap; font-size: 0.9em; }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 0.9em; }
sup.fnref { line-height: 0; font-size: 0.75em; }
sup.fnref a { text-decoration: none; }
.authorities { border-bottom: 1px solid #ccc; margin-bottom: 1.5em; padding-bottom: 0.5em; }
.authorities ul { list-style: none; padding: 0; }
.authorities li { margin: 0 0 0.5em; padding-left: 1.5em; text-indent: -1.5em; }
.authorities .pinpoints, .authorities .cited { color: #444; }
.footnotes { margin-top: 2em; border-top: 1px solid #999; font-size: 0.9em; }
.footnotes ol { padding-left: 1.8em; }
.footnotes .back { text-decoration: none; margin-left: 0.3em; }
mark.broken { background: #ffe08a; color: #8a1c00; border-bottom: 2px solid #c33; }
.broken-list { margin-top: 2em; border: 1px solid #c33; padding: 0.5em 1em; }
.broken-list h2 { color: #8a1c00; font-size: 1.1em; }
@page { size: A4; margin: 2.5cm 2.2cm; }
@media print {
  .brief { margin: 0; max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  .footnotes .back { display: none; }
  .authorities { page-break-after: always; break-after: page; border: 0; }
}
`;

/** Writes the document as HTML. */
export function renderHtml(document: ExportDocument): string {
  const { citations } = document;

  const inlineHtml = (content: readonly Inline[]): string =>
    content
      .map((inline) => {
        if (inline.type === 'break') {
          return '<br>';
        }
        if (inline.type === 'citation') {
          const citation = citations[inline.index];
          if (!citation) {
            return '';
          }
          if (citation.broken) {
            return `<mark class="broken" title="${escapeHtml(citation.source.errors.join('\n'))}">${escapeHtml(citation.source.text)}</mark>`;
          }
          if (citation.note !== undefined) {
            return `<sup class="fnref"><a href="#fn${citation.note}" id="fnref${citation.note}">${citation.note}</a></sup>`;
          }
          return `<span class="citation">${runsHtml(citation.runs)}</span>`;
        }
        let html = escapeHtml(inline.text);
        if (inline.code) {
          html = `<code>${html}</code>`;
        }
        if (inline.italic) {
          html = `<em>${html}</em>`;
        }
        if (inline.bold) {
          html = `<strong>${html}</strong>`;
        }
        if (inline.strike) {
          html = `<s>${html}</s>`;
        }
        const href = inline.href && safeHref(inline.href);
        return href ? `<a href="${escapeHtml(href)}">${html}</a>` : html;
      })
      .join('');

  const cellHtml = (tag: 'th' | 'td', cell: TableCell): string => `<${tag}${cell.align ? ` style="text-align:${cell.align}"` : ''}>${inlineHtml(cell.content)}</${tag}>`;

  const blockHtml = (block: Block): string => {
    switch (block.type) {
      case 'heading': {
        const level = Math.min(6, Math.max(1, block.level));
        return `<h${level}>${inlineHtml(block.content)}</h${level}>`;
      }
      case 'paragraph':
        return `<p>${inlineHtml(block.content)}</p>`;
      case 'list': {
        const tag = block.ordered ? 'ol' : 'ul';
        const start = block.ordered && block.start !== 1 ? ` start="${block.start}"` : '';
        return `<${tag}${start}>${block.items.map((item) => `<li>${item.map(blockHtml).join('')}</li>`).join('')}</${tag}>`;
      }
      case 'quote':
        return `<blockquote>${block.blocks.map(blockHtml).join('')}</blockquote>`;
      case 'table':
        return `<table><thead><tr>${block.header.map((cell) => cellHtml('th', cell)).join('')}</tr></thead><tbody>${block.rows
          .map((row) => `<tr>${row.map((cell) => cellHtml('td', cell)).join('')}</tr>`)
          .join('')}</tbody></table>`;
      case 'code':
        return `<pre><code>${escapeHtml(block.text)}</code></pre>`;
      case 'rule':
        return '<hr>';
    }
  };

  const parts: string[] = [];
  const titleText = document.title ? plainText(document.title, citations) : 'Brief';
  if (document.title) {
    parts.push(`<header><h1 class="title">${inlineHtml(document.title)}</h1></header>`);
  }
  const table = authorityTable(document);
  if (table.length > 0) {
    parts.push(`<section class="authorities" aria-labelledby="pinpoint-toa"><h2 id="pinpoint-toa">${escapeHtml(document.style.tableOfAuthorities.title)}</h2>`);
    for (const group of table) {
      parts.push(`<h3>${escapeHtml(group.title)}</h3><ul>`);
      for (const line of group.lines) {
        parts.push(
          `<li><span class="entry">${runsHtml(line.entry)}</span>${line.pinpoints ? `<br><span class="pinpoints">${escapeHtml(line.pinpoints)}</span>` : ''}${
            line.citedIn ? `${line.pinpoints ? ' · ' : '<br>'}<span class="cited">${escapeHtml(line.citedIn)}</span>` : ''
          }</li>`,
        );
      }
      parts.push('</ul>');
    }
    parts.push('</section>');
  }
  parts.push(`<main>${document.blocks.map(blockHtml).join('\n')}</main>`);
  const notes = citations.filter((citation) => citation.note !== undefined);
  if (notes.length > 0) {
    parts.push('<section class="footnotes" aria-label="Notes"><ol>');
    for (const citation of notes) {
      parts.push(`<li id="fn${citation.note}">${runsHtml(citation.runs)}<a class="back" href="#fnref${citation.note}" aria-label="Back to the text">↩</a></li>`);
    }
    parts.push('</ol></section>');
  }
  if (document.broken.length > 0) {
    parts.push('<section class="broken-list"><h2>Citations not found</h2><ul>');
    for (const broken of document.broken) {
      parts.push(`<li><mark class="broken">${escapeHtml(broken.text)}</mark> (line ${broken.line}): ${escapeHtml(broken.messages.join('; '))}</li>`);
    }
    parts.push('</ul></section>');
  }
  return `<!DOCTYPE html>
<html lang="${escapeHtml(document.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Pinpoint">
<title>${escapeHtml(titleText)}</title>
<style>${STYLE}</style>
</head>
<body>
<article class="brief">
${parts.join('\n')}
</article>
</body>
</html>
`;
}
