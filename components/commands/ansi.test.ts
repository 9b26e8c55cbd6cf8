import { describe, expect, it } from "vitest";
import { settleCarriageReturns, stripAnsi } from "./ansi";

describe("stripAnsi", () => {
  it("removes colours, cursor moves and titles, and keeps the text", () => {
    expect(stripAnsi("\u001b[1;32mok\u001b[0m done\u001b[2K\u001b[1G")).toBe("ok done");
    expect(stripAnsi("\u001b]0;title\u0007Linux")).toBe("Linux");
    expect(stripAnsi("a\u001b(Bb\u001bMc")).toBe("abc");
  });

  it("leaves plain text, tabs and newlines alone", () => {
    expect(stripAnsi("one\ttwo\nthree [not an escape]")).toBe("one\ttwo\nthree [not an escape]");
  });
});

describe("settleCarriageReturns", () => {
  it("keeps a progress line's last state", () => {
    expect(settleCarriageReturns("Get 10%\rGet 50%\rGet 100%\ndone\n")).toBe("Get 100%\ndone\n");
  });

  it("reads CRLF as a plain line end", () => {
    expect(settleCarriageReturns("a\r\nb\r\n")).toBe("a\nb\n");
  });
});
