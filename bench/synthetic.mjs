// A seeded generator of corpora shaped like the Chinese statute collection (Laws/ imported): documents of
// articles (`## 第N条`), paragraphs and `（一）` items, Chinese text with Arabic numerals and punctuation.
// Usage: node bench/synthetic.mjs OUT_DIR [--documents N] [--seed S]
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A small, fast, seeded random number generator (xorshift32). */
export function random(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x100000000;
  };
}

const COMMON =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严';
const PUNCTUATION = '，，，，、。；：';

function sentence(next, length) {
  let text = '';
  for (let index = 0; index < length; index++) {
    const roll = next();
    if (roll < 0.06) {
      text += PUNCTUATION[Math.floor(next() * PUNCTUATION.length)];
    } else if (roll < 0.07) {
      text += ` ${Math.floor(next() * 3000)} `;
    } else {
      // Zipf-like: common characters far more often.
      const rank = Math.floor(Math.pow(next(), 2.2) * COMMON.length);
      text += COMMON[rank];
    }
  }
  return text + '。';
}

const CHINESE_NUMBERS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
export function chineseNumber(value) {
  if (value < 10) return CHINESE_NUMBERS[value];
  if (value < 20) return '十' + (value % 10 ? CHINESE_NUMBERS[value % 10] : '');
  if (value < 100) return CHINESE_NUMBERS[Math.floor(value / 10)] + '十' + (value % 10 ? CHINESE_NUMBERS[value % 10] : '');
  const hundreds = CHINESE_NUMBERS[Math.floor(value / 100)] + '百';
  const rest = value % 100;
  if (rest === 0) return hundreds;
  return hundreds + (rest < 10 ? '零' + CHINESE_NUMBERS[rest] : rest < 20 ? '一' + chineseNumber(rest) : chineseNumber(rest));
}

/** The id of synthetic document `index`. */
export function syntheticId(index) {
  return `${1990 + (index % 35)}-L${String(index).padStart(6, '0')}`;
}

/** Writes `documents` files into `outDir`; returns { files, bytes, clauses, shape } where shape lists each document's article counts. */
export function generate(outDir, documents, seed = 42) {
  const next = random(seed);
  fs.mkdirSync(outDir, { recursive: true });
  let bytes = 0;
  let clauses = 0;
  const shape = [];
  for (let documentIndex = 0; documentIndex < documents; documentIndex++) {
    const id = syntheticId(documentIndex);
    const articles = 5 + Math.floor(-Math.log(1 - next()) * 38);
    const lines = ['---', `id: ${id}`, `title: 中华人民共和国${sentence(next, 6).slice(0, -1)}法`, `date: ${1990 + (documentIndex % 35)}-01-01`, 'language: zh', '---', ''];
    const articleShape = [];
    for (let article = 1; article <= articles; article++) {
      lines.push(`## 第${chineseNumber(article)}条`, '');
      const paragraphs = next() < 0.7 ? 1 : 2 + Math.floor(next() * 3);
      const paragraphShape = [];
      for (let paragraph = 1; paragraph <= paragraphs; paragraph++) {
        lines.push(sentence(next, 15 + Math.floor(next() * 100)), '');
        clauses++;
        let items = 0;
        if (next() < 0.12) {
          items = 2 + Math.floor(next() * 6);
          for (let item = 1; item <= items; item++) {
            lines.push(`- （${chineseNumber(item)}）${sentence(next, 8 + Math.floor(next() * 25))}`);
            clauses++;
          }
          lines.push('');
        }
        paragraphShape.push(items);
      }
      clauses++;
      articleShape.push(paragraphShape);
    }
    const text = lines.join('\n');
    const file = path.join(outDir, `${String(Math.floor(documentIndex / 1000)).padStart(3, '0')}`, `${id}.md`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
    shape.push(articleShape);
  }
  return { files: documents, bytes, clauses, shape };
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const outDir = process.argv[2];
  const documentsFlag = process.argv.indexOf('--documents');
  const seedFlag = process.argv.indexOf('--seed');
  const documents = documentsFlag > 0 ? Number(process.argv[documentsFlag + 1]) : 3500;
  const seed = seedFlag > 0 ? Number(process.argv[seedFlag + 1]) : 42;
  const started = Date.now();
  const result = generate(outDir, documents, seed);
  console.log(`${result.files} documents, ${(result.bytes / 1e6).toFixed(1)} MB, ${result.clauses} clauses in ${Date.now() - started} ms`);
}
