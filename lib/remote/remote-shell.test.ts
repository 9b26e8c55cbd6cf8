import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { killCommand, shellQuote, wrapCommand } from "./remote-shell";

describe("the line a remote command is sent as", () => {
  it("is exactly the timeout form, with single quotes escaped", () => {
    expect(wrapCommand("cmd-abc123", "echo 'hi' && exit 2", 300)).toBe(`exec timeout -s KILL 300 sh -c 'echo '\\''hi'\\'' && exit 2' barista-cmd-abc123`);
  });

  it("quotes any text so that sh reads it back unchanged", () => {
    const texts = ["plain", "it's", "'", "''", "$HOME `id` $(id) \\n \" ; | & > <", "line\nbreak", "ünïcode ✓"];
    for (const t of texts) expect(execFileSync("sh", ["-c", `printf %s ${shellQuote(t)}`]).toString()).toBe(t);
  });

  it("refuses an id that could break out of the line", () => {
    expect(() => wrapCommand("cmd-1; rm -rf /", "true", 1)).toThrow(/letters, digits and dashes/);
    expect(killCommand("cmd-abc")).toContain("'[b]arista-cmd-abc$'");
  });
});
