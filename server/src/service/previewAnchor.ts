/**
 * Where VS Code's Markdown preview finds a corpus file's clauses: the preview plugin gives each clause's
 * element this id (from its first line), and the preview script (media/previewScript.js) scrolls to it after
 * a citation's link (`…/2023-JS.md#L40`) opened the corpus file in the preview.
 *
 * NOTE: the link itself ends with `#L40`, which VS Code reads as a line of the file: the editor opens there
 * (markdown.preview.openMarkdownLinks: inEditor), while the preview drops such a fragment and opens at the
 * top, hence the script.
 */
export function previewAnchor(line: number): string {
  return `pinpoint-L${line + 1}`;
}
