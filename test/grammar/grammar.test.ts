// Grammar tests: tokenize Markdown fixtures the way VS Code does (its Markdown and HTML grammars, our injection
// grammar wired up from package.json, the Dark+ and Light+ themes) and compare the tokens with a snapshot kept
// beside each fixture, as microsoft/vscode-markdown-tm-grammar does.
//
//   node --import tsx --test test/grammar/*.test.ts
//   UPDATE_SNAPSHOTS=1 node --import tsx --test test/grammar/*.test.ts    (rewrites the snapshots)
//
// Besides the snapshots, each fixture states which spans must be highlighted as citations and which as malformed,
// so that a careless snapshot update cannot hide a regression.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';
import { Citation, findCitations } from '../../server/src/service/citationParser';
import { grammarText } from '../../scripts/buildGrammar';

const repoRoot = path.resolve(__dirname, '..', '..');
const fixturesDir = path.join(__dirname, 'fixtures');
const vendorDir = path.join(__dirname, 'vendor');
const updateSnapshots = process.env.UPDATE_SNAPSHOTS === '1';

const citationScope = 'meta.citation.pinpoint';
const malformedScope = 'invalid.illegal.citation.pinpoint';
/** Scopes that must be visibly coloured by the default themes. */
const colouredScopes = [
    'entity.name.type.document-id.pinpoint',
    'keyword.other.section.pinpoint',
    'constant.numeric.path.pinpoint',
    'constant.numeric.label.pinpoint',
    'keyword.other.article.pinpoint',
    'keyword.other.paragraph.pinpoint',
    'keyword.other.item.pinpoint',
    'keyword.other.annex.pinpoint',
    'keyword.other.ordinal.pinpoint',
    'keyword.other.insertion.pinpoint',
    'variable.language.short-form.pinpoint',
    malformedScope,
];

/** What a fixture must highlight, besides matching its snapshot. */
interface FixtureExpectation {
    /** The text of each span scoped `meta.citation.pinpoint`, in document order. */
    readonly citations: readonly string[];
    /** The text of each span scoped `invalid.illegal.citation.pinpoint`, in document order. */
    readonly malformed?: readonly string[];
}

