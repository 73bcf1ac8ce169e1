/**
 * A gate that is one child process. It runs in its turn with live output, or starts early beside the
 * gates before it: then its output goes to a temporary file and is printed, whole, in its turn, so
 * `npm test` reads the same in either case.
 */
import { spawn } from 'node:child_process';
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

/**
 * Runs the command in its turn with live output; the outcome follows its exit code. It waits without
 * blocking, so gates started early are seen to finish (and the ones waiting on them start) meanwhile.
 */
export function runInTurn(command: GateCommand): Promise<GateOutcome> {
  return new Promise((resolve) => {
    const child = spawn(command.cmd, command.args, {
      cwd: command.cwd,
      stdio: 'inherit',
      env: { ...process.env, ...command.env }
    });
    child.once('error', (error) =>
      resolve({ ok: false, reason: `could not run ${command.cmd}: ${error.message}` })
    );
    child.once('exit', (status, signal) => resolve(outcomeOf(command, status, signal)));
  });
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
  const child = spawn(command.cmd, command.args, {
    cwd: command.cwd,
    stdio: ['ignore', fd, fd],
    detached: true,
    env: { ...process.env, ...command.env }
  });
  fs.closeSync(fd);
  let exited = false;
  const done = new Promise<{ outcome: GateOutcome; output: string }>((resolve) => {
    const finish = (outcome: GateOutcome): void => {
      exited = true;
      const output = fs.readFileSync(file, 'utf8');
      fs.rmSync(dir, { recursive: true, force: true });
      resolve({ outcome, output });
    };
    child.once('error', (error) =>
      finish({ ok: false, reason: `could not run ${command.cmd}: ${error.message}` })
    );
    child.once('exit', (status, signal) => finish(outcomeOf(command, status, signal)));
  });
  const cancel = (): void => {
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
