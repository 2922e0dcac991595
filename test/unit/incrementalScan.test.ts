import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { BriefScan, scanBrief } from '../../server/src/service/briefScanner';
import { originOf, updateScan } from '../../server/src/service/incrementalScan';

const brief = [
  '# 关于 [2023-JS §1] 的说明',
  '',
  '双方欢迎[2023-JS §3.4]，并见[2023-ECON §2.4; 2023-JS §1.7.3]。',
  '- 列表项 [2023-JS §2.4–6] 和 `[2023-JS §9]` 代码',
  '> 引文 [2023-js §1] 与 \\[2023-JS §3\\]',
  '',
  '```',
  '[2023-JS §3.4] 不是引文',
  '```',
  '',
  '    [2023-JS §3.4] 缩进代码',
  '',
  '<!-- [2023-JS §3.4]',
  '注释 -->',
  '[2023-JS §3.4]: https://example.org',
  '最后一段 [2023-JS §9.9]。',
].join('\n');

/** A scan's citations and excluded spans as plain values (moved citations as the scanner would write them). */
function plain(scan: BriefScan): unknown {
  return JSON.parse(JSON.stringify({ citations: scan.citations, excluded: scan.excluded }));
}

const pieces = ['[', ']', '2023-JS', ' §3.', '4', '；', 'x', '`', '<!--', '-->', '\n', '    ', '# ', '- ', '', '§', '\\', '---'];

test('an incremental update after any edit equals a full scan of the new text', () => {
  fc.assert(
    fc.property(fc.nat(brief.length), fc.nat(6), fc.array(fc.constantFrom(...pieces), { maxLength: 3 }), (at, removed, inserted) => {
      const start = Math.min(at, brief.length);
      const end = Math.min(brief.length, start + removed);
      const edited = brief.slice(0, start) + inserted.join('') + brief.slice(end);
      const incremental = updateScan(brief, scanBrief(brief), edited);
      if (incremental) {
        assert.deepEqual(plain(incremental), plain(scanBrief(edited)));
        // Told where the texts differ, it finds the same (or asks for a full scan where the edit told is wider).
        const told = updateScan(brief, scanBrief(brief), edited, { start, oldEnd: end, newEnd: start + inserted.join('').length });
        if (told) {
          assert.deepEqual(plain(told), plain(incremental));
        }
      }
    }),
    { seed: 20261127, numRuns: 3000 },
  );
});

test('a run of incremental updates equals a full scan, and moved citations keep the citation the scanner found', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat(brief.length), fc.nat(4), fc.array(fc.constantFrom('x', '[2023-JS §1]', '；', '§', '4', '', ']', '['), { maxLength: 2 })), { maxLength: 8 }), (edits) => {
      let text = brief;
      let scan = scanBrief(text);
      for (const [at, removed, inserted] of edits) {
        const start = Math.min(at, text.length);
        const end = Math.min(text.length, start + removed);
        const edited = text.slice(0, start) + inserted.join('') + text.slice(end);
        const next = updateScan(text, scan, edited) ?? scanBrief(edited);
        assert.deepEqual(plain(next), plain(scanBrief(edited)));
        if (next.edit) {
          // The citations after the edited line are the same citations, moved.
          const before = new Set(scan.citations.map(originOf));
          for (const citation of next.citations) {
            if (citation.start >= next.edit.newEnd) {
              assert.ok(before.has(originOf(citation)), 'a moved citation keeps its origin');
            }
          }
        }
        text = edited;
        scan = next;
      }
    }),
    { seed: 20261206, numRuns: 500 },
  );
});

test('typing inside a citation on an ordinary line is handled incrementally', () => {
  const edited = brief.replace('[2023-JS §3.4]，', '[2023-JS §3.45]，');
  const incremental = updateScan(brief, scanBrief(brief), edited);
  assert.ok(incremental, 'expected the incremental path');
  assert.deepEqual(plain(incremental), plain(scanBrief(edited)));
});

test('an edit that opens a code span falls back to a full scan', () => {
  const edited = brief.replace('双方欢迎', '双方`欢迎');
  assert.equal(updateScan(brief, scanBrief(brief), edited), undefined);
});
