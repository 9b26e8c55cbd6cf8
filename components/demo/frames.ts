/**
 * The console pages a tour shows in its stage, in presentation mode (`present=1`: no chrome) and
 * framed (`embed=1`: the tour shows its own title, figures and captions, the page only its map and
 * the scene's panel). `scene` is the page's own scene, counted from 1 as its captions count them.
 */

function withParams(path: string, params: Record<string, string | undefined>): string {
  const q = new URLSearchParams({ embed: "1" });
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, v);
  return `${path}?${q.toString()}`;
}

export function homeMapFrame(scene: number): string {
  return withParams("/", { present: "1", scene: String(scene) });
}

export function placementFrame(scene: number, audience: string): string {
  return withParams("/placement", { present: "1", scene: String(scene), audience });
}

/** The new-MCI page with a plan's regions (and specs, `region:specId`), as the placement page's Deploy button opens it. */
export function newMciFrame(scene: number, namespace: string, regions: readonly string[], specs: Record<string, string>): string {
  const spec = regions.filter((r) => specs[r]).map((r) => `${r}:${specs[r]}`).join(",");
  return withParams(`/ns/${namespace}/mci/new`, { present: "1", scene: String(scene), regions: regions.join(","), specs: spec || undefined });
}

export type MciTab = "vms" | "metrics" | "commands";

export function mciFrame(scene: number, namespace: string, mciId: string, tab: MciTab = "vms", extra: Record<string, string> = {}): string {
  return withParams(`/ns/${namespace}/mci/${mciId}`, { present: "1", scene: String(scene), tab: tab === "vms" ? undefined : tab, ...extra });
}
