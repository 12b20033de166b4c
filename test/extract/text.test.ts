import assert from 'node:assert/strict';
import { extractText } from '../../src/extract/text.js';

describe('extractText', () => {
  it('takes the first line as title and blank-line blocks as paragraphs, keeping line breaks inside', () => {
    const raw = extractText('\uFEFF\r\n  Title  here \r\n\r\nBy MARTA KOVAC  \r\nStaff Writer\r\n \r\nFirst   para\ngoes on.\n\n\n');
    assert.equal(raw.title, 'Title here');
    assert.deepEqual(raw.paragraphs, ['By MARTA KOVAC\nStaff Writer', 'First para\ngoes on.']);
  });
  it('gives no title and no paragraphs for blank text', () => {
    assert.deepEqual(extractText(' \n\n \t\n'), { title: null, paragraphs: [] });
  });
});
