/** A small news article page, as the fixture sites in these tests serve it. */
export function articlePage(a: { title?: string; published?: string; byline?: string; paragraphs: string[] }): string {
  const meta = [
    a.title ? `<meta property="og:title" content="${a.title}">` : '',
    a.published ? `<meta property="article:published_time" content="${a.published}">` : '',
  ].join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">${a.title ? `<title>${a.title}</title>` : ''}${meta}</head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>${a.title ? `<h1>${a.title}</h1>` : ''}${a.byline ? `<p class="byline">By ${a.byline}</p>` : ''}
${a.paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
</article><footer>© Example News</footer></body></html>`;
}

/** Long enough paragraphs for any main-content detector. */
export function paragraphs(topic: string, count = 5): string[] {
  return Array.from({ length: count }, (_, i) =>
    `${topic}: paragraph ${i + 1} tells readers what happened, who said what and why it matters to the people who live nearby, in plain words.`,
  );
}
