import { spawn, type ChildProcess } from 'node:child_process';

export interface CliProcess {
  child: ChildProcess;
  /** Resolves with the port from the "listening" log line. */
  port: Promise<number>;
  stderr(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Runs `wirefeed <args>` from the TypeScript sources as a real OS process; with `script`
 * (from buildCli()), from that compiled copy of them instead.
 */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv, options: { script?: string } = {}): CliProcess {
  const entry = options.script ? [options.script] : ['--import', 'tsx', 'src/cli.ts'];
  const child = spawn(process.execPath, [...entry, ...args], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  const port = new Promise<number>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const m = /"port":(\d+),[^\n]*"msg":"listening"/.exec(err);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`wirefeed exited with ${code}: ${err}`)));
  });
  port.catch(() => {});
  return {
    child,
    port,
    stderr: () => err,
    stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
      return new Promise((resolve) => {
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      });
    },
  };
}
