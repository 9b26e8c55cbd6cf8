import { describe, expect, it } from "vitest";
import { presentKeyAction, stepScene } from "./present-keys";

describe("presentKeyAction", () => {
  it("steps with the arrows and a clicker's page keys, leaves with Esc", () => {
    expect(presentKeyAction({ key: "ArrowRight" }, false)).toBe("next");
    expect(presentKeyAction({ key: "PageDown" }, false)).toBe("next");
    expect(presentKeyAction({ key: " " }, false)).toBe("next");
    expect(presentKeyAction({ key: " ", shiftKey: true }, false)).toBe("back");
    expect(presentKeyAction({ key: "ArrowLeft" }, false)).toBe("back");
    expect(presentKeyAction({ key: "PageUp" }, false)).toBe("back");
    expect(presentKeyAction({ key: "Home" }, false)).toBe("first");
    expect(presentKeyAction({ key: "End" }, false)).toBe("last");
    expect(presentKeyAction({ key: "Escape" }, false)).toBe("leave");
  });

  it("ignores other keys, shortcuts with modifiers, and keys typed into a field", () => {
    expect(presentKeyAction({ key: "a" }, false)).toBeNull();
    expect(presentKeyAction({ key: "ArrowUp" }, false)).toBeNull();
    expect(presentKeyAction({ key: "ArrowLeft", altKey: true }, false)).toBeNull();
    expect(presentKeyAction({ key: "ArrowRight", metaKey: true }, false)).toBeNull();
    expect(presentKeyAction({ key: "ArrowRight", ctrlKey: true }, false)).toBeNull();
    expect(presentKeyAction({ key: "ArrowRight" }, true)).toBeNull();
    expect(presentKeyAction({ key: "Escape" }, true)).toBeNull();
  });
});

describe("stepScene", () => {
  it("moves one scene and stops at both ends", () => {
    expect(stepScene(0, 3, "next")).toBe(1);
    expect(stepScene(2, 3, "next")).toBe(2);
    expect(stepScene(1, 3, "back")).toBe(0);
    expect(stepScene(0, 3, "back")).toBe(0);
  });

  it("jumps to the first and the last", () => {
    expect(stepScene(1, 4, "first")).toBe(0);
    expect(stepScene(1, 4, "last")).toBe(3);
    expect(stepScene(0, 0, "last")).toBe(0);
  });
});
