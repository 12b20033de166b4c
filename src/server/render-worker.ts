// The render thread's entry points (see feed-renderer.ts). Each returns an Outcome; a
// rendered document's bytes are transferred to the event loop, not copied. Both are timed
// tasks: the pool stops a thread that runs one past its limit.
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { matchRows, renderDocument, type DocumentTask, type MatchResult, type MatchTask, type RenderedDocument } from '../publish/feed-document.js';
import { outcome, type Outcome } from '../threads/outcome.js';
import { timedTask, type TimedMessage } from '../threads/timed-task.js';

export const match = timedTask((task: MatchTask): Outcome<MatchResult> => outcome(() => matchRows(task)));

type Rendered = Outcome<RenderedDocument> | ReturnType<typeof move>;

export const render: (message: TimedMessage<DocumentTask>) => Rendered = timedTask((task: DocumentTask): Rendered => {
  const result = outcome(() => renderDocument(task));
  if (!('value' in result)) return result;
  return move({ [transferableSymbol]: [result.value.bytes.buffer], [valueSymbol]: result });
});
