/** What each tour shows, step by step: the captions the stage reads out and the /demo page lists. */

export type TourId = "video-conference" | "global-scale";

export interface StepInfo {
  id: string;
  title: string;
  /** What the audience sees during the step, in one or two sentences. */
  caption: string;
}

export interface TourInfo {
  id: TourId;
  title: string;
  summary: string;
  /** About how long it takes with the default simulator settings (npm start, speed 1), in minutes. */
  minutes: number;
  steps: StepInfo[];
}

export const VIDEO_CONFERENCE: TourInfo = {
  id: "video-conference",
  title: "Best-placed video conference",
  summary: "Participants on six continents; the placement engine picks the clouds, Barista deploys and installs a conference server there, then compares the call quality with a careless placement.",
  minutes: 3,
  steps: [
    { id: "clouds", title: "The connected clouds", caption: "Every dot is a cloud region Barista is connected to, coloured by provider: one console over all of them." },
    { id: "participants", title: "Where the participants are", caption: "The participants of the call, in twelve cities on six continents, weighted by each city's population." },
    { id: "placement", title: "The placement engine picks regions", caption: "The engine picks the six regions with the lowest mean latency for these participants; the new-MCI page shows the plan." },
    { id: "deploy", title: "Deploy there", caption: "One small VM per chosen region, deployed as one MCI: watch each region turn green, live." },
    { id: "install", title: "Install the conference server", caption: "Jitsi Meet installs on every VM through remote commands, the same way on every cloud." },
    { id: "quality", title: "Call quality against a careless placement", caption: "The round trip each participant feels to their conference server: the placed regions against as many servers in random regions." },
  ],
};

export const GLOBAL_SCALE: TourInfo = {
  id: "global-scale",
  title: "Global-scale infrastructure",
  summary: "About 100 regions of many clouds tied into one MCI from the map, controlled as one, its resource use charted, and a game server run on it.",
  minutes: 3,
  steps: [
    { id: "regions", title: "About 100 regions, many clouds", caption: "About 100 regions across every connected provider, chosen on the map for a single infrastructure." },
    { id: "create", title: "One MCI over all of them", caption: "One VM per region, created as one MCI through the API: the map fills region by region, with the clock running." },
    { id: "control", title: "Controlled as one", caption: "One command (uptime) runs on every VM at once; the answers stream back from every cloud." },
    { id: "monitor", title: "Its resource use, charted", caption: "CPU, memory and network of the whole MCI, collected from every VM and charted live." },
    { id: "service", title: "A service on it", caption: "A game server (Minetest) installs and runs on every VM: one service, on every continent." },
  ],
};

export const TOURS: readonly TourInfo[] = [VIDEO_CONFERENCE, GLOBAL_SCALE];

export function tourById(id: string): TourInfo | undefined {
  return TOURS.find((t) => t.id === id);
}
