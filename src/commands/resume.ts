// wirefeed resume SOURCE_ID: ends a source's pause after too many failing runs.
import { createApp } from '../app.js';
import { AppError } from '../errors.js';

export async function resumeCommand(args: string[]): Promise<number> {
  const id = args.find((a) => !a.startsWith('--'));
  if (!id) throw new AppError('INPUT_INVALID', 'resume needs a SOURCE_ID');
  const app = await createApp();
  try {
    if (!app.config.sources.some((s) => s.id === id)) throw new AppError('SOURCE_NOT_FOUND', `no source "${id}"`);
    const resumed = await app.store.resumeSource(id);
    process.stdout.write(`${id}: ${resumed ? 'resumed; it runs at its next scheduled time' : 'not paused'}\n`);
    return 0;
  } finally {
    await app.close();
  }
}
