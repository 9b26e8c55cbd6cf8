/**
 * Presentation mode lives in the URL, so a link (or a demo's iframe) opens the presentation itself:
 * `?present=1` turns it on, `&scene=<n>` picks the scene, counted from 1 as the caption shows it.
 */

export const PRESENT_PARAM = "present";
export const SCENE_PARAM = "scene";
/** `embed=1`: a guided tour frames the page and tells the story itself (its own title, figures and captions). */
export const EMBED_PARAM = "embed";

export type PresentState = { on: boolean; /** 0-based index of the scene shown. */ scene: number };

export function isEmbedded(params: Params): boolean {
  return params.get(EMBED_PARAM) === "1";
}

type Params = { get(name: string): string | null };

/** Reads the mode and the scene; a missing, bad or out-of-range scene falls back to a shown one. */
export function readPresent(params: Params, sceneCount: number): PresentState {
  const on = params.get(PRESENT_PARAM) === "1";
  const asked = Number(params.get(SCENE_PARAM));
  const scene = Number.isInteger(asked) && asked >= 1 ? asked - 1 : 0;
  return { on, scene: clampScene(scene, sceneCount) };
}

export function clampScene(scene: number, sceneCount: number): number {
  return Math.max(0, Math.min(scene, Math.max(0, sceneCount - 1)));
}

/** The query string (with `?`, or empty) for a state, every other parameter kept; scene 1 is left out. */
export function presentSearch(search: string, state: PresentState | null): string {
  const params = new URLSearchParams(search);
  params.delete(PRESENT_PARAM);
  params.delete(SCENE_PARAM);
  if (state?.on) {
    params.set(PRESENT_PARAM, "1");
    if (state.scene > 0) params.set(SCENE_PARAM, String(state.scene + 1));
  }
  const text = params.toString().replaceAll("%2C", ",");
  return text ? `?${text}` : "";
}

/** The pages that have a presentation: the home map, an MCI, placement (not a VM's page nor a form). */
export function isPresentablePath(pathname: string): boolean {
  return pathname === "/" || pathname === "/placement" || /^\/ns\/[^/]+\/mci\/(?!new$)[^/]+\/?$/.test(pathname);
}
