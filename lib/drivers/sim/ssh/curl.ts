import { formatDate } from "./commands";
import { FS_MESSAGE } from "./filesystem";
import { pause, type Builtin, type Host, type Invocation } from "./host-context";
import { internetAnswer, listeners, resolves, STATUS_TEXT, type HttpAnswer } from "./web-services";

/**
 * curl on a simulated VM: the VM's own addresses are answered by its running units (see
 * web-services.ts), the internet by a few known downloads after a provider-typical delay; exit
 * codes and messages are curl's (7 refused, 22 HTTP error with -f, 60 untrusted certificate …).
 */

/** Options that take a value; the value is read and, unless used below, ignored. */
const SHORT_WITH_VALUE = new Set("oOwmHXdAuexTEKbcrYyzCFUQ".split("").filter((c) => c !== "O"));
const SHORT_FLAGS = new Set("fsSLkIivO46gNqnZjR#l".split(""));
const LONG_WITH_VALUE = new Set(
  "output write-out max-time connect-timeout header request data data-raw data-binary data-urlencode user-agent user retry retry-delay retry-max-time cacert capath proto proto-redir resolve url referer cookie cookie-jar cert key limit-rate interface form upload-file range max-redirs config dns-servers noproxy proxy".split(" "),
);
const LONG_FLAGS = new Set(
  "fail fail-with-body silent show-error location insecure head include verbose remote-name compressed http1.1 http2 ipv4 ipv6 no-progress-meter retry-connrefused retry-all-errors globoff tlsv1.2 tlsv1.3 create-dirs ssl-reqd no-buffer progress-bar fail-early get location-trusted raw no-keepalive tcp-nodelay path-as-is list-only disable".split(" "),
);

interface CurlOptions {
  fail: "no" | "fail" | "body";
  silent: boolean;
  showError: boolean;
  /** The progress meter on stderr (off with -s or --no-progress-meter). */
  meter: boolean;
  location: boolean;
  insecure: boolean;
  head: boolean;
  include: boolean;
  remoteName: boolean;
  output: string | null;
  writeOut: string | null;
  urls: string[];
}

class CurlError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

function parse(args: string[]): CurlOptions {
  const o: CurlOptions = { fail: "no", silent: false, showError: false, meter: true, location: false, insecure: false, head: false, include: false, remoteName: false, output: null, writeOut: null, urls: [] };
  const set = (name: string, value?: string) => {
    if (name === "f" || name === "fail") o.fail = o.fail === "body" ? "body" : "fail";
    else if (name === "fail-with-body") o.fail = "body";
    else if (name === "s" || name === "silent") o.silent = true;
    else if (name === "S" || name === "show-error") o.showError = true;
    else if (name === "L" || name === "location" || name === "location-trusted") o.location = true;
    else if (name === "k" || name === "insecure") o.insecure = true;
    else if (name === "I" || name === "head") o.head = true;
    else if (name === "i" || name === "include") o.include = true;
    else if (name === "O" || name === "remote-name") o.remoteName = true;
    else if (name === "no-progress-meter") o.meter = false;
    else if (name === "o" || name === "output") o.output = value ?? null;
    else if (name === "w" || name === "write-out") o.writeOut = value ?? null;
    else if (name === "url" && value) o.urls.push(value);
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith("--") && a.length > 2) {
      const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
      if (LONG_WITH_VALUE.has(name)) {
        const value = inline ?? args[++i];
        if (value === undefined) throw new CurlError(2, `option --${name}: requires parameter`);
        set(name, value);
      } else if (LONG_FLAGS.has(name)) set(name);
      else throw new CurlError(2, `option --${name}: is unknown`);
    } else if (a.startsWith("-") && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (SHORT_WITH_VALUE.has(c)) {
          const value = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          if (value === undefined) throw new CurlError(2, `option -${c}: requires parameter`);
          set(c, value);
          break;
        }
        if (!SHORT_FLAGS.has(c)) throw new CurlError(2, `option -${c}: is unknown`);
        set(c);
      }
    } else o.urls.push(a);
  }
  return o;
}

function localNames(host: Host): Set<string> {
  const id = host.identity;
  return new Set(["localhost", "127.0.0.1", "[::1]", "0.0.0.0", id.hostname, id.privateIp ?? "", id.publicIp ?? ""].filter(Boolean));
}

const simSeconds = (host: Host, seconds: number) => (seconds * 1000) / host.speed;

interface Transfer {
  answer: HttpAnswer;
  url: URL;
  https: boolean;
}

/** One request: the VM's own listeners, or the internet; throws CurlError as curl fails. */
async function request(url: URL, o: CurlOptions, inv: Invocation): Promise<Transfer> {
  const host = inv.host;
  const https = url.protocol === "https:";
  const port = Number(url.port || (https ? 443 : 80));
  const name = url.hostname;
  const codename = host.identity.os.codename ?? "noble";
  const older = codename === "focal" || codename === "jammy";
  if (localNames(host).has(name) || /^127\./.test(name)) {
    const listener = listeners(host).find((l) => l.port === port);
    if (!listener) throw new CurlError(7, `Failed to connect to ${name} port ${port}${codename === "focal" ? "" : " after 0 ms"}: ${older ? "Connection refused" : "Couldn't connect to server"}`);
    if (https && !listener.tls) throw new CurlError(35, "error:0A00010B:SSL routines::wrong version number");
    if (!https && listener.tls) return { answer: { status: 400, headers: [["Content-Type", "text/html"]], body: "<html><body><h1>400 The plain HTTP request was sent to HTTPS port</h1></body></html>\n" }, url, https };
    if (https && !o.insecure) throw new CurlError(60, `SSL certificate problem: ${codename === "focal" ? "self signed certificate" : "self-signed certificate"}`);
    return { answer: listener.answer(url.pathname + url.search, url.host), url, https };
  }
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) throw new CurlError(7, `Failed to connect to ${name} port ${port} after 0 ms: ${older ? "Connection refused" : "Couldn't connect to server"}`);
  if (!resolves(name)) throw new CurlError(6, `Could not resolve host: ${name}`);
  const answer = internetAnswer(url);
  // A round trip to a CDN and the bytes at a cloud VM's typical bandwidth.
  await pause(simSeconds(host, 0.25 + answer.body.length / 20_000_000), inv.io.signal);
  return { answer, url, https };
}

