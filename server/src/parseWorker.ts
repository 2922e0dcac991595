/**
 * A worker thread that reads and parses corpus files for the server (dist/parseWorker.js; see `parsePool.ts`).
 *
 * It answers each batch of file paths with, per file, what the index needs and nothing more: the file's stamp
 * (taken before it is read, as the main thread does), its header, and its clause skeleton as bytes
 * (`Skeleton.encode`, moved, not copied, back to the main thread). The text stays here: the index reads a file
 * again only when a hover, a quote or the search index needs its text.
 *
 * NOTE: a file that cannot be read, or whose parsing throws, comes back with `retry`: the main thread indexes it
 * itself, which logs the reason once, as it does for every other file.
 */
import { parentPort } from 'node:worker_threads';
import { stampOf } from './indexCache';
import { readText } from './nodeHost';
import { parseCorpusDocument, readHeader } from './service/corpusParser';
import { Skeleton } from './service/skeleton';
import type { ParseBatch, ParsedFile, ParsedBatch } from './parsePool';

function parseFile(file: string, transfer: ArrayBuffer[]): ParsedFile {
  const stamp = stampOf(file);
  const read = stamp ? readText(file) : undefined;
  if (!stamp || !read || 'error' in read) {
    return { file, retry: true };
  }
  try {
    const header = readHeader(read.text);
    if (!header.isCorpus) {
      return { file, stamp, header };
    }
    const skeleton = Skeleton.of(parseCorpusDocument(read.text), read.text.length).encode();
    transfer.push(skeleton.buffer as ArrayBuffer);
    return { file, stamp, header, skeleton };
  } catch {
    return { file, retry: true };
  }
}

parentPort?.on('message', (batch: ParseBatch) => {
  const transfer: ArrayBuffer[] = [];
  const files = batch.files.map((file) => parseFile(file, transfer));
  const answer: ParsedBatch = { id: batch.id, files };
  parentPort?.postMessage(answer, transfer);
});
