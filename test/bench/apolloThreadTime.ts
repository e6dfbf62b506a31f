/**
 * How long the main thread ran and how long it waited for a CPU, from Linux's per-thread scheduler
 * statistics: on a shared machine, wall-clock times include the waits, and this says how much of a
 * run they were.
 */
import { readFileSync } from 'node:fs';

/** Nanosecond counters of the main thread; `undefined` where the kernel does not provide them. */
export interface ThreadTime {
  /** Time on a CPU, in milliseconds. */
  readonly runningMs: number;
  /** Time runnable but waiting for a CPU, in milliseconds. */
  readonly waitingMs: number;
}

/**
 * Reads the main thread's scheduler statistics (`/proc/self/task/<pid>/schedstat`).
 *
 * @returns Its running and waiting time so far, or `undefined` off Linux.
 */
export function readThreadTime(): ThreadTime | undefined {
  try {
    const [running, waiting] = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ').map(Number);
    return running === undefined || waiting === undefined ? undefined : { runningMs: running / 1e6, waitingMs: waiting / 1e6 };
  } catch {
    return undefined;
  }
}
