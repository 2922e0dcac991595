// The table of authorities: inserted after the title, updated in place, line numbers of the brief as edited.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadFixture } from './draftingFixture';

/** Runs the table-of-authorities command on a brief and returns the brief after its edit. */
function checkToa(brief: string, expected: string): string {
  const loaded = loadFixture(brief);
  const document = loaded.files.get('/brief.md');
  assert.ok(document);
  const { edit } = loaded.service.tableOfAuthorities(document, loaded.scope, 'brief.md');
  const edits = edit.changes?.[document.uri];
  assert.ok(edits && edits.length === 1);
  const after = TextDocument.applyEdits(document, edits);
  assert.equal(after, expected);
  // The numbers are right: each linked line cites what its entry names.
  const lines = after.split('\n');
  for (const match of after.matchAll(/^- (§[\d.–]+|the whole document)[^\n]*$/gm)) {
    for (const link of match[0].matchAll(/\[(\d+)\]\(brief\.md#L(\d+)\)/g)) {
      assert.equal(link[1], link[2]);
      const cited = lines[Number(link[1]) - 1];
      assert.ok(cited.includes('[20'), `line ${link[1]} cites something: ${cited}`);
    }
  }
  // Running it again changes nothing.
  const again = loadFixture(after);
  const againDocument = again.files.get('/brief.md');
  assert.ok(againDocument);
  const second = again.service.tableOfAuthorities(againDocument, again.scope, 'brief.md').edit.changes?.[againDocument.uri] ?? [];
  assert.equal(TextDocument.applyEdits(againDocument, second), after, 'idempotent');
  return after;
}

const BRIEF = `# Memo

The energy paragraph [2023-JS §3.6] and the investment one [2023-JS §3.4].

Both statements [2023-JS; 2023-ECON]; the directions [2023-ECON §2.1–2.8] and energy [2023-ECON §2.4].
Again [2023-JS §3.4, §1.7.3] and a typo [2023-JS §3.16] and [2022-JS].
`;

const TABLE = `<!-- pinpoint:toa -->
## Table of authorities

**2023-ECON** 中华人民共和国主席和俄罗斯联邦总统关于2030年前中俄经济合作重点方向发展规划的联合声明

- the whole document: line [28](brief.md#L28)
- §2.1–2.8: line [28](brief.md#L28)
- §2.4 四、巩固全方位能源合作伙伴关系。加强能源重点领域长期合作，推动实施战略合作项目…: line [28](brief.md#L28)

**2023-JS** 中华人民共和国和俄罗斯联邦关于深化新时代全面战略协作伙伴关系的联合声明

- the whole document: line [28](brief.md#L28)
- §1.7.3 ——秉持互利原则，在现代化建设过程中持续深化和拓展务实合作，实现共同发展和繁荣…: line [29](brief.md#L29)
- §3.4 双方欢迎中国商务部和俄罗斯经济发展部于 2022 年 12 月 5 日发表的《…: lines [26](brief.md#L26), [29](brief.md#L29)
- §3.6 双方将打造更加紧密的能源合作伙伴关系，支持双方企业推进油气、煤炭、电力、核能等…: line [26](brief.md#L26)

**Not found in the corpus**

- 2023-JS §3.16: line [29](brief.md#L29)
- 2022-JS: line [29](brief.md#L29)

<!-- /pinpoint:toa -->`;

describe('table of authorities', () => {
  it('is inserted after the title, in corpus order, with the lines as they will be', () => {
    checkToa(BRIEF, BRIEF.replace('# Memo\n', `# Memo\n\n${TABLE}\n`));
  });
  it('is updated in place, wherever the author moved it', () => {
    const moved = `# Memo\n\nIntro [2023-JS §9.9].\n\n<!-- pinpoint:toa -->\nstale\n<!-- /pinpoint:toa -->\n\nBody [2023-ECON §5].\n`;
    checkToa(
      moved,
      moved.replace(
        'stale\n',
        `## Table of authorities

**2023-ECON** 中华人民共和国主席和俄罗斯联邦总统关于2030年前中俄经济合作重点方向发展规划的联合声明

- §5 以上述重点方向为指引，加强相互协作，推动两国合作，起草制定相关规划，并在中俄总…: line [18](brief.md#L18)

**2023-JS** 中华人民共和国和俄罗斯联邦关于深化新时代全面战略协作伙伴关系的联合声明

- §9.9 双方主张北极应继续成为和平、稳定和建设性合作之地。: line [3](brief.md#L3)

`,
      ),
    );
  });
  it('a brief with no title and no citations', () => {
    checkToa('Plain text.\n', '<!-- pinpoint:toa -->\n## Table of authorities\n\n*No citations yet.*\n\n<!-- /pinpoint:toa -->\n\nPlain text.\n');
  });
  it('after front matter, and at the end of a brief without a final line break', () => {
    checkToa('---\ntitle: x\n---\n# T', '---\ntitle: x\n---\n# T\n\n<!-- pinpoint:toa -->\n## Table of authorities\n\n*No citations yet.*\n\n<!-- /pinpoint:toa -->\n');
  });
});
