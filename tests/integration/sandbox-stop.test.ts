// `npm start` stops completely, however the stop comes: Ctrl-C (SIGINT to the terminal's whole
// process group), SIGTERM to the group, or the sandbox's node process killed outright. Every process
// the run started (npm, tsx, node, esbuild, the DynamoDB Local JVM and its guard) must be gone.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** The promise to a user at a terminal: the prompt is back within 2 s. */
const STOP_BUDGET_MS = 2000;

interface Proc {
  readonly pid: number;
  readonly pgid: number;
  readonly cmd: string;
}

/** Live (not zombie) processes of a process group, from /proc. */
const groupMembers = (pgid: number): Proc[] => {
  const members: Proc[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid pgrp ...": comm may hold spaces, so split after its closing parenthesis.
      const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(group) !== pgid || state === 'Z') continue;
      members.push({
        pid: Number(entry),
        pgid,
        cmd: readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').trim(),
      });
    } catch {
      // The process ended while being read.
    }
  }
  return members;
};

/** `npm start` as a terminal runs it: the leader of its own process group. */
const startNpm = async (): Promise<ChildProcess> => {
  const child = spawn('npm', ['start'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: '0' },
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('Sandbox ready')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', () => reject(new Error(`npm start exited before ready:\n${output}`)));
  });
  return child;
};

const exitWithin = (child: ChildProcess, ms: number): Promise<boolean> =>
  new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });

/** Polls until the group has no live process left or the time is up. */
const groupGoneWithin = async (pgid: number, ms: number): Promise<Proc[]> => {
  const deadline = Date.now() + ms;
  let left = groupMembers(pgid);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    left = groupMembers(pgid);
  }
  return left;
};

const stopCase = async (stop: (child: ChildProcess, started: Proc[]) => void): Promise<void> => {
  const child = await startNpm();
  const pgid = child.pid!;
  try {
    const started = groupMembers(pgid);
    expect(started.some((p) => p.cmd.startsWith('java ') && p.cmd.includes('DynamoDBLocal.jar'))).toBe(true);
    stop(child, started);
    expect(await exitWithin(child, STOP_BUDGET_MS)).toBe(true);
    expect(await groupGoneWithin(pgid, STOP_BUDGET_MS)).toEqual([]);
  } finally {
    // Whatever the outcome, leave nothing of this run behind for the next test.
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
};

describe('Sandbox: npm start stops completely', () => {
  it('Ctrl-C (SIGINT to the process group)', () => stopCase((child) => process.kill(-child.pid!, 'SIGINT')));

  it('SIGTERM to the process group', () => stopCase((child) => process.kill(-child.pid!, 'SIGTERM')));

  it("the sandbox's node process killed outright (SIGKILL)", () =>
    stopCase((_child, started) => {
      const sandbox = started.find((p) => p.cmd.includes('local/cli.ts') && p.cmd.includes('--import'));
      process.kill(sandbox!.pid, 'SIGKILL');
    }));
});
