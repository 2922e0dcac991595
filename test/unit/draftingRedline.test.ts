/**
 * Redlines between two drafts, through the core's API: clauses paired by text, then similarity, then label;
 * inserted, deleted, moved, renumbered and changed clauses; word differences; the text, HTML and diff-view
 * renderings.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { compareDrafts, hasChanges, redlineHtml, redlineSides, redlineText, wordDiff } from '../../server/src/service/redline';

const repository = path.join(__dirname, '..', '..');
const ROUND2 = fs.readFileSync(path.join(repository, 'examples', 'drafting', '2025-SCI.en.round2.md'), 'utf8');
const ROUND3 = fs.readFileSync(path.join(repository, 'examples', 'corpus', '2025-SCI.en.md'), 'utf8');
const names = { old: 'round2.md', new: 'round3.md' };

describe('redlines', () => {
  it('finds what became of each clause between two rounds of the example agreement', () => {
    const redline = compareDrafts(ROUND2, ROUND3);
    assert.deepEqual(redline.counts, { inserted: 2, deleted: 1, moved: 1, renumbered: 4, changed: 2 });
    const described = redline.entries
      .filter((entry) => entry.status !== 'unchanged' || entry.moved || entry.renumbered)
      .map((entry) => `${entry.status}${entry.moved ? ' moved' : ''}${entry.renumbered ? ` renumbered from ${entry.oldName}` : ''}: ${entry.name}`);
    assert.deepEqual(described, [
      'changed: art. 2 ¶1',
      'changed: art. 3(2)',
      'unchanged moved renumbered from art. 4(3): art. 4(2)',
      'unchanged renumbered from art. 4(2): art. 4(3)',
      'deleted: art. 5(4)',
      'inserted: art. 6',
      'inserted: art. 6 ¶1',
      'unchanged renumbered from art. 6: art. 7',
      'unchanged renumbered from art. 7: art. 8',
    ]);
    const cost = redline.entries.find((entry) => entry.name === 'art. 3(2)');
    assert.deepEqual(cost?.words?.filter((word) => word.op !== '='), [{ op: '-', text: '20' }, { op: '+', text: '30' }]);
  });

  it('the same draft has no changes; identical text under new numbers is renumbered, not changed', () => {
    assert.equal(hasChanges(compareDrafts(ROUND3, ROUND3)), false);
    const renumbered = ROUND3.replace('## Article 7 – Settlement', '## Article 9 – Settlement');
    const redline = compareDrafts(ROUND3, renumbered);
    assert.deepEqual(redline.counts, { inserted: 0, deleted: 0, moved: 0, renumbered: 1, changed: 0 });
  });

  it('a paragraph moved to another place among its siblings is moved', () => {
    const moved = ROUND3.replace(/(## Article 2 – Objective\n\n[^\n]+\n[^\n]+\n\n)(## Article 3[\s\S]*?)(## Article 4)/, '$2$1$3');
    const redline = compareDrafts(ROUND3, moved);
    // Articles 2 and 3 changed places: one of them is marked moved, with where it stood.
    assert.equal(redline.counts.moved, 1);
    const entry = redline.entries.find((candidate) => candidate.moved);
    assert.ok(entry && ['art. 2', 'art. 3'].includes(entry.name) && /^after art\. [12]$/.test(entry.movedFrom ?? ''), JSON.stringify(entry));
  });

  it('word differences use the fewest edits, and give up to whole replacement beyond a bound', () => {
    assert.deepEqual(wordDiff('The Parties shall promote cooperation.', 'The Parties shall encourage close cooperation.'), [
      { op: '=', text: 'The Parties shall ' },
      { op: '-', text: 'promote' },
      { op: '+', text: 'encourage close' },
      { op: '=', text: ' cooperation.' },
    ]);
    assert.deepEqual(wordDiff('双方应促进合作。', '双方应加强合作。'), [
      { op: '=', text: '双方应' },
      { op: '-', text: '促进' },
      { op: '+', text: '加强' },
      { op: '=', text: '合作。' },
    ]);
    const left = Array.from({ length: 2000 }, (_, index) => `a${index}`).join(' ');
    const right = Array.from({ length: 2000 }, (_, index) => `b${index}`).join(' ');
    assert.deepEqual(wordDiff(left, right), [{ op: '-', text: left }, { op: '+', text: right }]);
  });

  it('renders as text, as escaped HTML, and as the two sides of a diff view', () => {
    const redline = compareDrafts(ROUND2, ROUND3);
    const text = redlineText(redline, names);
    assert.match(text, /^Redline of 2025-SCI \(en\): round2\.md → round3\.md\n2 inserted, 1 deleted, 1 moved, 4 renumbered, 2 changed\n/);
    assert.match(text, /\n~   art\. 3\(2\) \[changed\]: 2\. Each Participant .* shall bear at least \[-20-\]\{\+30\+\} per cent of its costs\.\n/);
    assert.match(text, /\n# art\. 7 \[renumbered, was art\. 6\]: Article 7 – Settlement of disputes\n/);
    assert.match(text, /\n- {3}art\. 5\(4\) \[deleted\]: 4\. The Joint Committee shall adopt its own rules of procedure\.\n/);
    const html = redlineHtml(compareDrafts('---\nid: 2099-X\ntitle: X\n---\n\nA <b>bold</b> & plain text.\n', '---\nid: 2099-X\ntitle: X\n---\n\nA <i>new</i> & plain text.\n'), names);
    assert.match(html, /^<!DOCTYPE html>/);
    assert.ok(html.includes('&lt;') && html.includes('<del>bold</del><ins>new</ins>') && !html.includes('<b>'), html);
    assert.doesNotMatch(html, /<script/);
    const { left, right } = redlineSides(redline);
    assert.ok(left.includes('## art. 6: Article 6 – Settlement of disputes'));
    assert.ok(right.includes('## art. 7: Article 7 – Settlement of disputes   ⟵ was art. 6'));
    assert.ok(!left.includes('Funding') && right.includes('## art. 6: Article 6 – Funding'));
  });

  it('compares texts that are no corpus files, and broken ones, without throwing', () => {
    assert.equal(hasChanges(compareDrafts('', '')), false);
    assert.equal(compareDrafts('just a line\n', 'just another line\n').counts.changed, 1);
    assert.ok(compareDrafts('---\nid: [unclosed\n', '## Article 1\n\n1. Text.\n').counts.inserted > 0);
  });
});
