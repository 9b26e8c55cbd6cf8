// CSI sequences (colours, cursor moves), OSC sequences (window titles, links), character-set choices and two-character escapes.
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[()][0-9A-Za-z]|\u001b[@-Z\\-_]/g;

/** Output without terminal escapes: programs colour their output even without a terminal, and raw escapes read as noise. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}

/**
 * Text as a terminal would leave it: a carriage return goes back to the start of its line, so a
 * progress bar (apt, curl, pip) shows its last state instead of every redraw.
 */
export function settleCarriageReturns(text: string): string {
  if (!text.includes("\r")) return text;
  return text
    .replace(/\r\n/g, "\n")
    .split("\n")
    .map((line) => {
      const i = line.lastIndexOf("\r", line.length - 2);
      return (i < 0 ? line : line.slice(i + 1)).replace(/\r$/, "");
    })
    .join("\n");
}
