import { gunzipSync } from "node:zlib";
import { HttpError } from "./errors";

/**
 * A text body (line protocol), gunzipped when sent with Content-Encoding: gzip as Telegraf does
 * by default. Refuses bodies beyond `maxBytes` (after decompression) with 413.
 */
export async function readTextBody(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw new HttpError(413, `the body is ${declared} bytes; send at most ${maxBytes} bytes per request`, "TooLarge");
  let bytes = Buffer.from(await request.arrayBuffer());
  const encoding = (request.headers.get("content-encoding") ?? "identity").toLowerCase();
  if (encoding === "gzip") {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: maxBytes });
    } catch (e) {
      const tooBig = (e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" || /maxOutputLength|too large/i.test(String(e));
      throw tooBig ? new HttpError(413, `the body unpacks to more than ${maxBytes} bytes; send smaller batches`, "TooLarge") : new HttpError(400, "body: Content-Encoding says gzip but the body is not valid gzip", "InvalidInput");
    }
  } else if (encoding !== "identity") {
    throw new HttpError(400, `Content-Encoding "${encoding}" is not supported; send identity or gzip`, "InvalidInput");
  }
  if (bytes.length > maxBytes) throw new HttpError(413, `the body is ${bytes.length} bytes; send at most ${maxBytes} bytes per request`, "TooLarge");
  return bytes.toString("utf8");
}
