/**
 * The token an InfluxDB client sends, in every form its writers use:
 * - `Authorization: Token <token>` (InfluxDB 2.x; Telegraf's influxdb_v2 output),
 * - `Authorization: Bearer <token>` (Barista's own form),
 * - `Authorization: Basic base64(<any name>:<token>)` (InfluxDB 1.x; Telegraf's influxdb output
 *   with `username`/`password`): the password is the token, the name is not read,
 * - `?u=<any name>&p=<token>` (InfluxDB 1.x query parameters).
 *
 * Only the InfluxDB-compatible routes read these forms: the rest of the API takes a bearer token,
 * so a browser that remembered Basic credentials could not act with them elsewhere.
 */
export type AgentCredential =
  /** A token to authenticate with, and the form it came in (never the token itself in messages). */
  | { token: string; form: "token" | "bearer" | "basic" | "query" }
  /** Credentials were sent but cannot be read: refuse, never fall back to another form. */
  | { invalid: string }
  /** Nothing was sent. */
  | null;

const HOW = "send the agent token as Authorization: Token <token>, as the password of basic auth, or as the p= query parameter";

function fromHeader(value: string): AgentCredential {
  const m = /^(\S+)(?:\s+(.*))?$/.exec(value.trim());
  const scheme = m?.[1].toLowerCase();
  const rest = (m?.[2] ?? "").trim();
  if (scheme === "token" || scheme === "bearer") {
    if (!rest || /\s/.test(rest)) return { invalid: `the Authorization header carries no single ${scheme === "token" ? "Token" : "Bearer"} value; ${HOW}` };
    return { token: rest, form: scheme };
  }
  if (scheme === "basic") {
    // Base64 only: Buffer.from would quietly skip anything else and read a different password.
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(rest)) return { invalid: `the basic auth credentials are not base64; ${HOW}` };
    const pair = Buffer.from(rest, "base64").toString("utf8");
    const colon = pair.indexOf(":");
    if (colon < 0) return { invalid: `the basic auth credentials have no "name:password" pair; ${HOW}` };
    const password = pair.slice(colon + 1);
    if (!password) return { invalid: `the basic auth password is empty: put the agent token in password (any username will do)` };
    return { token: password, form: "basic" };
  }
  return { invalid: `the Authorization scheme "${m?.[1] ?? ""}" is not one Barista reads here; ${HOW}` };
}

/**
 * The credential of a request to an InfluxDB-compatible route. The header is read first; the
 * `p` parameter when there is no header, and a header and a `p` that disagree are refused
 * rather than one of them being ignored.
 */
export function agentCredential(headers: Headers, query: URLSearchParams): AgentCredential {
  const header = headers.get("authorization");
  const p = query.get("p");
  if (query.getAll("p").length > 1) return { invalid: "the p query parameter is given more than once; send the token once" };
  const fromAuth = header !== null ? fromHeader(header) : null;
  if (fromAuth && "invalid" in fromAuth) return fromAuth;
  if (p !== null) {
    if (!p) return { invalid: `the p query parameter is empty; ${HOW}` };
    if (fromAuth && fromAuth.token !== p) return { invalid: "the Authorization header and the p query parameter carry different tokens; send one" };
    if (!fromAuth) return { token: p, form: "query" };
  }
  return fromAuth;
}
