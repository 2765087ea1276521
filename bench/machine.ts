/** The line every benchmark figure carries: the machine and the date. */
import { cpus, totalmem } from "node:os";

export function machineLine(): string {
  const cpu = cpus()[0]?.model ?? "unknown cpu";
  return `${cpu.trim()}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}