const expectations: Record<string, FixtureExpectation> = {
    'single': { citations: ['[2023-JS §3.4]'] },
    'multiple-pinpoints': { citations: ['[2023-JS §3.4, §3.6]', '[2023-JS §1.7.1, §1.7.3, §1.7.5]'] },
    'multiple-documents': { citations: ['[2023-JS §3.6; 2023-ECON §2.4]', '[2023-JS; 2023-ECON]'] },
    'ranges': { citations: ['[2023-JS §3.4-3.6]', '[2023-JS §3.4–3.6]', '[2023-ECON §2.1–2.8]', '[2023-JS §5–6]'] },
    'shortened-range': { citations: ['[2023-JS §3.4–6]', '[2023-JS §1.7.1-3]'] },
    'whole-document': { citations: ['[2023-JS]', '[2023-ECON]', '[1998-EU-PCA-2]'] },
    // Link text keeps markdown's link scopes for its brackets; the citation is the text between them.
    'link-text': {
        citations: ['2023-JS §3.4', '2023-ECON §2.4', '2023-JS §2.4', '2023-JS §9.9', '[2023-JS §1.7.3]'],
        malformed: ['2023-js §3.4'],
    },
    'code-span': { citations: ['[2023-JS §3.4]'] },
    'fenced-block': { citations: ['[2023-JS §3.4]', '[2023-ECON §2.4]'] },
    'indented-block': { citations: ['[2023-JS §3.4]'] },
    'html-comment': { citations: ['[2023-JS §2.4]'] },
    'escaped': { citations: [] },
    'malformed': {
        citations: [],
        malformed: ['[2023-js]', '[2023-JS  §3.4]', '[2023-JS §03.4]', '[2023-JS §3.4,§5.2]', '[§3.4]', '[2023-03-21]'],
    },
    'chinese': {
        citations: ['[2023-JS §3.4]', '[2023-JS §3.3]', '[2023-JS §2.4]', '[2023-ECON §2.1–2.3]'],
        malformed: ['[2023-ECON §2.1–2.3；]'],
    },
    'heading': { citations: ['[2023-JS §3.4]', '[2023-JS §2.4; 2023-ECON]', '[2023-JS §9.9]'] },
    'list-item': {
        citations: ['[2023-JS §1.7.2]', '[2023-JS §3.6]', '[2023-ECON §2.4]', '[2023-JS §9.9]'],
        malformed: ['[2023-JS §9.9.]'],
    },
    'emphasis-and-quote': { citations: ['[2023-JS §3.4]', '[2023-ECON §2.4]', '[2023-JS §9.9]'] },
    // Printed pinpoints, aliases and short forms (spec.md §1.1).
    'printed': {
        citations: [
            '[1969-VCLT art. 31(1)]', '[1969-VCLT art 31(3)(a)]', '[1969-VCLT Article 31(3)(c)]', '[1945-UNCH Art. 2(4)]',
            '[1945-UNCH article 51]', '[1998-ROME art. 8 bis(2)(a)]', '[1969-VCLT art. 60(2)(a)(ii)]', '[2023-ECON para. 2(4)]',
            '[1969-VCLT art. 66]', '[1969-VCLT art. 31(1), art. 32(b)]', '[1969-VCLT art. 31, §32.1]',
            '[1969-VCLT art. 31(3)(a); 1945-UNCH art. 2(4)]',
        ],
    },
    'printed-ranges': {
        citations: [
            '[1969-VCLT arts 31–33]', '[1969-VCLT arts 31-33]', '[1969-VCLT art. 31(1)–(3)]', '[1969-VCLT art. 31(3)(a)–(c)]',
            '[1969-VCLT art. 31(2)(b)–(3)(a)]', '[1969-VCLT arts 31–art. 33]', '[2023-ECON paras 1–3]', '[1982-UNCLOS annex VII arts 1–2]',
        ],
    },
    'annex': {
        citations: [
            '[1982-UNCLOS annex VII art. 2]', '[1982-UNCLOS Annex VII Article 2(1)]', '[1982-UNCLOS annex VII]',
            '[1969-VCLT annex para. 2]', '[2001-X annex II para. 3(b)]', '[2001-X annex 2 bis art. 1]',
        ],
    },
    'chinese-printed': {
        citations: [
            '[1998-ROME 第八条之二第二款]', '[1997-XF 第七十八条第二款第（一）项]', '[1997-XF 第七十八条第一款第二项]',
            '[1997-XF 第十七条之一]', '[1997-XF 第3条第2款]', '[2024-TEST 第三条第（一）项]', '[1997-XF 第三条–第五条]',
        ],
    },
    'aliases-and-ibid': {
        // A bare [VCLT] stays plain: the grammar cannot know whether a loaded document gives the alias.
        citations: [
            '[VCLT art. 31(3)(a)]', '[CHARTER §2.4]', '[ICC-STATUTE art. 8 bis]', '[ibid.]', '[Ibid. art. 32]', '[id.]',
            '[Id. art. 2(3)]', '[VCLT art. 31; ibid. art. 32]', '[1969-VCLT art. 31; VCLT art. 32]', 'VCLT art. 31',
        ],
    },
    'plain-brackets': { citations: [] },
    'printed-malformed': {
        // [VCLT art.31] is left plain: only the server knows whether VCLT is a loaded alias.
        citations: [],
        malformed: [
            '[1969-VCLT Art 31 (3)(a)]', '[1969-VCLT art.31]', '[1969-VCLT art. 31 (3)]', '[1969-VCLT arts 31–(3)]',
            '[1969-VCLT article31]', '[ibid]', '[ibid. art.31]', '[Ibid. foo]',
        ],
    },
};

// ---------------------------------------------------------------------------------------------------------------
// Loading the grammars and themes

