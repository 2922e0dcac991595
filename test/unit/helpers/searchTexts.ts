/** Search-index fixtures shared by the unit tests. */
import { SearchIndex } from '../../../server/src/service/searchIndex';

/** Adds clause texts as one document (the texts joined by blank lines, each a span of it). */
export function addTexts(index: SearchIndex, texts: readonly string[]): number {
  let source = '';
  const spans = new Int32Array(texts.length * 2);
  texts.forEach((text, position) => {
    spans[position * 2] = source.length;
    source += text;
    spans[position * 2 + 1] = source.length;
    source += '\n\n';
  });
  return index.add(source, spans);
}
