// Per-source extract rules: CSS selectors, with "@attr" to read an attribute
// ("time[datetime]@datetime"). A rule, when it matches, overrides automatic detection.
import { select } from 'cheerio-select';
import type { AnyNode, Element } from 'domhandler';
import { AppError } from '../errors.js';
import { collapse, textOf } from './html-dom.js';

export interface RuleSelector {
  css: string;
  attr: string | null;
}

export function parseRule(rule: string): RuleSelector {
  const m = /^(.*\S)\s*@([\w:-]+)$/.exec(rule.trim());
  return m ? { css: m[1]!, attr: m[2]! } : { css: rule.trim(), attr: null };
}

export function selectAll(root: AnyNode, css: string): Element[] {
  try {
    return select(css, root);
  } catch (err) {
    throw new AppError('INPUT_INVALID', `extract rule "${css}" is not a valid CSS selector`, { cause: err });
  }
}

/** The first non-empty value the rule selects, and the element it came from. */
export function selectValue(root: AnyNode, rule: string): { value: string; element: Element } | null {
  const { css, attr } = parseRule(rule);
  for (const element of selectAll(root, css)) {
    const value = collapse(attr ? element.attribs[attr] ?? '' : textOf(element));
    if (value) return { value, element };
  }
  return null;
}
