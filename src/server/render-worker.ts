// The render thread's entry points (see feed-renderer.ts). Each returns an Outcome; a
// rendered document's bytes are transferred to the event loop, not copied.
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { matchRows, renderDocument, type DocumentTask, type MatchResult, type MatchTask, type RenderedDocument } from '../publish/feed-document.js';
import { outcome, type Outcome } from '../threads/outcome.js';

export const match = (task: MatchTask): Outcome<MatchResult> => outcome(() => matchRows(task));

export const render = (task: DocumentTask): Outcome<RenderedDocument> | ReturnType<typeof move> => {
  const result = outcome(() => renderDocument(task));
  if (!('value' in result)) return result;
  return move({ [transferableSymbol]: [result.value.bytes.buffer], [valueSymbol]: result });
};
