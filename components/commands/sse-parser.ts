/** One Server-Sent Event: its `event:` name (`message` when none) and its data lines joined by newlines. */
export type SseMessage = { event: string; data: string };

/**
 * An incremental Server-Sent Events parser (the WHATWG rules the console needs: `event:`, `data:`,
 * comments, CR/LF/CRLF line ends). The console reads the stream with fetch rather than EventSource
 * so that a refusal shows the API's own words and a cancelled view closes the request at once.
 */
export function createSseParser(onMessage: (message: SseMessage) => void): { push: (text: string) => void } {
  let buffer = "";
  let event = "";
  let data: string[] = [];
  let pendingCr = false;

  function line(text: string) {
    if (text === "") {
      if (data.length > 0) onMessage({ event: event || "message", data: data.join("\n") });
      event = "";
      data = [];
      return;
    }
    if (text.startsWith(":")) return;
    const colon = text.indexOf(":");
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? "" : text.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
  }

  return {
    push(text: string) {
      // A CR that ended the previous chunk and an LF starting this one are one line end.
      if (pendingCr && text.startsWith("\n")) text = text.slice(1);
      pendingCr = false;
      buffer += text;
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const c = buffer[i];
        if (c !== "\n" && c !== "\r") continue;
        line(buffer.slice(start, i));
        if (c === "\r") {
          if (i + 1 === buffer.length) pendingCr = true;
          else if (buffer[i + 1] === "\n") i++;
        }
        start = i + 1;
      }
      buffer = buffer.slice(start);
    },
  };
}
