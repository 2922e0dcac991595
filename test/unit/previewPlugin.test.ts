// The Markdown preview's markdown-it plugin and its cache, with markdown-it alone: citations become links with
// tooltips, broken ones are marked, unknown ones pending; code, escapes and all other Markdown are untouched;
// the cache asks once, refreshes once, and checks again without looping.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import MarkdownIt from 'markdown-it';
import { cacheKeys, PreviewCitationCache } from '../../client/src/previewCache';
import { findCandidates, pinpointPreviewPlugin, PreviewAnswer } from '../../client/src/previewPlugin';

/** A lookup that answers from a table by text and records what it was asked. */
function fakeLookup(table: Record<string, PreviewAnswer | undefined>) {
  const asked: { uri: string; texts: readonly string[] }[] = [];
  return {
    asked,
    lookup(uri: string, texts: readonly string[]) {
      asked.push({ uri, texts });
      return texts.map((text) => (text in table ? table[text] : null));
    },
  };
}

const LINK: PreviewAnswer = { links: [{ start: 0, end: 14, target: 'file:///c/2023-JS.md#L40', title: 'Joint Statement (2023-JS)\n§3.4\n双方欢迎 “quoted” <b>' }] };

function render(markdown: string, table: Record<string, PreviewAnswer | undefined>, env: Record<string, unknown> = { currentDocument: { toString: () => 'file:///w/memo.md' } }) {
  const md = new MarkdownIt('default', { html: true, linkify: true });
  const lookup = fakeLookup(table);
  md.use(pinpointPreviewPlugin, lookup);
  return { html: md.render(markdown, env), asked: lookup.asked };
}

