const encoder = new TextEncoder();

/** One Server-Sent Event with its id. JSON holds no raw newline, so `data` is always one line. */
export function sseText(id: number, event: string, data: unknown): string {
  return `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function encodeText(text: string): Uint8Array {
  return encoder.encode(text);
}

export const HEARTBEAT_TEXT = ": heartbeat\n\n";
