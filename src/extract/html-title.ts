// The headline from <title> when no metadata names it: site names and section trails
// around separators ("Story | Site", "Site - Section - Story", "Site: Story") are cut.

const SEPARATORS = /\s(?:[|\-–—\\/>»]|::)\s/;
const HIERARCHICAL = /\s[\\/>»]\s/;

function words(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

/** `headings` are the page's h1/h2 texts, used to tell a real "A: B" headline from "Site: Story". */
export function titleFromDocument(documentTitle: string, headings: readonly string[]): string {
  const original = documentTitle.replace(/\s+/g, ' ').trim();
  let title = original;
  if (SEPARATORS.test(original)) {
    // Keep the part before the last separator; when that is too short, the part after the first.
    title = original.replace(/(.*)\s(?:[|\-–—\\/>»]|::)\s.*/, '$1');
    if (words(title) < 3) title = original.replace(/^[^|\-–—\\/>»]*[|\-–—\\/>»]\s(.*)/, '$1');
  } else if (original.includes(': ')) {
    if (!headings.some((h) => h === original)) {
      title = original.slice(original.lastIndexOf(':') + 1).trim();
      if (words(title) < 3) title = original.slice(original.indexOf(':') + 1).trim();
      else if (words(original.slice(0, original.indexOf(':'))) > 5) title = original;
    }
  } else if ((original.length > 150 || original.length < 15) && headings.length === 1) {
    title = headings[0] ?? original;
  }
  title = title.trim();
  const hierarchical = HIERARCHICAL.test(original);
  if (words(title) <= 4 && (!hierarchical || words(title) !== words(original.replace(/[|\-–—\\/>»]+/g, '')) - 1)) return original;
  return title;
}