describe('the preview plugin', () => {
  it('renders a citation as a link to its clause, with the tooltip the server gave', () => {
    const { html, asked } = render('See [2023-JS §3.4].', { '[2023-JS §3.4]': LINK });
    assert.equal(
      html,
      '<p>See <a href="file:///c/2023-JS.md#L40" data-href="file:///c/2023-JS.md#L40" title="Joint Statement (2023-JS)\n§3.4\n双方欢迎 “quoted” &lt;b&gt;" class="pinpoint-citation">[2023-JS §3.4]</a>.</p>\n',
    );
    assert.deepEqual(asked, [{ uri: 'file:///w/memo.md', texts: ['[2023-JS §3.4]'] }]);
  });

  it('marks broken citations, shows unknown ones as pending, and leaves plain brackets alone', () => {
    const { html } = render('[2023-JS §99] and [2023-ECON §1] and [NOTE 1] and [x].', {
      '[2023-JS §99]': { broken: 'unknown clause: 2023-JS has no §99 & more' },
      '[2023-ECON §1]': undefined,
    });
    assert.equal(
      html,
      '<p><span class="pinpoint-citation pinpoint-broken" title="unknown clause: 2023-JS has no §99 &amp; more">[2023-JS §99]</span> and ' +
        '<span class="pinpoint-citation pinpoint-pending">[2023-ECON §1]</span> and [NOTE 1] and [x].</p>\n',
    );
  });

  it('links each document of a citation of several', () => {
    const text = '[2023-JS §3.4; 2023-ECON §2.4]';
    const { html } = render(`Both ${text}.`, {
      [text]: { links: [{ start: 1, end: 13, target: 'file:///c/a.md#L1', title: 'A' }, { start: 15, end: 29, target: 'file:///c/b.md#L2', title: 'B' }] },
    });
    assert.equal(html, '<p>Both [<a href="file:///c/a.md#L1" data-href="file:///c/a.md#L1" title="A" class="pinpoint-citation">2023-JS §3.4</a>; <a href="file:///c/b.md#L2" data-href="file:///c/b.md#L2" title="B" class="pinpoint-citation">2023-ECON §2.4</a>].</p>\n');
  });

  it('asks about ibid., aliases and printed forms like any citation, in order', () => {
    const { asked } = render('[1969-VCLT art. 31(3)(a)], then [ibid.] and [ibid. art. 32], [VCLT art. 31(1)] and [Id. §3]; not [ibidem] or [see 2023-JS].', {});
    assert.deepEqual(asked[0].texts, ['[1969-VCLT art. 31(3)(a)]', '[ibid.]', '[ibid. art. 32]', '[VCLT art. 31(1)]', '[Id. §3]']);
  });

  it('never reads code, escaped brackets or HTML as citations', () => {
    const markdown = [
      'Code `[2023-JS §3.4]`, escaped \\[2023-JS §3.4], comment <!-- [2023-JS §3.4] -->, tag <span title="[2023-JS §3.4]">x</span>.',
      '',
      '```',
      '[2023-JS §3.4]',
      '```',
      '',
      '    [2023-JS §3.4]',
      '',
      '<div>[2023-JS §3.4]</div>',
      '',
    ].join('\n');
    const plain = new MarkdownIt('default', { html: true, linkify: true }).render(markdown);
    const { html, asked } = render(markdown, { '[2023-JS §3.4]': LINK });
    assert.equal(html, plain);
    assert.deepEqual(asked, []);
  });

  it('leaves every other piece of Markdown as it was', () => {
    const markdown = [
      '# Title *with* [a link](https://example.org "t")',
      '',
      '> quote **bold** ~~gone~~ and [ref][r]',
      '',
      '- item [2023-JS §3.4] [x]',
      '  1. nested',
      '',
      '| a | b |',
      '|---|:-:|',
      '| [2023-JS §3.4] | ![img](i.png) |',
      '',
      'https://example.org/auto',
      '',
      '[r]: https://example.org/ref',
      '',
    ].join('\n');
    const plain = new MarkdownIt('default', { html: true, linkify: true }).render(markdown);
    const { html } = render(markdown, { '[2023-JS §3.4]': LINK });
    const link = '<a href="file:///c/2023-JS.md#L40" data-href="file:///c/2023-JS.md#L40" title="Joint Statement (2023-JS)\n§3.4\n双方欢迎 “quoted” &lt;b&gt;" class="pinpoint-citation">[2023-JS §3.4]</a>';
    assert.equal(html, plain.split('[2023-JS §3.4]').join(link));
  });

  it('does not nest links: a citation that is a link’s text gets a titled span', () => {
    const { html } = render('[2023-JS §3.4](https://example.org)', { '[2023-JS §3.4]': LINK, '2023-JS §3.4': LINK });
    assert.equal(html, '<p><a href="https://example.org">2023-JS §3.4</a></p>\n');
    const nested = render('[see [2023-JS §3.4] here](https://example.org)', { '[2023-JS §3.4]': LINK }).html;
    assert.match(nested, /^<p><a href="https:\/\/example.org">see <span class="pinpoint-citation" title="Joint Statement \(2023-JS\)\n§3\.4\n双方欢迎 “quoted” &lt;b&gt;">\[2023-JS §3\.4\]<\/span> here<\/a><\/p>\n$/);
  });

  it('anchors each clause of a corpus file at its line, so that a link to #pinpoint-L<line> scrolls there, and only there', () => {
    // VS Code's preview reads front matter into a token of its own, as this rule does.
    const withFrontMatter = (md: InstanceType<typeof MarkdownIt>): InstanceType<typeof MarkdownIt> => {
      md.block.ruler.before('hr', 'front_matter', (state, startLine, _endLine, silent) => {
        if (startLine !== 0 || !state.src.startsWith('---\n')) {
          return false;
        }
        const close = state.src.indexOf('\n---\n', 3);
        if (close < 0 || silent) {
          return close >= 0;
        }
        const lines = state.src.slice(0, close + 5).split('\n').length - 1;
        const token = state.push('front_matter', '', 0);
        token.hidden = true;
        (token as unknown as { meta: string }).meta = state.src.slice(4, close);
        token.map = [0, lines];
        state.line = lines;
        return true;
      });
      return md;
    };
    const corpus = '---\nid: 2099-T\ntitle: T\n---\n\n## Article 1\n\nFirst [NOTE].\n\n- (a) item\n- (b) item\n';
    const md = withFrontMatter(new MarkdownIt()).use(pinpointPreviewPlugin, fakeLookup({}));
    assert.equal(
      md.render(corpus),
      '<h2><span class="code-line" data-line="5" id="pinpoint-L6"></span>Article 1</h2>\n<p id="pinpoint-L8">First [NOTE].</p>\n<ul>\n<li id="pinpoint-L10">(a) item</li>\n<li id="pinpoint-L11">(b) item</li>\n</ul>\n',
    );
    const brief = '---\ntitle: A brief\n---\n\n## Heading\n\nText.\n';
    assert.equal(withFrontMatter(new MarkdownIt()).use(pinpointPreviewPlugin, fakeLookup({})).render(brief), withFrontMatter(new MarkdownIt()).render(brief));
  });

  it('finds bracketed spans on one line with nothing bracketed inside', () => {
    assert.deepEqual(
      findCandidates('[[2023-JS §1]] [2023-JS\n§2] [§3] [2023-JS §4').map((candidate) => candidate.text),
      ['[2023-JS §1]', '[§3]'],
    );
  });
});

