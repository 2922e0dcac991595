import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { scanBrief } from '../../server/src/service/briefScanner';
import { updateScan } from '../../server/src/service/incrementalScan';

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

const pieces = ['[', ']', '2023-JS', ' §3.', '4', '；', 'x', '`', '<!--', '-->', '\n', '    ', '# ', '- ', '', '§', '\\', '---'];

test('an incremental update after any edit equals a full scan of the new text', () => {
  fc.assert(
    fc.property(fc.nat(brief.length), fc.nat(6), fc.array(fc.constantFrom(...pieces), { maxLength: 3 }), (at, removed, inserted) => {
      const start = Math.min(at, brief.length);
      const end = Math.min(brief.length, start + removed);
      const edited = brief.slice(0, start) + inserted.join('') + brief.slice(end);
      const incremental = updateScan(brief, scanBrief(brief), edited);
      if (incremental) {
        assert.deepEqual(JSON.parse(JSON.stringify(incremental)), JSON.parse(JSON.stringify(scanBrief(edited))));
      }
    }),
    { seed: 20261127, numRuns: 3000 },
  );
});

test('typing inside a citation on an ordinary line is handled incrementally', () => {
  const edited = brief.replace('[2023-JS §3.4]，', '[2023-JS §3.45]，');
  const incremental = updateScan(brief, scanBrief(brief), edited);
  assert.ok(incremental, 'expected the incremental path');
  assert.deepEqual(JSON.parse(JSON.stringify(incremental)), JSON.parse(JSON.stringify(scanBrief(edited))));
});

test('an edit that opens a code span falls back to a full scan', () => {
  const edited = brief.replace('双方欢迎', '双方`欢迎');
  assert.equal(updateScan(brief, scanBrief(brief), edited), undefined);
});
