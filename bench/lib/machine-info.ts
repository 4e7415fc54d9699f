/**
 * What machine a benchmark ran on, so every table in bench/RESULTS.md carries
 * its context: CPU model and usable cores, RAM, OS, Node.js and the date.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, platform, release, totalmem } from 'node:os';

/** The facts recorded with every result. */
export interface MachineInfo {
  readonly cpuModel: string;
  /** Cores this process may use (what `nproc` prints). */
  readonly cores: number;
  readonly totalMemoryBytes: number;
  readonly operatingSystem: string;
  readonly nodeVersion: string;
  /** ISO date and time of the reading. */
  readonly date: string;
}

/** Reads the machine facts now. */
export function machineInfo(): MachineInfo {
  return {
    cpuModel: readCpuModel(),
    cores: availableParallelism(),
    totalMemoryBytes: totalmem(),
    operatingSystem: `${platform()} ${release()}`,
    nodeVersion: process.version,
    date: new Date().toISOString(),
  };
}

/** One line per fact, ready for a results file or a console header. */
export function formatMachineInfo(info: MachineInfo): string {
  return [
    `- CPU: ${info.cpuModel} (nproc ${info.cores})`,
    `- RAM: ${(info.totalMemoryBytes / 1_073_741_824).toFixed(1)} GiB`,
    `- OS: ${info.operatingSystem}; Node.js ${info.nodeVersion}`,
    `- Date: ${info.date}`,
  ].join('\n');
}

function readCpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match?.[1] !== undefined) return match[1].trim();
  } catch {
    // Not Linux: fall back to what Node.js reports.
  }
  return cpus()[0]?.model ?? 'unknown CPU';
}
