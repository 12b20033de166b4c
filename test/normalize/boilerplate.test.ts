import assert from 'node:assert/strict';
import { isCopyright, isPromo } from '../../src/normalize/boilerplate.js';

describe('boilerplate', () => {
  for (const promo of [
    'More from Coastline News: Ferry operator adds night crossings',
    'Related: Museum upgrades alarms after second break-in',
    'Read more: How to keep cool at home',
    'Also read: Heat records broken across Europe',
    'Follow Coastline News on Twitter for more climate coverage.',
    'Sign up for our morning newsletter to get the top stories in your inbox.',
    'Updated 2 hours ago',
  ]) {
    it(`drops "${promo.slice(0, 30)}"`, () => assert.ok(isPromo(promo)));
  }
  for (const text of [
    "More from the minister's speech was due to be published later.",
    'Related to the strike, two shipping lines added sailings.',
    'Sign up for the evening classes opens on Monday, the library said.',
    'Follow-up talks with staff unions are planned for June.',
    'Read more carefully, the contract says otherwise.',
  ]) {
    it(`keeps "${text.slice(0, 30)}"`, () => assert.equal(isPromo(text) || isCopyright(text), false));
  }
  it('knows copyright footers', () => {
    assert.ok(isCopyright('Copyright 2026 Harbour Times. All rights reserved.'));
    assert.ok(isCopyright('© 2026 Valley Courier'));
    assert.equal(isCopyright('Copyright lawyers said the case would take years to settle.'), false);
  });
});
