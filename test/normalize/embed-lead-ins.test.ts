import assert from 'node:assert/strict';
import { dropEmbedLeadIns, isEmbedLeadIn } from '../../src/normalize/embed-lead-ins.js';
import { normalizeStory } from '../../src/normalize/normalize-story.js';

describe('lead-ins to an embed that is no longer there', () => {
  it('recognizes lead-ins that point at a video, a tweet, a post or a photo', () => {
    for (const p of ['To see the new game in action, check out the footage below:', "Here's the video of the rescue:", 'Watch the moment below:', 'See the tweet below:', 'See the post here:', 'Take a look at the photos:', 'The footage is below:']) {
      assert.ok(isEmbedLeadIn(p), p);
    }
  });

  it('counter-examples: colons that introduce text are not lead-ins', () => {
    for (const p of ['The statement said:', 'Here are the main points:', 'Here’s some example code to dynamically generate an embeddable image:', 'The video showed three things:', "Here's the video of the rescue.", 'Officials listed the damage in a report that runs to 40 pages and covers every district of the city, including the harbour, the old town and the new bridge, with photos of each:']) {
      assert.ok(!isEmbedLeadIn(p), p);
    }
  });

  it('drops a lead-in with nothing after it to show, in text and in markup', () => {
    const body = ['Crews worked through the night.', "Here's the video of the rescue:", 'The road reopened on Tuesday.'];
    assert.deepEqual(dropEmbedLeadIns(body, null), ['Crews worked through the night.', 'The road reopened on Tuesday.']);
    const markup = body.map((p) => `<p>${p}</p>`).join('');
    assert.deepEqual(dropEmbedLeadIns(body, markup), ['Crews worked through the night.', 'The road reopened on Tuesday.']);
    assert.deepEqual(dropEmbedLeadIns(['The road reopened.', 'Watch the moment below:'], null), ['The road reopened.']);
  });

  it('keeps a lead-in that an embed or a picture still follows in the markup', () => {
    const body = ['Crews worked through the night.', "Here's the video of the rescue:", 'The road reopened on Tuesday.'];
    const iframe = `<p>${body[0]}</p><p>${body[1]}</p><iframe src="https://www.youtube.com/embed/x"></iframe><p>${body[2]}</p>`;
    assert.deepEqual(dropEmbedLeadIns(body, iframe), body);
    const img = `<p>${body[0]}</p><p>${body[1]}</p><p><img src="https://img.example.com/a.jpg" alt=""></p><p>${body[2]}</p>`;
    assert.deepEqual(dropEmbedLeadIns(body, img), body);
    // A picture elsewhere does not save it.
    const elsewhere = `<p><img src="https://img.example.com/a.jpg" alt=""></p><p>${body[0]}</p><p>${body[1]}</p><p>${body[2]}</p>`;
    assert.deepEqual(dropEmbedLeadIns(body, elsewhere), [body[0], body[2]]);
  });

  it('keeps a lead-in followed by what an embed leaves as text', () => {
    const tweet = ['Crews worked.', 'See the tweet below:', 'The bridge is open again pic.twitter.com/abc123', '— Harbour Police (@harbourpolice) March 4, 2026'];
    assert.deepEqual(dropEmbedLeadIns(tweet, null), tweet);
    const link = ['Crews worked.', 'Watch the video here:', 'https://video.example.com/rescue'];
    assert.deepEqual(dropEmbedLeadIns(link, null), link);
  });

  it('counter-examples: a colon followed by a list or a quote keeps its paragraph', () => {
    const list = ['Crews worked.', 'Here is what the video shows:', '- a bus stuck on the bridge', '- crews cutting the cables'];
    assert.deepEqual(dropEmbedLeadIns(list, null), list);
    const quote = ['Crews worked.', 'Watch what the mayor said in the clip below:', '“We will rebuild,” she said.'];
    assert.deepEqual(dropEmbedLeadIns(quote, null), quote);
    // A quote that does not answer the lead-in is the story going on: "Here's the video:" still goes.
    assert.deepEqual(dropEmbedLeadIns(['Crews worked.', "Here's the video of the rescue:", '“We will rebuild,” she said.'], null), ['Crews worked.', '“We will rebuild,” she said.']);
    const code = '<p>Crews worked.</p><p>Here is the code behind the chart:</p><pre><code>plot(x)</code></pre>';
    assert.deepEqual(dropEmbedLeadIns(['Crews worked.', 'Here is the code behind the chart:', 'plot(x)'], code), ['Crews worked.', 'Here is the code behind the chart:', 'plot(x)']);
    const html = `<p>Crews worked.</p><p>Here is what the video shows:</p><ul><li>a bus stuck on the bridge</li><li>crews cutting cables</li></ul>`;
    assert.deepEqual(dropEmbedLeadIns(['Crews worked.', 'Here is what the video shows:', 'a bus stuck on the bridge', 'crews cutting cables'], html), [
      'Crews worked.', 'Here is what the video shows:', 'a bus stuck on the bridge', 'crews cutting cables',
    ]);
  });

  it('normalizeStory drops the lead-in from body.text and body.html alike', () => {
    const html = '<p>Crews worked through the night.</p><p>Watch the moment below:</p><p>The road reopened on <a href="https://example.com/r">Tuesday</a>.</p>';
    const story = normalizeStory({ title: 'Rescue', html }, { sourceId: 't' });
    assert.equal(story.body.text, 'Crews worked through the night.\n\nThe road reopened on Tuesday.');
    assert.ok(!story.body.html.includes('Watch'), story.body.html);
    assert.ok(story.body.html.includes('<a href="https://example.com/r">'), story.body.html);
  });
});
