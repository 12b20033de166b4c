// A strict XML parse (sax, strict mode: any well-formedness error throws) into a tiny DOM.
import sax from 'sax';

export interface XNode {
  name: string;
  attrs: Record<string, string>;
  children: XNode[];
  text: string;
}

export function parseXml(xml: string): XNode {
  const parser = sax.parser(true, { xmlns: false });
  const root: XNode = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XNode[] = [root];
  parser.onerror = (err) => {
    throw err;
  };
  parser.onopentag = (tag) => {
    const node: XNode = { name: tag.name, attrs: tag.attributes as Record<string, string>, children: [], text: '' };
    stack.at(-1)!.children.push(node);
    stack.push(node);
  };
  parser.onclosetag = () => void stack.pop();
  parser.ontext = (t) => void (stack.at(-1)!.text += t);
  parser.oncdata = (t) => void (stack.at(-1)!.text += t);
  parser.write(xml).close();
  return root.children[0]!;
}

export const all = (n: XNode, name: string): XNode[] => n.children.filter((c) => c.name === name);
export const one = (n: XNode, name: string): XNode | undefined => all(n, name)[0];
export const textOf = (n: XNode, name: string): string | undefined => one(n, name)?.text;
