// Wire leads in Korean, Chinese and Japanese conventions, where the dateline and the
// reporter's credit open the first paragraph together:
//   Korean    "(서울=연합뉴스) 홍길동 기자 = 한국은행이 ..."   place=agency, reporter, "="
//   Chinese   "新华社上海5月4日电（记者王小明）上海港 ..."      agency, place, date, "电", (reporter)
//             "本报讯（记者 王小明）..."                        "this paper reports", (reporter)
//   Japanese  "【ワシントン＝山田太郎】米政府は ..."            【place＝reporter】
import type { Credit, Dateline } from '../story.js';

export interface CjkLead {
  dateline: Dateline;
  credits: Credit[];
  /** The credit as printed ("홍길동 기자"), or null when the lead names nobody. */
  byline: string | null;
  rest: string;
}

/** Cheap gate: the opening of each form. */
const MAY_BE_LEAD = /^(?:[(（【]|\p{Script=Han}{1,6}?(?:社|报|報|网|網))/u;

const HANGUL_NAME = String.raw`\p{Script=Hangul}{2,4}`;
const KOREAN = new RegExp(
  String.raw`^[(（]\s*([\p{Script=Hangul}\p{Script=Han}A-Za-z .]{1,16}?)\s*=\s*([^()（）=]{1,16}?)\s*[)）]\s*` +
    String.raw`(?:(${HANGUL_NAME}(?:\s*[·ㆍ,]\s*${HANGUL_NAME})*)\s*(사진\s*)?(?:선임|수석|전문|영상|취재)?\s*(기자|특파원)\s*)?=\s*`,
  'u',
);
const HAN_NAMES = String.raw`\p{Script=Han}{2,4}(?:\s*[、,， ]\s*\p{Script=Han}{2,4})*`;
const CHINESE = new RegExp(
  String.raw`^(\p{Script=Han}{1,5}?(?:社|报|報|网|網))(?:(\p{Script=Han}{2,8}?)(\d{1,2})月(\d{1,2})日[电電]|[讯訊])\s*` +
    String.raw`(?:[（(]\s*(?:记者|記者)\s*(${HAN_NAMES})\s*[）)])?\s*`,
  'u',
);
const JAPANESE = new RegExp(
  String.raw`^【([\p{Script=Han}\p{Script=Katakana}ー・]{2,10})(?:[＝=]([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]{2,8}(?:[、・][\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]{2,8})*))?】\s*`,
  'u',
);

/** The dateline and reporter credit opening `lead`, or null. `monthDay` dates a Chinese "5月4日" (it knows the year). */
export function parseCjkLead(lead: string, monthDay: (month: number, day: number) => string | null): CjkLead | null {
  if (!MAY_BE_LEAD.test(lead)) return null;
  const korean = KOREAN.exec(lead);
  if (korean) {
    const [head, place, agency, names, photo, word] = korean;
    const credits = names ? split(names, photo ? 'photographer' : 'author') : [];
    return finish(lead, head, { text: `(${place!.trim()}=${agency!.trim()})`, place: place!.trim(), agency: agency!.trim(), date: null }, credits, names ? `${names} ${photo ? '사진' : ''}${word}` : null);
  }
  const chinese = CHINESE.exec(lead);
  if (chinese) {
    const [head, agency, place, month, day, names] = chinese;
    const printed = head.replace(/\s*[（(].*$/u, '').trim();
    const date = month ? monthDay(+month, +day!) : null;
    return finish(lead, head, { text: printed, place: place ?? null, agency: agency!, date }, names ? split(names, 'author') : [], names ? `记者 ${names}` : null);
  }
  const japanese = JAPANESE.exec(lead);
  if (japanese) {
    const [head, place, names] = japanese;
    return finish(lead, head, { text: place!, place: place!, agency: null, date: null }, names ? split(names, 'author') : [], names ?? null);
  }
  return null;
}

function finish(lead: string, head: string, d: Pick<Dateline, 'text' | 'place' | 'agency' | 'date'>, credits: Credit[], byline: string | null): CjkLead | null {
  const rest = lead.slice(head.length).trim();
  if (!rest) return null;
  return { dateline: { text: d.text, place: d.place, region: null, country: null, agency: d.agency, date: d.date }, credits, byline, rest };
}

function split(names: string, role: Credit['role']): Credit[] {
  return names
    .split(/\s*[·ㆍ,、，・]\s*|\s+/u)
    .filter(Boolean)
    .map((name) => ({ name, role }));
}
