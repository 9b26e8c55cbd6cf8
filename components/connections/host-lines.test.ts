import { describe, expect, it } from "vitest";
import { parseHostLines } from "./host-lines";

describe("the hosts box", () => {
  it("reads address, port and name per line, skipping blanks and comments", () => {
    expect(parseHostLines("10.0.0.5\n\n  lab-2.example.org:2222 db-1  # the database\n[fd00::7]:22 six\nfd00::8\n# none")).toEqual([
      { address: "10.0.0.5" },
      { address: "lab-2.example.org", port: 2222, name: "db-1" },
      { address: "fd00::7", port: 22, name: "six" },
      { address: "fd00::8" },
    ]);
  });

  it("passes a port it cannot read on, for the server to name", () => {
    expect(parseHostLines("10.0.0.5:ssh")).toEqual([{ address: "10.0.0.5", port: NaN }]);
  });
});