function headerText(t: Transfer, now: number): string {
  const status = t.https ? `HTTP/2 ${t.answer.status} ` : `HTTP/1.1 ${t.answer.status} ${STATUS_TEXT[t.answer.status] ?? ""}`;
  const date = formatDate(now, "%a, %d %b %Y %T GMT");
  // Servers name themselves first, then the date (nginx, Apache and Caddy alike).
  const [first, ...rest] = t.answer.headers;
  const headers: [string, string][] = first?.[0] === "Server" ? [first, ["Date", date], ...rest] : [["Date", date], ...t.answer.headers];
  return `${status}\r\n${headers.map(([k, v]) => `${t.https ? k.toLowerCase() : k}: ${v}\r\n`).join("")}\r\n`;
}

function writeOut(format: string, t: Transfer | null, url: string, exitCode: number, error: string): string {
  const vars: Record<string, string> = {
    http_code: String(t?.answer.status ?? 0).padStart(3, "0"),
    response_code: String(t?.answer.status ?? 0).padStart(3, "0"),
    url_effective: t?.url.href ?? url,
    size_download: String(t ? Buffer.byteLength(t.answer.body) : 0),
    content_type: t?.answer.headers.find(([k]) => k === "Content-Type")?.[1] ?? "",
    redirect_url: t?.answer.headers.find(([k]) => k === "Location")?.[1] ?? "",
    remote_ip: t ? "127.0.0.1" : "",
    time_total: "0.002134",
    time_connect: "0.000321",
    exitcode: String(exitCode),
    errormsg: error,
  };
  return format.replace(/%\{([a-z_]+)\}/g, (all, v: string) => vars[v] ?? all).replace(/\\([nrt\\])/g, (_a, c: string) => ({ n: "\n", r: "\r", t: "\t", "\\": "\\" })[c] ?? c);
}

function progressMeter(bytes: number): string {
  const n = String(bytes).padStart(5);
  return `  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n100 ${n}  100 ${n}    0     0  ${String(bytes * 10).padStart(5)}      0 --:--:-- --:--:-- --:--:-- ${String(bytes * 10).padStart(5)}\n`;
}

const curl: Builtin = async (args, inv) => {
  const { io } = inv;
  let o: CurlOptions;
  try {
    o = parse(args);
  } catch (e) {
    io.err(`curl: ${(e as Error).message}\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
    return 2;
  }
  if (o.urls.length === 0) {
    io.err("curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  let status = 0;
  for (const raw of o.urls) {
    let t: Transfer | null = null;
    let error = "";
    let code = 0;
    try {
      let url: URL;
      try {
        url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
      } catch {
        throw new CurlError(3, "URL rejected: Malformed input to a URL function");
      }
      if (url.protocol !== "http:" && url.protocol !== "https:") throw new CurlError(1, `Protocol "${url.protocol.slice(0, -1)}" not supported`);
      t = await request(url, o, inv);
      for (let hops = 0; o.location && t.answer.status >= 300 && t.answer.status < 400; hops++) {
        const to = t.answer.headers.find(([k]) => k === "Location")?.[1];
        if (!to) break;
        if (hops >= 50) throw new CurlError(47, "Maximum (50) redirects followed");
        t = await request(new URL(to, t.url), o, inv);
      }
      const failed = o.fail !== "no" && t.answer.status >= 400;
      const body = o.head ? headerText(t, inv.host.now()) : `${o.include ? headerText(t, inv.host.now()) : ""}${t.answer.body}`;
      if (!failed || o.fail === "body") {
        const target = o.output ?? (o.remoteName ? (t.url.pathname.split("/").pop() ?? "") : null);
        if (target === "") throw new CurlError(23, "Remote file name has no length");
        if (target === null) io.out(body);
        else if (target !== "/dev/null") {
          const bad = inv.files.write(target, body);
          if (bad) {
            if (!o.silent) io.err(`Warning: Failed to create the file ${target}: ${FS_MESSAGE[bad]}\n`);
            throw new CurlError(23, "Failure writing output to destination");
          }
        }
      }
      if (!o.silent && o.meter) io.err(progressMeter(Buffer.byteLength(body)));
      if (failed) throw new CurlError(22, `The requested URL returned error: ${t.answer.status}`);
    } catch (e) {
      if (!(e instanceof CurlError)) throw e;
      code = e.code;
      error = e.message;
      if (!o.silent || o.showError) io.err(`curl: (${e.code}) ${e.message}\n`);
      if (e.code === 60 && !o.silent) {
        io.err(
          "More details here: https://curl.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the web page mentioned above.\n",
        );
      }
    }
    if (o.writeOut !== null) io.out(writeOut(o.writeOut, code === 22 || code === 0 ? t : null, raw, code, error));
    status = code;
  }
  return status;
};

export const NETWORK_COMMANDS: Record<string, Builtin> = { curl };