interface PackageGrammar {
    readonly scopeName: string;
    readonly path: string;
    readonly injectTo?: readonly string[];
}

const packageJson = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    contributes: { grammars: PackageGrammar[] };
};

/** Where each grammar lives: VS Code's own ones are vendored, ours come from package.json as VS Code reads them. */
const grammarFiles = new Map<string, string>([
    ['text.html.markdown', path.join(vendorDir, 'markdown.tmLanguage.json')],
    ['text.html.basic', path.join(vendorDir, 'html.tmLanguage.json')],
    ['text.html.derivative', path.join(vendorDir, 'html-derivative.tmLanguage.json')],
]);
for (const grammar of packageJson.contributes.grammars) {
    grammarFiles.set(grammar.scopeName, path.join(repoRoot, grammar.path));
}

const onigLib: Promise<vsctm.IOnigLib> = (async () => {
    const wasm = fs.readFileSync(path.join(repoRoot, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return {
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (text: string) => new oniguruma.OnigString(text),
    };
})();

interface VscodeTheme {
    readonly colors: Record<string, string>;
    readonly tokenColors: vsctm.IRawTheme['settings'];
}

function loadTheme(fileName: string): { readonly raw: vsctm.IRawTheme; readonly foreground: string } {
    const theme = JSON.parse(fs.readFileSync(path.join(vendorDir, fileName), 'utf8')) as VscodeTheme;
    const foreground = theme.colors['editor.foreground'].toUpperCase();
    const background = theme.colors['editor.background'];
    // NOTE: a theme's default colours come from a setting without a scope, as VS Code builds it from `colors`.
    return { raw: { name: fileName, settings: [{ settings: { foreground, background } }, ...theme.tokenColors] }, foreground };
}

const themes = { dark: loadTheme('dark_plus.json'), light: loadTheme('light_plus.json') };

async function loadMarkdownGrammar(theme: vsctm.IRawTheme): Promise<{ grammar: vsctm.IGrammar; colorMap: string[] }> {
    const registry = new vsctm.Registry({
        onigLib,
        theme,
        loadGrammar: async (scopeName) => {
            // Grammars embedded in fenced code blocks (source.js, …) are absent, as for a language with no extension.
            const file = grammarFiles.get(scopeName);
            return file === undefined ? null : vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
        },
        getInjections: (scopeName) =>
            packageJson.contributes.grammars
                .filter((grammar) => grammar.injectTo?.includes(scopeName))
                .map((grammar) => grammar.scopeName),
    });
    const grammar = await registry.loadGrammar('text.html.markdown');
    assert.ok(grammar, 'the Markdown grammar loads');
    return { grammar, colorMap: registry.getColorMap() };
}

const grammars = Promise.all([loadMarkdownGrammar(themes.dark.raw), loadMarkdownGrammar(themes.light.raw)]);

// ---------------------------------------------------------------------------------------------------------------
// Tokenizing

interface Token {
    readonly line: number;
    readonly text: string;
    /** Scopes without the root `text.html.markdown`. */
    readonly scopes: readonly string[];
    readonly dark: string;
    readonly light: string;
}

/** The foreground colour at `offset`, from the binary tokens of `tokenizeLine2`. */
function colourAt(binary: Uint32Array, colorMap: string[], offset: number): string {
    let metadata = binary[1];
    for (let index = 0; index < binary.length; index += 2) {
        if (binary[index] > offset) {
            break;
        }
        metadata = binary[index + 1];
    }
    const foregroundId = (metadata & 0b00000000111111111000000000000000) >>> 15;
    return colorMap[foregroundId].toUpperCase();
}

async function tokenize(source: string): Promise<Token[]> {
    const [dark, light] = await grammars;
    const lines = source.split(/\r?\n/);
    if (lines[lines.length - 1] === '') {
        lines.pop();
    }
    const tokens: Token[] = [];
    let darkStack = vsctm.INITIAL;
    let lightStack = vsctm.INITIAL;
    lines.forEach((lineText, line) => {
        const scoped = dark.grammar.tokenizeLine(lineText, darkStack);
        const darkColours = dark.grammar.tokenizeLine2(lineText, darkStack);
        const lightColours = light.grammar.tokenizeLine2(lineText, lightStack);
        darkStack = scoped.ruleStack;
        lightStack = lightColours.ruleStack;
        for (const token of scoped.tokens) {
            const text = lineText.slice(token.startIndex, token.endIndex);
            if (text === '') {
                continue;
            }
            tokens.push({
                line,
                text,
                scopes: token.scopes.filter((scope) => scope !== 'text.html.markdown'),
                dark: colourAt(darkColours.tokens, dark.colorMap, token.startIndex),
                light: colourAt(lightColours.tokens, light.colorMap, token.startIndex),
            });
        }
    });
    return tokens;
}

/** The text of each maximal run of tokens carrying `scope`; a citation's opening bracket starts a new run. */
function spansWith(tokens: readonly Token[], scope: string): string[] {
    const spans: string[] = [];
    let current: string | undefined;
    let previousLine = -1;
    for (const token of tokens) {
        const inScope = token.scopes.includes(scope);
        const startsNew = token.line !== previousLine || token.scopes.includes('punctuation.definition.citation.begin.pinpoint');
        if (inScope && current !== undefined && !startsNew) {
            current += token.text;
        } else {
            if (current !== undefined) {
                spans.push(current);
            }
            current = inScope ? token.text : undefined;
        }
        previousLine = token.line;
    }
    if (current !== undefined) {
        spans.push(current);
    }
    return spans;
}

function renderSnapshot(source: string, tokens: readonly Token[]): string {
    const lines = source.split(/\r?\n/);
    const out: string[] = [];
    let line = -1;
    for (const token of tokens) {
        while (line < token.line) {
            line++;
            out.push(`> ${lines[line]}`);
        }
        out.push(`  ${JSON.stringify(token.text)}  ${token.scopes.join(' ')}  dark+ ${token.dark}  light+ ${token.light}`);
    }
    return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------------------------
// The tests

const fixtureNames = fs
    .readdirSync(fixturesDir)
    .filter((name) => name.endsWith('.md'))
    .map((name) => name.slice(0, -'.md'.length))
    .sort();

test('every fixture has expectations and every expectation a fixture', () => {
    assert.deepEqual(fixtureNames, Object.keys(expectations).sort());
});

test('package.json injects the grammar into Markdown with the grammar\'s own scope name', () => {
    const contribution = packageJson.contributes.grammars.find((grammar) => grammar.path.endsWith('pinpoint.tmLanguage.json'));
    assert.ok(contribution);
    const grammar = JSON.parse(fs.readFileSync(path.join(repoRoot, contribution.path), 'utf8')) as {
        scopeName: string;
        injectionSelector: string;
    };
    assert.equal(grammar.scopeName, contribution.scopeName);
    assert.deepEqual(contribution.injectTo, ['text.html.markdown']);
    assert.match(grammar.injectionSelector, /^L:text\.html\.markdown /);
});

for (const name of fixtureNames) {
    test(`fixture ${name}.md`, async () => {
        const fixturePath = path.join(fixturesDir, `${name}.md`);
        const snapshotPath = `${fixturePath}.snap`;
        const source = fs.readFileSync(fixturePath, 'utf8');
        const tokens = await tokenize(source);

        const expected = expectations[name];
        assert.deepEqual(spansWith(tokens, citationScope), expected.citations, 'citations highlighted');
        assert.deepEqual(spansWith(tokens, malformedScope), expected.malformed ?? [], 'malformed citations highlighted');

        for (const token of tokens) {
            const coloured = colouredScopes.find((scope) => token.scopes.includes(scope));
            if (coloured !== undefined) {
                assert.notEqual(token.dark, themes.dark.foreground, `${coloured} "${token.text}" is coloured by Dark+`);
                assert.notEqual(token.light, themes.light.foreground, `${coloured} "${token.text}" is coloured by Light+`);
            }
        }

        const actual = renderSnapshot(source, tokens);
        if (updateSnapshots) {
            fs.writeFileSync(snapshotPath, actual);
            return;
        }
        assert.ok(fs.existsSync(snapshotPath), `${snapshotPath} is missing: run with UPDATE_SNAPSHOTS=1 to create it`);
        assert.equal(actual, fs.readFileSync(snapshotPath, 'utf8'), `${name}.md differs from its snapshot`);
    });
}

test('the committed grammar is what scripts/buildGrammar.ts writes', () => {
    const committed = fs.readFileSync(path.join(repoRoot, 'syntaxes', 'pinpoint.tmLanguage.json'), 'utf8');
    assert.equal(committed, grammarText(), 'run: node --import tsx scripts/buildGrammar.ts');
});

test('no snapshot is left without its fixture', () => {
    const orphans = fs
        .readdirSync(fixturesDir)
        .filter((name) => name.endsWith('.md.snap'))
        .filter((name) => !fixtureNames.includes(name.slice(0, -'.md.snap'.length)));
    assert.deepEqual(orphans, []);
});

test('the example briefs are highlighted as their prose says', async () => {
    const examplesDir = path.join(repoRoot, 'examples');
    const briefs = fs.readdirSync(examplesDir).filter((name) => name.endsWith('.md'));
    assert.ok(briefs.includes('broken-citations.md'));
    for (const name of briefs) {
        const tokens = await tokenize(fs.readFileSync(path.join(examplesDir, name), 'utf8'));
        assert.ok(spansWith(tokens, citationScope).length > 0, `${name} has citations`);
        const malformed = spansWith(tokens, malformedScope);
        if (name === 'broken-citations.md') {
            // Code spans, the HTML comment and the escaped bracket hold citations that must stay plain.
            assert.deepEqual(malformed, ['[2023-js §2.4]', '[2023-JS  §2.5]', '[2023-JS §2.4,§2.5]']);
        } else {
            assert.deepEqual(malformed, [], `${name} has no malformed citation`);
        }
    }
});

// ---------------------------------------------------------------------------------------------------------------
// Seeded property tests: the grammar agrees with spec.md §1, written here again as a JavaScript regular expression.

const specNumber = '(?:0|[1-9][0-9]*)';
const specPath = `${specNumber}(?:\\.${specNumber})*`;
const specPinpoint = `§${specPath}(?:[-–]${specPath})?`;
const specCite = `[0-9]{4}-[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*(?: ${specPinpoint}(?:, ${specPinpoint})*)?`;
const specCitation = new RegExp(`^\\[${specCite}(?:; ${specCite})*\\]$`, 'u');

const numberArb = fc.oneof(fc.constant('0'), fc.integer({ min: 1, max: 120 }).map(String));
const pathArb = fc.array(numberArb, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.'));
const pinpointArb = fc
    .tuple(pathArb, fc.option(fc.tuple(fc.constantFrom('-', '–'), pathArb), { nil: undefined }))
    .map(([start, end]) => `§${start}${end === undefined ? '' : end[0] + end[1]}`);
const upperArb = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
const idPartArb = fc.array(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'), { maxLength: 4 }).map((chars) => chars.join(''));
const docIdArb = fc
    .tuple(
        fc.integer({ min: 0, max: 9999 }).map((year) => String(year).padStart(4, '0')),
        upperArb,
        idPartArb,
        fc.array(idPartArb.filter((part) => part !== ''), { maxLength: 2 }),
    )
    .map(([year, first, rest, more]) => [`${year}-${first}${rest}`, ...more].join('-'));
const citeArb = fc
    .tuple(docIdArb, fc.array(pinpointArb, { maxLength: 3 }))
    .map(([id, pinpoints]) => (pinpoints.length === 0 ? id : `${id} ${pinpoints.join(', ')}`));
const citationArb = fc.array(citeArb, { minLength: 1, maxLength: 3 }).map((cites) => `[${cites.join('; ')}]`);

test('every citation built from the spec\'s grammar is highlighted whole (seeded)', async () => {
    await fc.assert(
        fc.asyncProperty(citationArb, async (citation) => {
            assert.match(citation, specCitation);
            const tokens = await tokenize(`双方同意 ${citation}。\n`);
            assert.deepEqual(spansWith(tokens, citationScope), [citation]);
            assert.deepEqual(spansWith(tokens, malformedScope), []);
        }),
        { seed: 20230321, numRuns: 300 },
    );
});

test('a bracketed span starting with DDDD- or § is a citation exactly when the spec says so (seeded)', async () => {
    const noiseArb = fc.array(fc.constantFrom(...'0123456789AJSECONjs§.,;-– '), { maxLength: 14 }).map((chars) => chars.join(''));
    const spanArb = fc.oneof(
        fc.tuple(fc.constantFrom('[2023-', '[§', '[1998-E'), noiseArb).map(([start, rest]) => `${start}${rest}]`),
        // Mutations of valid citations: one character dropped, doubled or replaced.
        fc.tuple(citationArb, fc.nat(), fc.constantFrom('', ' ', ',', '.', 'x', '§')).map(([citation, at, insert]) => {
            const index = 1 + (at % (citation.length - 2));
            return citation.slice(0, index) + insert + citation.slice(index + 1);
        }),
    );
    await fc.assert(
        fc.asyncProperty(spanArb, async (span) => {
            const tokens = await tokenize(`See ${span} here.\n`);
            const valid = specCitation.test(span);
            const looksLikeCitation = /^\[(?:[0-9]{4}-|§)/u.test(span);
            assert.deepEqual(spansWith(tokens, citationScope), valid ? [span] : [], `citation scope on ${span}`);
            assert.deepEqual(spansWith(tokens, malformedScope), !valid && looksLikeCitation ? [span] : [], `malformed scope on ${span}`);
        }),
        { seed: 20230322, numRuns: 400 },
    );
});

// ---------------------------------------------------------------------------------------------------------------
// Seeded property tests of printed pinpoints, aliases and short forms (spec.md §1.1): the grammar agrees with the
// server's own parser, which decides what is a citation.

/** What the parser makes of a bracketed span: a citation, a malformed one, or plain text. */
function parserVerdict(span: string): { citation: boolean; malformed: boolean } {
    const text = `See ${span} here.`;
    const found: Citation[] = [];
    findCitations(text, 0, text.length, found);
    const whole = found.find((citation) => citation.start === 4 && citation.end === 4 + span.length);
    if (!whole) {
        return { citation: false, malformed: false };
    }
    if (whole.aliasCandidate !== undefined) {
        // Only the server knows whether the alias is loaded: the grammar colours it only with a pinpoint after it.
        return { citation: !whole.malformed && whole.cites[0].pinpoints.length > 0, malformed: false };
    }
    return { citation: !whole.malformed, malformed: whole.malformed !== undefined };
}

const labelArb = fc.constantFrom('31', '2', '8 bis', '66', 'XIV', 'VII', 'a', '1', '12 ter', '3');
const parenArb = fc.constantFrom('(1)', '(3)', '(a)', '(c)', '(iii)', '(2 bis)', '(b)');
const parensArb = fc.array(parenArb, { maxLength: 3 }).map((parens) => parens.join(''));
const headArb = fc
    .tuple(fc.constantFrom('art. ', 'art ', 'arts ', 'Art. ', 'Article ', 'article ', 'para. ', 'para ', 'paras '), labelArb, parensArb)
    .map(([word, label, parens]) => `${word}${label}${parens}`);
const annexArb = fc.constantFrom('annex VII', 'Annex II', 'annex 2 bis', 'annex');
const zhNumberArb = fc.constantFrom('三', '七十八', '八', '3', '十七');
const zhArb = fc
    .tuple(zhNumberArb, fc.option(zhNumberArb, { nil: undefined }), fc.option(zhNumberArb, { nil: undefined }), fc.option(fc.tuple(zhNumberArb, fc.boolean()), { nil: undefined }))
    .map(([article, insertion, paragraph, item]) =>
        `第${article}条${insertion === undefined ? '' : `之${insertion}`}${paragraph === undefined ? '' : `第${paragraph}款`}${item === undefined ? '' : item[1] ? `第（${item[0]}）项` : `第${item[0]}项`}`,
    );
const printedStartArb = fc.oneof(
    headArb,
    fc.tuple(annexArb, headArb).map(([annex, head]) => `${annex} ${head}`),
    annexArb.filter((annex) => annex !== 'annex'),
    zhArb,
);
const printedEndArb = fc.oneof(parensArb.filter((parens) => parens !== ''), fc.tuple(labelArb, parensArb).map(([label, parens]) => label + parens), printedStartArb);
const printedArb = fc
    .tuple(printedStartArb, fc.option(fc.tuple(fc.constantFrom('-', '–'), printedEndArb), { nil: undefined }))
    .map(([start, end]) => (end === undefined ? start : `${start}${end[0]}${end[1]}`));
const anyPinpointArb = fc.oneof({ weight: 4, arbitrary: printedArb }, { weight: 1, arbitrary: pinpointArb });
const leadArb = fc.oneof(docIdArb, fc.constantFrom('VCLT', 'ICC-STATUTE', 'GC-I', 'A', 'ibid.', 'Ibid.', 'id.', 'Id.'));
const printedCiteArb = fc
    .tuple(leadArb, fc.array(anyPinpointArb, { maxLength: 2 }))
    .map(([lead, pinpoints]) => (pinpoints.length === 0 ? lead : `${lead} ${pinpoints.join(', ')}`));
const printedCitationArb = fc.array(printedCiteArb, { minLength: 1, maxLength: 2 }).map((cites) => `[${cites.join('; ')}]`);

async function checkAgainstParser(span: string): Promise<void> {
    const tokens = await tokenize(`See ${span} here.\n`);
    const verdict = parserVerdict(span);
    assert.deepEqual(spansWith(tokens, citationScope), verdict.citation ? [span] : [], `citation scope on ${span}`);
    assert.deepEqual(spansWith(tokens, malformedScope), verdict.malformed ? [span] : [], `malformed scope on ${span}`);
}

test('printed pinpoints, aliases and short forms are highlighted exactly when the parser reads a citation (seeded)', async () => {
    await fc.assert(fc.asyncProperty(printedCitationArb, checkAgainstParser), { seed: 20231969, numRuns: 500 });
});

test('mutated printed citations are highlighted as the parser reads them (seeded)', async () => {
    const mutationArb = fc
        .tuple(printedCitationArb, fc.nat(), fc.constantFrom('', ' ', '(', ')', '.', ',', '–', 'a', '第', '§', '3', 'bis'))
        .map(([citation, at, insert]) => {
            const index = 1 + (at % (citation.length - 2));
            return citation.slice(0, index) + insert + citation.slice(index + 1);
        });
    await fc.assert(fc.asyncProperty(mutationArb, checkAgainstParser), { seed: 20231970, numRuns: 800 });
});

test('plain bracketed text stays plain', async () => {
    for (const span of ['[NOTE]', '[sic]', '[1]', '[TODO]', '[VCLT]', '[a]', '[i]', '[NOTE this]', '[see art. 31]', '[id]', '[Ibidem]', '[ibid.; 2023-JS]']) {
        const tokens = await tokenize(`Text ${span} here.\n`);
        assert.deepEqual(spansWith(tokens, citationScope), [], span);
        assert.deepEqual(spansWith(tokens, malformedScope), [], span);
        assert.ok(tokens.every((token) => token.scopes.every((scope) => !scope.endsWith('.pinpoint'))), `${span} has no pinpoint scope`);
    }
});
