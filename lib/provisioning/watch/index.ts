export { MciPoller, type WatchChunk, type WatchSource } from "./mci-poller";
export { MciWatchHub, WATCH_INTERVAL_MS, type Watch, type WatchListener } from "./watch-hub";
export { HEARTBEAT_MS, mciWatchStream, watchHub } from "./watch-stream";
