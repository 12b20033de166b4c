import assert from 'node:assert/strict';
import { parseStaffLine } from '../../src/normalize/credits.js';
import { normalizeStory } from '../../src/normalize/normalize-story.js';
import { parseReporterLine } from '../../src/normalize/reporter-line.js';

describe('reporter credit lines in Korean, Japanese and Chinese conventions', () => {
  const cases: [string, string | null, [string, string][]][] = [
    ['홍길동 기자', '홍길동 기자', [['홍길동', 'author']]],
    ['홍길동·김철수 기자 hong@example.co.kr', '홍길동·김철수 기자', [['홍길동', 'author'], ['김철수', 'author']]],
    ['(홍길동 특파원)', '홍길동 특파원', [['홍길동', 'author']]],
    ['홍길동 사진기자', '홍길동 사진기자', [['홍길동', 'photographer']]],
    ['山田太郎記者', '山田太郎記者', [['山田太郎', 'author']]],
    ['（山田 太郎記者）', '山田 太郎記者', [['山田 太郎', 'author']]],
    ['记者 王小明', '记者 王小明', [['王小明', 'author']]],
    ['王小明 记者', '王小明 记者', [['王小明', 'author']]],
    ['本报记者 王小明 李华', '本报记者 王小明 李华', [['王小明', 'author'], ['李华', 'author']]],
    ['（记者 王小明）', '记者 王小明', [['王小明', 'author']]],
    ['記者王小明／台北報導', '記者王小明／台北報導', [['王小明', 'author']]],
    ['记者 王小明 摄', '记者 王小明 摄', [['王小明', 'photographer']]],
    ['责任编辑：张三', null, [['张三', 'editor']]],
  ];
  for (const [line, byline, credits] of cases) {
    it(line, () => {
      assert.deepEqual(parseReporterLine(line), { byline, credits: credits.map(([name, role]) => ({ name, role })) });
    });
  }

  it('counter-examples: sentences that use the word for reporter stay text', () => {
    for (const s of ['기자회견에서 그는 이렇게 말했다.', '정부는 기자들에게 발표했다', '记者会上，他表示将继续推进改革。', '他对记者说：我们会继续努力。', '記者会見で首相は述べた。', '记者王小明说。']) {
      assert.equal(parseReporterLine(s), null, s);
    }
  });

  it('a Korean story: the credit line leaves the body and names the author', () => {
    const story = normalizeStory(
      { title: '항만 재개', paragraphs: ['부산항이 4일 다시 문을 열었다.', '선박들이 입항을 기다렸다.', '홍길동 기자 hong@example.co.kr'] },
      { sourceId: 't' },
    );
    assert.deepEqual(story.credits, [{ name: '홍길동', role: 'author' }]);
    assert.equal(story.byline, '홍길동 기자');
    assert.equal(story.body.text, '부산항이 4일 다시 문을 열었다.\n\n선박들이 입항을 기다렸다.');
  });
});

describe('a reporter line that closes an English story', () => {
  it('reads signed lines and biography sentences', () => {
    assert.deepEqual(parseStaffLine('— Jane Smith, Staff Writer'), { byline: 'Jane Smith, Staff Writer', credits: [{ name: 'Jane Smith', role: 'author' }] });
    assert.deepEqual(parseStaffLine('-- JANE SMITH, Reuters'), { byline: 'JANE SMITH, Reuters', credits: [{ name: 'Jane Smith', role: 'author' }, { name: 'Reuters', role: 'agency' }] });
    assert.deepEqual(parseStaffLine('Jane Smith is a staff reporter.'), { byline: null, credits: [{ name: 'Jane Smith', role: 'author' }] });
    assert.deepEqual(parseStaffLine('Jane Smith and Ravi Patel are reporters for the Harbour Times.'), {
      byline: null,
      credits: [{ name: 'Jane Smith', role: 'author' }, { name: 'Ravi Patel', role: 'author' }],
    });
    assert.deepEqual(parseStaffLine('Per Hansen is a staff photographer.'), { byline: null, credits: [{ name: 'Per Hansen', role: 'photographer' }] });
    assert.deepEqual(parseStaffLine('Jane Smith covers transport for the Harbour Times.'), { byline: null, credits: [{ name: 'Jane Smith', role: 'author' }] });
  });

  it('counter-examples: news sentences about reporters are not credit lines', () => {
    for (const s of [
      'The union said it is a reporter who was detained, not an activist.',
      'Police said the man is a former reporter.',
      '— a decision the council called final, officials said.',
      'Jane Smith is a reporter who was detained in March and released on bail on Friday after a week in custody.',
    ]) {
      assert.equal(parseStaffLine(s), null, s);
    }
  });

  it('only at the end of a story: the same sentence inside the body stays', () => {
    const paragraphs = ['Jane Smith is a staff reporter.', 'She was detained on Friday.', 'Jane Smith is a staff reporter.'];
    const story = normalizeStory({ title: 'Detained', paragraphs }, { sourceId: 't' });
    assert.equal(story.body.text, 'Jane Smith is a staff reporter.\n\nShe was detained on Friday.');
    assert.deepEqual(story.credits, [{ name: 'Jane Smith', role: 'author' }]);
  });

  it('never leaves a story without a paragraph', () => {
    const story = normalizeStory({ title: 'Short', paragraphs: ['Jane Smith is a staff reporter.'] }, { sourceId: 't' });
    assert.equal(story.body.text, 'Jane Smith is a staff reporter.');
  });
});
