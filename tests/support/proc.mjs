// Process-tree helpers over /proc, and polling with a deadline (never a fixed sleep).
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

/** Thrown from a `waitFor` check: stop waiting at once (the awaited thing cannot come). */
export class GiveUp extends Error {}

/**
 * Polls `check` until it returns a truthy value (returned) or `timeoutMs` passes
 * (throws with `message` and, if given, `diagnostics()` appended). Other errors thrown
 * by `check` count as "not yet"; a `GiveUp` ends the wait at once.
 */
export async function waitFor(check, { timeoutMs = 10_000, intervalMs = 50, message = 'condition', diagnostics } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      if (error instanceof GiveUp) {
        if (diagnostics) error.message += `\n${await diagnostics()}`;
        throw error;
      }
      lastError = error;
    }
    if (Date.now() >= deadline) {
      let text = `timed out after ${timeoutMs} ms waiting for ${message}`;
      if (lastError) text += `\nlast error: ${lastError.stack || lastError}`;
      if (diagnostics) text += `\n${await diagnostics()}`;
      throw new Error(text);
    }
    await delay(intervalMs);
  }
}

/** `{pid, ppid, state, comm}` of a process, or null when it is gone. */
export function procStat(pid) {
  let text;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // comm is in parentheses and may itself contain spaces or parentheses.
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  const rest = text.slice(close + 2).split(' ');
  return { pid, comm: text.slice(open + 1, close), state: rest[0], ppid: Number(rest[1]), pgrp: Number(rest[2]) };
}

/** Whether a process exists and is not a zombie (a zombie has exited). */
export function isRunning(pid) {
  const stat = procStat(pid);
  return stat !== null && stat.state !== 'Z' && stat.state !== 'X';
}

/** Every live process, as stats. */
function allProcesses() {
  const result = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = procStat(Number(name));
    if (stat) result.push(stat);
  }
  return result;
}

/** Every running process whose process group is `pgid`. */
export function processGroup(pgid) {
  return allProcesses().filter((p) => p.pgrp === pgid && p.state !== 'Z' && p.state !== 'X');
}

/** All descendants of `pid` (children, grandchildren, …) that are still running. */
export function descendants(pid) {
  const all = allProcesses();
  const found = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift();
    for (const p of all) {
      if (p.ppid === parent) {
        if (p.state !== 'Z' && p.state !== 'X') found.push(p);
        queue.push(p.pid);
      }
    }
  }
  return found;
}

/** The command line of a process as an array (empty when it is gone). */
export function cmdline(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

/** Waits until `pid` has exited (gone or zombie); throws after `timeoutMs`. */
export function waitForExit(pid, timeoutMs = 15_000, what = `process ${pid}`) {
  return waitFor(() => !isRunning(pid), { timeoutMs, message: `${what} to exit` });
}

/** Sends `signal` to a process, ignoring one that is already gone. */
export function signal(pid, sig = 'SIGTERM') {
  try {
    process.kill(pid, sig);
    return true;
  } catch {
    return false;
  }
}

/**
 * Ends `pid` and everything below it: SIGTERM first, SIGKILL for whatever is still
 * running after `graceMs`. Used in cleanup only; tests assert orderly exits themselves.
 */
export async function killTree(pid, graceMs = 5_000) {
  const tree = [...descendants(pid).map((p) => p.pid), pid];
  for (const p of tree) signal(p, 'SIGTERM');
  try {
    await waitFor(() => tree.every((p) => !isRunning(p)), { timeoutMs: graceMs, message: 'process tree to exit' });
  } catch {
    for (const p of tree) if (isRunning(p)) signal(p, 'SIGKILL');
    await waitFor(() => tree.every((p) => !isRunning(p)), { timeoutMs: 5_000, message: 'killed process tree to exit' });
  }
}

/**
 * Resolves with `{code, signal}` when the spawned `child` exits; rejects when it is still
 * running after `timeoutMs`.
 */
export function childExit(child, timeoutMs, what = `process ${child.pid}`) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not exit within ${timeoutMs} ms`)), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}
