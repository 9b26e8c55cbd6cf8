/** What a key does in presentation mode. Clickers send PageDown/PageUp, so those step too. */
export type PresentKeyAction = "next" | "back" | "first" | "last" | "leave";

export type KeyLike = { key: string; altKey?: boolean; ctrlKey?: boolean; metaKey?: boolean; shiftKey?: boolean };

const ACTIONS: Record<string, PresentKeyAction> = {
  ArrowRight: "next",
  PageDown: "next",
  " ": "next",
  ArrowLeft: "back",
  PageUp: "back",
  Home: "first",
  End: "last",
  Escape: "leave",
};

/** The action for a key press, or null for keys the presentation leaves alone (and while the user types). */
export function presentKeyAction(e: KeyLike, typing: boolean): PresentKeyAction | null {
  if (typing || e.altKey || e.ctrlKey || e.metaKey) return null;
  if (e.key === " " && e.shiftKey) return "back";
  return ACTIONS[e.key] ?? null;
}

/** The scene an action leads to (null for leave), never past either end. */
export function stepScene(scene: number, sceneCount: number, action: Exclude<PresentKeyAction, "leave">): number {
  const last = Math.max(0, sceneCount - 1);
  if (action === "first") return 0;
  if (action === "last") return last;
  return Math.max(0, Math.min(last, scene + (action === "next" ? 1 : -1)));
}
