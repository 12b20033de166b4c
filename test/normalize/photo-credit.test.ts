import assert from 'node:assert/strict';
import { parseBareCredit, parsePhotoCredit, splitCaptionCredit } from '../../src/normalize/photo-credit.js';

describe('photo credits', () => {
  it('reads labelled and slashed credit lines, keeping the credit as printed', () => {
    assert.deepEqual(parsePhotoCredit('Photo: Johan Berg/AFP'), { credit: 'Johan Berg/AFP', photographer: 'Johan Berg' });
    assert.deepEqual(parsePhotoCredit('Photograph: Feng Li'), { credit: 'Feng Li', photographer: 'Feng Li' });
    assert.deepEqual(parsePhotoCredit('Tony Karumba/AFP/Getty Images'), { credit: 'Tony Karumba/AFP/Getty Images', photographer: 'Tony Karumba' });
    assert.deepEqual(parsePhotoCredit('(Photo by Elena Marin)'), { credit: 'Elena Marin', photographer: 'Elena Marin' });
    assert.deepEqual(parsePhotoCredit('Photo: Getty Images'), { credit: 'Getty Images', photographer: null });
  });
  it('does not take sentences for credits', () => {
    assert.equal(parsePhotoCredit('The photo showed the bridge at dawn.'), null);
    assert.equal(parsePhotoCredit('Prices rose 24/7 in the new market.'), null);
    assert.equal(parseBareCredit('Commuters cross the bridge.'), null);
    assert.equal(parseBareCredit('Feng Li')?.photographer, 'Feng Li');
  });
  it('splits a caption from its trailing credit', () => {
    assert.deepEqual(splitCaptionCredit('Dancers perform on Saturday. (Photo: Elena Marin/EFE)'), {
      caption: 'Dancers perform on Saturday.',
      credit: { credit: 'Elena Marin/EFE', photographer: 'Elena Marin' },
    });
    assert.equal(splitCaptionCredit('Dry ground near Lusaka. (Tony Karumba/AFP/Getty Images)')?.credit.photographer, 'Tony Karumba');
    assert.equal(splitCaptionCredit('He said the talks (held in Rome) went well.'), null);
  });
});