describe('the preview cache', () => {
  function setup() {
    const requests: { uri: string; texts: readonly string[]; resolve: (answers: PreviewAnswer[] | undefined) => void }[] = [];
    let refreshes = 0;
    let now = 0;
    const cache = new PreviewCitationCache(
      (uri, texts) => new Promise((resolve) => requests.push({ uri, texts, resolve })),
      () => {
        refreshes++;
      },
      () => now,
    );
    return { cache, requests, refreshes: () => refreshes, advance: (ms: number) => (now += ms) };
  }
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

  it('asks once for what it does not know, refreshes once when the answer is in, then answers from memory', async () => {
    const { cache, requests, refreshes, advance } = setup();
    const texts = ['[2023-JS §3.4]', '[NOTE]'];
    assert.deepEqual(cache.lookup('file:///w/a.md', texts), [undefined, undefined]);
    assert.deepEqual(cache.lookup('file:///w/a.md', texts), [undefined, undefined], 'a second render while asking asks nothing more');
    assert.equal(requests.length, 1);
    requests[0].resolve([LINK, null]);
    await settle();
    assert.equal(refreshes(), 1);
    assert.deepEqual(cache.lookup('file:///w/a.md', texts), [LINK, null]);
    assert.equal(requests.length, 1, 'known and fresh: no request');

    // A second later the same render checks again in the background; the same answers refresh nothing.
    advance(1_000);
    assert.deepEqual(cache.lookup('file:///w/a.md', texts), [LINK, null]);
    assert.equal(requests.length, 2);
    requests[1].resolve([LINK, null]);
    await settle();
    assert.equal(refreshes(), 1);

    // A changed answer (a corpus file changed) refreshes once more.
    advance(1_000);
    cache.lookup('file:///w/a.md', texts);
    requests[2].resolve([{ broken: 'unknown clause' }, null]);
    await settle();
    assert.equal(refreshes(), 2);
    assert.deepEqual(cache.lookup('file:///w/a.md', texts), [{ broken: 'unknown clause' }, null]);
  });

  it('keeps what it knows when the server cannot answer, and asks again only at a later render', async () => {
    const { cache, requests, refreshes } = setup();
    cache.lookup('file:///w/a.md', ['[2023-JS §3.4]']);
    requests[0].resolve(undefined);
    await settle();
    assert.equal(refreshes(), 0, 'no answer: no refresh (so no loop)');
    cache.lookup('file:///w/a.md', ['[2023-JS §3.4]']);
    assert.equal(requests.length, 2);
  });

  it('asks for the latest texts after a request in flight, and keeps ibid. apart by what precedes it', async () => {
    const { cache, requests } = setup();
    cache.lookup('file:///w/a.md', ['[2023-JS §3.4]', '[ibid.]']);
    cache.lookup('file:///w/a.md', ['[2023-ECON §1]', '[ibid.]']);
    assert.equal(requests.length, 1);
    requests[0].resolve([LINK, LINK]);
    await settle();
    assert.equal(requests.length, 2);
    assert.deepEqual(requests[1].texts, ['[2023-ECON §1]', '[ibid.]']);
    assert.deepEqual(cache.lookup('file:///w/a.md', ['[2023-JS §3.4]', '[ibid.]']), [LINK, LINK]);
    assert.deepEqual(cache.lookup('file:///w/a.md', ['[2023-ECON §1]', '[ibid.]']), [undefined, undefined]);
    assert.deepEqual(cacheKeys(['[A §1]', '[ibid.]', '[Id. §2]', '[B]']), ['[A §1]', '[ibid.]\u0000[A §1]', '[Id. §2]\u0000[ibid.]\u0000[A §1]', '[B]']);
  });
});
