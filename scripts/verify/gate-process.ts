/**
 * A gate that is one child process. It runs in its turn with live output, or starts early beside the
 * gates before it: then its output goes to a temporary file and is printed, whole, in its turn, so
 * `npm test` reads the same in either case.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type GateOutcome = { ok: true; summary?: string } | { ok: false; reason: string };

export interface Gate {
  name: string;
  run: () => GateOutcome | Promise<GateOutcome>;
  /**
   * Set on a gate that is one child process and may run beside others: runGates starts it before
   * its turn (once the gate named in `after`, whose output it reads, has passed) and reports it in
   * its turn.
   */
  early?: { after?: string; start: () => EarlyRun };
}

export interface GateCommand {
  cmd: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

function describe(command: GateCommand): string {
  return `\`${path.basename(command.cmd)} ${command.args.join(' ')}\``;
}

function outcomeOf(command: GateCommand, status: number | null, signal: string | null): GateOutcome {
  if (status === 0) return { ok: true };
  return { ok: false, reason: `${describe(command)} exited ${status ?? signal}` };
}

/** Starts the command with the project's environment plus its own; `options` say where output goes. */
function spawnCommand(command: GateCommand, options: Pick<SpawnOptions, 'stdio' | 'detached'>): ChildProcess {
  return spawn(command.cmd, command.args, {
    cwd: command.cwd,
    env: { ...process.env, ...command.env },
    ...options
  });
}

/** Settles once the process has exited (or could not start), with the gate's outcome. */
function outcomeWhenExited(command: GateCommand, child: ChildProcess): Promise<GateOutcome> {
  return new Promise((resolve) => {
    child.once('error', (error) =>
      resolve({ ok: false, reason: `could not run ${command.cmd}: ${error.message}` })
    );
    child.once('exit', (status, signal) => resolve(outcomeOf(command, status, signal)));
  });
}

/**
 * Runs the command in its turn with live output; the outcome follows its exit code. It waits without
 * blocking, so gates started early are seen to finish (and the ones waiting on them start) meanwhile.
 */
export function runInTurn(command: GateCommand): Promise<GateOutcome> {
  return outcomeWhenExited(command, spawnCommand(command, { stdio: 'inherit' }));
}

/** A command started ahead of its turn. */
export interface EarlyRun {
  /** Settles when the process has exited, with its outcome and everything it printed. */
  done: Promise<{ outcome: GateOutcome; output: string }>;
  /** Ends the process and its children (used when an earlier gate fails). */
  cancel: () => void;
}

/**
 * Starts the command now with its output in a temporary file. A file rather than a pipe: the gates
 * running in this process are synchronous and would leave a pipe undrained, stalling the child.
 */
export function startEarly(command: GateCommand): EarlyRun {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gate-'));
  const file = path.join(dir, 'output.log');
  const fd = fs.openSync(file, 'w');
  // Its own process group, so that cancel() reaches the test runner's workers too.
  const child = spawnCommand(command, { stdio: ['ignore', fd, fd], detached: true });
  fs.closeSync(fd);
  const done = outcomeWhenExited(command, child).then((outcome) => {
    const output = fs.readFileSync(file, 'utf8');
    fs.rmSync(dir, { recursive: true, force: true });
    return { outcome, output };
  });
  const cancel = (): void => {
    const exited = child.exitCode !== null || child.signalCode !== null;
    if (exited || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  };
  return { done, cancel };
}

/**
 * A gate that runs one command: in its turn with live output, or early with its output held.
 * `after` names the gate whose output the command reads; it never starts before that gate passed.
 */
export function commandGate(name: string, command: GateCommand, after?: string): Gate {
  return { name, run: () => runInTurn(command), early: { after, start: () => startEarly(command) } };
}
