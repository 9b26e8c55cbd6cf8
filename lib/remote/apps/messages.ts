import type { CommandVmView } from "@/lib/validation/commands";

/** The last line a step wrote that says something: stderr's, else stdout's. */
export function lastLine(vm: Pick<CommandVmView, "stdout" | "stderr">): string | null {
  for (const text of [vm.stderr, vm.stdout]) {
    const line = text
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean)
      .pop();
    if (line) return line.length > 300 ? `${line.slice(0, 297)}…` : line;
  }
  return null;
}

const WHAT_TO_DO = "see its output in the Commands tab, fix the cause, then install the app again (its steps are safe to run again)";

/** Why a VM's step failed, and what to do, from how its command ended there. */
export function stepFailure(step: string, position: string, vm: Pick<CommandVmView, "status" | "exitCode" | "message" | "stdout" | "stderr">, timeoutSeconds: number): string {
  const line = lastLine(vm);
  const said = line ? `: ${line}` : "";
  switch (vm.status) {
    case "timedOut":
      return `step "${step}" (${position}) did not finish within ${timeoutSeconds} s and was killed${said}; ${WHAT_TO_DO}`;
    case "unreachable":
    case "interrupted":
      return `step "${step}" (${position}) could not run: ${vm.message ?? "the VM could not be reached"}; check the VM runs and answers SSH, then install the app again`;
    case "cancelled":
      return `step "${step}" (${position}) was cancelled; install the app again to finish it`;
    default:
      return `step "${step}" (${position}) failed with exit code ${vm.exitCode ?? "none"}${said}${vm.message ? ` (${vm.message})` : ""}; ${WHAT_TO_DO}`;
  }
}

/** Why the health check never passed. */
export function healthFailure(command: string, tries: number, vm: Pick<CommandVmView, "status" | "exitCode" | "message" | "stdout" | "stderr">): string {
  const line = lastLine(vm);
  const how = vm.status === "failed" ? `exit code ${vm.exitCode ?? "none"}${line ? `: ${line}` : ""}` : `${vm.status}${vm.message ? `: ${vm.message}` : ""}`;
  return `the health check (${command}) did not pass in ${tries} ${tries === 1 ? "try" : "tries"}; last: ${how}; the steps ran, so look at the app on the VM (its service and logs), then install the app again`;
}

export const notRunning = (status: string) => `the VM is ${status}, not Running; resume it, then install the app again`;
