/** Remote commands over the VMs of an MCI: the engine, its event stream, and what they share. */
export { CommandEngine, INTERRUPTED_MESSAGE } from "./engine";
export { commandEventStream, HEARTBEAT_MS, sseEvent } from "./event-stream";
export { commandLimitsFromEnv } from "./config";
export { DEFAULT_LIMITS, type CommandDeps, type CommandEvent, type CommandLimits } from "./types";
