import { describe, expect, it } from "vitest";
import { createSseParser, type SseMessage } from "./sse-parser";

function parse(chunks: string[]): SseMessage[] {
  const out: SseMessage[] = [];
  const p = createSseParser((m) => out.push(m));
  for (const c of chunks) p.push(c);
  return out;
}

describe("createSseParser", () => {
  it("reads named events and default messages", () => {
    expect(parse(['event: output\ndata: {"a":1}\n\n', 'data: plain\n\n'])).toEqual([
      { event: "output", data: '{"a":1}' },
      { event: "message", data: "plain" },
    ]);
  });

  it("joins data lines and ignores comments and unknown fields", () => {
    expect(parse([": keepalive\n\nid: 4\nevent: vm\ndata: one\ndata:two\nretry: 10\n\n"])).toEqual([{ event: "vm", data: "one\ntwo" }]);
  });

  it("waits for the blank line, across chunks split anywhere", () => {
    const text = 'event: end\ndata: {"status":"finished"}\n\n';
    for (let cut = 1; cut < text.length; cut++) {
      expect(parse([text.slice(0, cut), text.slice(cut)])).toEqual([{ event: "end", data: '{"status":"finished"}' }]);
    }
  });

  it("treats CR, LF and CRLF alike, even when CRLF is split between chunks", () => {
    expect(parse(["event: a\r\ndata: 1\r", "\n\r\n", "data: 2\r\r"])).toEqual([
      { event: "a", data: "1" },
      { event: "message", data: "2" },
    ]);
  });

  it("dispatches nothing for an event without data", () => {
    expect(parse(["event: ping\n\n"])).toEqual([]);
  });
});
