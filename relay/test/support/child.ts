import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const SERVER_ENTRY = fileURLToPath(new URL('../../src/server.ts', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface RelayChild {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the port once the relay logs that it is listening. */
  listening: Promise<number>;
}

/** Starts the real entry point, `node --import tsx relay/src/server.ts`, with exactly `env`. */
export function spawnRelay(env: Record<string, string>): RelayChild {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER_ENTRY], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let out = '';
  let err = '';
  let onListening: (port: number) => void = () => undefined;
  let onFailed: (e: Error) => void = () => undefined;
  const listening = new Promise<number>((resolve, reject) => {
    onListening = resolve;
    onFailed = reject;
  });
  // Callers that only care about the exit code never await this; that must not be an unhandled rejection.
  listening.catch(() => undefined);
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const match = /"port":(\d+)[^\n]*"msg":"relay listening"/.exec(out);
    if (match?.[1]) onListening(Number(match[1]));
  });
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (code, signal) => {
      onFailed(new Error(`relay exited before listening: ${err}`));
      resolve({ code, signal });
    });
  });
  return { child, stdout: () => out, stderr: () => err, exited, listening };
}
