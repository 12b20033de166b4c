// Reporter credit lines in Korean, Japanese and Chinese conventions, where the word for
// reporter follows or precedes the name instead of an English "By":
//   Korean    "홍길동 기자", "홍길동·김철수 기자 hong@example.co.kr", "홍길동 특파원", "홍길동 사진기자"
//   Japanese  "山田太郎記者", "（山田太郎 記者）", "山田太郎特派員"
//   Chinese   "记者 王小明", "本报记者 王小明 李华", "（记者 王小明）", "王小明 记者",
//             "記者王小明／台北報導", "记者 王小明 摄", "责任编辑：张三"
// Names are printed as they are: CJK scripts have no case to normalize.
import type { Credit, CreditRole } from '../story.js';

export interface ReporterLine {
  /** The line as a byline ("홍길동 기자"), or null for a line that credits an editor only. */
  byline: string | null;
  credits: Credit[];
}

/** Cheap gate: the words for reporter, correspondent and editor. */
const MAY_BE_REPORTER = /기자|특파원|記者|记者|特派員|特派员|编辑|編輯|編集/;
const MAX_LINE = 80;

const HAN_NAME = String.raw`[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]{2,6}(?:[ \u3000][\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]{1,4})?`;
const HANGUL_NAME = String.raw`\p{Script=Hangul}{2,4}`;
const EMAIL = String.raw`(?:\s*[(（<]?\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*[)）>]?)?`;
const OPEN = String.raw`^[(（【\[]?\s*`;
/** No full stop: "记者王小明说。" is a sentence. */
const CLOSE = String.raw`\s*[)）】\]]?$`;

/** Korean: names, then the word for reporter; a photo reporter is the photographer. */
const KOREAN = new RegExp(
  `${OPEN}(${HANGUL_NAME}(?:\\s*[·ㆍ,]\\s*${HANGUL_NAME})*)\\s*(사진\\s*)?(?:선임|수석|전문|영상|취재)?\\s*(?:기자|특파원)(?:\\s*=)?${EMAIL}${CLOSE}`,
  'u',
);
/** Japanese and Chinese with the word after the name: "山田太郎記者", "王小明 记者". */
const NAME_FIRST = new RegExp(`${OPEN}(${HAN_NAME}(?:\\s*[、,，・]\\s*${HAN_NAME})*)\\s*(?:記者|记者|特派員|特派员)${EMAIL}${CLOSE}`, 'u');
/** Chinese with the word first: "本报记者 王小明 李华", "記者王小明／台北報導", "记者 王小明 摄". */
const WORD_FIRST = new RegExp(
  `${OPEN}\\p{Script=Han}{0,8}?(?:特约|特約)?(?:记者|記者)\\s*[:：]?\\s*((?:\\p{Script=Han}{2,4})(?:\\s*[、,， ]\\s*\\p{Script=Han}{2,4})*?)(?:\\s*[／/]\\s*\\p{Script=Han}{2,6}?)?\\s*(报道|報導|摄|攝)?${EMAIL}${CLOSE}`,
  'u',
);
/** "责任编辑：张三", "編輯：張三": the editor. */
const EDITOR = new RegExp(`${OPEN}(?:责任编辑|責任編輯|编辑|編輯|編集)\\s*[:：]\\s*(${HAN_NAME}(?:\\s*[、,，]\\s*${HAN_NAME})*)${CLOSE}`, 'u');
const EMAIL_IN_LINE = /\s*[(（<]?\s*[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*[)）>]?/u;
const LIST = /\s*[·ㆍ、,，・]\s*|\s+/u;

/** A CJK reporter or editor credit line, or null. */
export function parseReporterLine(line: string): ReporterLine | null {
  if (line.length > MAX_LINE || !MAY_BE_REPORTER.test(line)) return null;
  const text = line.trim();
  const editor = EDITOR.exec(text);
  if (editor) return { byline: null, credits: names(editor[1]!, 'editor', true) };
  const korean = KOREAN.exec(text);
  if (korean) return reporters(text, korean[1]!, korean[2] ? 'photographer' : 'author', false);
  const nameFirst = NAME_FIRST.exec(text);
  // Japanese prints a name with a space between family and given name: one name, not two.
  if (nameFirst) return reporters(text, nameFirst[1]!, 'author', true);
  const wordFirst = WORD_FIRST.exec(text);
  if (wordFirst) return reporters(text, wordFirst[1]!, /摄|攝/.test(wordFirst[2] ?? '') ? 'photographer' : 'author', false);
  return null;
}

function reporters(line: string, list: string, role: CreditRole, keepSpaces: boolean): ReporterLine {
  const byline = line.replace(EMAIL_IN_LINE, '').replace(/[(（【\[)）】\]]/g, '').replace(/\s*=$/, '').trim();
  return { byline, credits: names(list, role, keepSpaces) };
}

function names(list: string, role: CreditRole, keepSpaces: boolean): Credit[] {
  const split = keepSpaces ? /\s*[·ㆍ、,，・]\s*/u : LIST;
  return list.split(split).filter(Boolean).map((name) => ({ name, role }));
}
