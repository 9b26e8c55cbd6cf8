// @ts-check
// Plain JavaScript so that the benchmarks (which cannot import TypeScript) read processes as the tests do.
import { readdirSync, readFileSync } from "node:fs";

/**
 * @typedef {{ pid: number, parent: number, name: string }} ProcessEntry
 */

/**
 * Every process of the machine with its parent and command name, read from /proc (Linux only).
 * @returns {ProcessEntry[]}
 */
export function readProcesses() {
  /** @type {ProcessEntry[]} */
  const found = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name (2nd field) is in parentheses and may hold spaces: the ppid is the 2nd field after it.
      found.push({ pid: Number(entry), parent: Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]), name: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")) });
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

/**
 * The processes below `root`, depth first; `descend` says whether to look below one (default: always).
 * @param {ProcessEntry[]} processes
 * @param {number} root
 * @param {(p: ProcessEntry) => boolean} [descend]
 * @returns {ProcessEntry[]}
 */
export function below(processes, root, descend = () => true) {
  /** @type {ProcessEntry[]} */
  const found = [];
  /** @param {number} pid */
  const walk = (pid) => {
    for (const p of processes) if (p.parent === pid) (found.push(p), descend(p) && walk(p.pid));
  };
  walk(root);
  return found;
}
