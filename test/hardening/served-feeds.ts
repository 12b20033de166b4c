// Reads what a reader gets: every HTML fragment and every link of a served feed, in all
// three formats, so that hardening tests judge the bytes on the wire.
import request from 'supertest';
import type express from 'express';
import { parseXml, type XNode } from '../publish/xml-dom.js';

export interface ServedFeed {
  format: 'rss' | 'atom' | 'json';
  /** HTML a reader renders: RSS content:encoded/description, Atom content/summary, JSON content_html. */
  html: string[];
  /** Every URL a reader may follow or load. */
  links: string[];
}

// RSS description and content:encoded are HTML by convention; Atom says so with type="html".
const HTML_ELEMENTS = new Set(['content:encoded', 'description']);
const isHtml = (n: XNode) => HTML_ELEMENTS.has(n.name) || ((n.name === 'content' || n.name === 'summary') && n.attrs.type === 'html');
const LINK_ATTRIBUTES = ['href', 'url', 'src'];

function walk(node: XNode, out: ServedFeed): void {
  if (isHtml(node)) out.html.push(node.text);
  if (node.name === 'link' && node.text.trim()) out.links.push(node.text.trim());
  for (const a of LINK_ATTRIBUTES) if (node.attrs[a]) out.links.push(node.attrs[a]!);
  for (const c of node.children) walk(c, out);
}

export async function servedFeeds(web: express.Express, id: string): Promise<ServedFeed[]> {
  const feeds: ServedFeed[] = [];
  for (const format of ['rss', 'atom'] as const) {
    const res = await request(web).get(`/feeds/${id}.${format}`).expect(200);
    const out: ServedFeed = { format, html: [], links: [] };
    walk(parseXml(res.text), out);
    feeds.push(out);
  }
  const res = await request(web).get(`/feeds/${id}.json`).expect(200);
  const doc = JSON.parse(res.text) as { items: Array<Record<string, unknown>> };
  const out: ServedFeed = { format: 'json', html: [], links: [] };
  for (const item of doc.items) {
    if (typeof item.content_html === 'string') out.html.push(item.content_html);
    for (const key of ['url', 'external_url', 'image', 'banner_image']) if (typeof item[key] === 'string') out.links.push(item[key] as string);
    const ext = item._wirefeed as { images?: Array<{ url: string | null }> } | undefined;
    for (const img of ext?.images ?? []) if (img.url) out.links.push(img.url);
  }
  feeds.push(out);
  return feeds;
}
