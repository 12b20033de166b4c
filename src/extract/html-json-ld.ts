// Article metadata from JSON-LD (schema.org): NewsArticle and kin, inside arrays or @graph.

export interface JsonLdArticle {
  headline: string | null;
  name: string | null;
  authors: string[];
  published: string | null;
  modified: string | null;
  images: string[];
  sections: string[];
  keywords: string[];
  url: string | null;
  language: string | null;
  publisher: string | null;
}

const ARTICLE_TYPE = /^(?:\w+)?(?:Article|BlogPosting|Report|LiveBlogPosting|ScholarlyArticle|SocialMediaPosting|Review|Recipe)$/;

type Json = Record<string, unknown>;

export function readJsonLd(scripts: readonly string[]): JsonLdArticle | null {
  const nodes: Json[] = [];
  for (const raw of scripts) {
    const text = raw.replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, '').trim();
    try {
      flatten(JSON.parse(text), nodes);
    } catch {
      // A broken JSON-LD block is common and costs only this block.
    }
  }
  const article = nodes.find((n) => types(n).some((t) => ARTICLE_TYPE.test(t)));
  return article ? toArticle(article, nodes) : null;
}

function flatten(value: unknown, out: Json[]): void {
  if (Array.isArray(value)) for (const v of value) flatten(v, out);
  else if (value && typeof value === 'object') {
    const obj = value as Json;
    out.push(obj);
    if (obj['@graph']) flatten(obj['@graph'], out);
  }
}

function types(n: Json): string[] {
  const t = n['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

function str(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  return null;
}

function list(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** `author` may be a string, a Person/Organization, a reference into @graph, or an array of those. */
function names(v: unknown, graph: readonly Json[]): string[] {
  return list(v)
    .map((a) => {
      if (typeof a === 'string') return a.trim();
      if (!a || typeof a !== 'object') return '';
      const obj = a as Json;
      const ref = typeof obj['@id'] === 'string' && !obj.name ? graph.find((g) => g['@id'] === obj['@id']) : undefined;
      return str((ref ?? obj).name) ?? '';
    })
    .filter(Boolean);
}

function imageUrls(v: unknown): string[] {
  return list(v)
    .map((i) => (typeof i === 'string' ? i : i && typeof i === 'object' ? str((i as Json).url) ?? str((i as Json).contentUrl) : null))
    .filter((u): u is string => Boolean(u));
}

function toArticle(n: Json, graph: readonly Json[]): JsonLdArticle {
  const page = n.mainEntityOfPage;
  const pageUrl = typeof page === 'string' ? page : page && typeof page === 'object' ? str((page as Json)['@id']) : null;
  const keywords = n.keywords;
  return {
    headline: str(n.headline),
    name: str(n.name),
    authors: names(n.author ?? n.creator, graph),
    published: str(n.datePublished) ?? str(n.dateCreated),
    modified: str(n.dateModified),
    images: imageUrls(n.image),
    sections: list(n.articleSection).map(str).filter((s): s is string => Boolean(s)),
    keywords: typeof keywords === 'string' ? keywords.split(',').map((k) => k.trim()).filter(Boolean) : list(keywords).map(str).filter((s): s is string => Boolean(s)),
    url: str(n.url) ?? pageUrl,
    language: str(n.inLanguage),
    publisher: names(n.publisher, graph)[0] ?? null,
  };
}
