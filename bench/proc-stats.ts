/**
 * What Linux's /proc says about another process: its resident memory now and at its peak,
 * and the CPU time it has used. Everything returns undefined where /proc is missing
 * (not Linux) or the process is gone, so the benchmark degrades to "n/a" instead of failing.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

export interface MemoryStatus {
  /** Resident set size now, in KiB. */
  readonly rssKiB: number;
  /** The highest RSS since the process started or since `maybeResetPeak`, in KiB. */
  readonly peakKiB: number;
}

export function maybeMemoryStatus(pid: number): MemoryStatus | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/status`, 'latin1');
  } catch {
    return undefined;
  }
  const rss = /^VmRSS:\s+(\d+) kB/m.exec(text);
  const hwm = /^VmHWM:\s+(\d+) kB/m.exec(text);
  if (rss === null || hwm === null) return undefined;
  return { rssKiB: Number(rss[1]), peakKiB: Number(hwm[1]) };
}

/** Resets VmHWM to the current RSS (`echo 5 > clear_refs`, Linux ≥ 4.0); false when not allowed. */
export function maybeResetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

let clockTicks: number | undefined;

export interface CpuTimes {
  /** In the process's own code (JavaScript, V8, libuv), in ms. */
  readonly userMs: number;
  /** In the kernel on its behalf (syscalls, and on loopback much of both ends' TCP work), in ms. */
  readonly systemMs: number;
}

/** CPU time used so far, all threads. */
export function maybeCpuTimes(pid: number): CpuTimes | undefined {
  const fields = maybeStatFields(String(pid));
  if (fields === undefined) return undefined;
  return { userMs: ticksToMs(fields[11]), systemMs: ticksToMs(fields[12]) };
}

/**
 * CPU time (user + system) of this process's children that have exited and been waited for:
 * read before and after a run of a generator that is the only child to exit meanwhile, the
 * difference is the generator's.
 */
export function maybeReapedChildrenCpuMs(): number | undefined {
  const fields = maybeStatFields('self');
  return fields === undefined ? undefined : ticksToMs(fields[13]) + ticksToMs(fields[14]);
}

/** The fields of /proc/PID/stat after the command name, from the state on (index 11 is utime). */
function maybeStatFields(pid: string): number[] | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ').map(Number);
  return [11, 12, 13, 14].every((i) => Number.isFinite(fields[i])) ? fields : undefined;
}

function ticksToMs(ticks: number | undefined): number {
  clockTicks ??= readClockTicks();
  return ((ticks ?? 0) * 1000) / clockTicks;
}

function readClockTicks(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'latin1', timeout: 2_000 }).trim());
    return Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
  } catch {
    return 100;
  }
}

/**
 * Polls a process's memory while a load runs: the peak is the larger of the highest VmRSS seen
 * and VmHWM (reset at the start when the kernel allows), so a spike between polls still counts.
 */
export class PeakRssSampler {
  private peakKiB = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly hwmWasReset: boolean;

  constructor(
    private readonly pid: number,
    intervalMs = 50,
  ) {
    this.hwmWasReset = maybeResetPeak(pid);
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  private sample(): void {
    const status = maybeMemoryStatus(this.pid);
    if (status === undefined) return;
    this.peakKiB = Math.max(this.peakKiB, status.rssKiB, this.hwmWasReset ? status.peakKiB : 0);
  }

  /** Stops polling; the peak in KiB, or undefined when /proc could not be read. */
  stop(): number | undefined {
    this.sample();
    clearInterval(this.timer);
    return this.peakKiB === 0 ? undefined : this.peakKiB;
  }
}

/** CPU time the whole machine has spent busy (not idle or waiting on I/O), summed over all cores, in ms. */
export function maybeMachineBusyMs(): number | undefined {
  let text: string;
  try {
    text = readFileSync('/proc/stat', 'latin1');
  } catch {
    return undefined;
  }
  const line = /^cpu\s+(.*)$/m.exec(text)?.[1];
  if (line === undefined) return undefined;
  // Steal is time the hypervisor gave to other machines: not work done here.
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = line.trim().split(/\s+/).map(Number);
  clockTicks ??= readClockTicks();
  return ((user + nice + system + irq + softirq) * 1000) / clockTicks;
}
