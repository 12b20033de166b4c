// The article container -> body paragraphs: one plain-text block per block element, in reading order.
import { isTag, isText, type AnyNode, type Element, type Text } from 'domhandler';
import { collapse } from './html-dom.js';

const BLOCK = /^(?:p|div|section|article|main|header|footer|aside|blockquote|pre|ul|ol|li|dl|dt|dd|h[1-6]|table|thead|tbody|tr|td|th|caption|figure|figcaption|hr|address|details|summary)$/;

/** One paragraph of the body: its one-line text and the text nodes it was read from. */
export interface BodyBlock {
  text: string;
  nodes: Text[];
}

/** One entry per block of text, in reading order; inline markup is flattened into its block. */
export function bodyParagraphs(root: Element): string[] {
  return bodyBlocks(root).map((b) => b.text);
}

/**
 * bodyParagraphs with the text nodes behind each paragraph, so that the normalizer can
 * take a dropped paragraph out of the HTML too. One walk for both: the HTML's text and
 * body.text cannot disagree on where a paragraph starts.
 */
export function bodyBlocks(root: Element): BodyBlock[] {
  const out: BodyBlock[] = [];
  let current = '';
  let nodes: Text[] = [];
  let pendingBreak = false;
  const flush = () => {
    const text = collapse(current);
    if (text) out.push({ text, nodes });
    current = '';
    nodes = [];
    pendingBreak = false;
  };
  const walk = (node: AnyNode) => {
    if (isText(node)) {
      if (node.data.trim()) pendingBreak = false;
      current += node.data;
      nodes.push(node);
      return;
    }
    if (!isTag(node)) return;
    if (node.name === 'br') {
      // Two <br> in a row separate paragraphs in pages that use no <p>.
      if (pendingBreak) flush();
      else {
        current += ' ';
        pendingBreak = true;
      }
      return;
    }
    const block = BLOCK.test(node.name);
    if (block) flush();
    for (const child of node.children) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return out;
}
