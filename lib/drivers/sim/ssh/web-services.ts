import { createHash } from "node:crypto";
import { HostFiles } from "./filesystem";
import type { Host } from "./host-context";

/**
 * What answers HTTP on a simulated VM (the running units that listen on a port), and the few
 * downloads from the internet the recipes fetch. Everything here is made from the VM's state.
 */

export interface HttpAnswer {
  status: number;
  headers: [string, string][];
  body: string;
}

export interface Listener {
  unit: string;
  port: number;
  /** A certificate the VM made itself (curl refuses it without -k), or plain HTTP. */
  tls: "self-signed" | null;
  answer(path: string, hostHeader: string): HttpAnswer;
}

export const STATUS_TEXT: Record<number, string> = { 200: "OK", 301: "Moved Permanently", 302: "Found", 400: "Bad Request", 403: "Forbidden", 404: "Not Found" };

function nginxVersion(host: Host): string {
  return { focal: "1.18.0", jammy: "1.18.0", noble: "1.24.0", plucky: "1.26.3" }[host.identity.os.codename ?? ""] ?? "1.24.0";
}

function page(status: number, server: string, body: string, extra: [string, string][] = []): HttpAnswer {
  return { status, headers: [["Server", server], ["Content-Type", "text/html"], ["Content-Length", String(Buffer.byteLength(body))], ...extra], body };
}

function errorPage(status: number, server: string): HttpAnswer {
  const title = `${status} ${STATUS_TEXT[status] ?? ""}`;
  return page(status, server, `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>${server}</center>\r\n</body>\r\n</html>\r\n`);
}

/** A web server's document root: the files there (written by packages or by hand) are what it serves. */
function docroot(host: Host, server: string, path: string, index: string[]): HttpAnswer {
  const files = new HostFiles(host, "root");
  const clean = path.split("?")[0];
  const candidates = clean.endsWith("/") ? index.map((i) => `/var/www/html${clean}${i}`) : [`/var/www/html${clean}`];
  for (const c of candidates) if (files.kind(c) === "file") return page(200, server, String(files.read(c)));
  return errorPage(404, server);
}

const JITSI_PAGE = `<!DOCTYPE html>\n<html>\n<head>\n  <meta charset="utf-8">\n  <title>Jitsi Meet</title>\n  <script src="libs/app.bundle.min.js"></script>\n</head>\n<body>\n  <div id="react"></div>\n</body>\n</html>\n`;

/** The units running now that listen on a TCP port, with how they answer. */
export function listeners(host: Host): Listener[] {
  const active = (unit: string) => host.state.units.get(unit)?.active === true;
  const out: Listener[] = [];
  if (active("nginx")) {
    const server = `nginx/${nginxVersion(host)} (Ubuntu)`;
    // jitsi-meet-web-config puts a site in front of nginx's default one: HTTP goes to HTTPS.
    if (host.state.packages.has("jitsi-meet-web-config")) {
      out.push({ unit: "nginx", port: 80, tls: null, answer: (path, h) => page(301, server, "", [["Location", `https://${h}${path}`]]) });
      out.push({
        unit: "nginx",
        port: 443,
        tls: "self-signed",
        // Any room name is the app; files the app does not ship are not found.
        answer: (path) => (/\.[a-z0-9]+$/i.test(path.split("?")[0]) ? errorPage(404, server) : page(200, server, JITSI_PAGE)),
      });
    } else out.push({ unit: "nginx", port: 80, tls: null, answer: (path) => docroot(host, server, path, ["index.html", "index.htm", "index.nginx-debian.html"]) });
  }
  if (active("apache2")) out.push({ unit: "apache2", port: 80, tls: null, answer: (path) => docroot(host, "Apache/2.4.58 (Ubuntu)", path, ["index.html"]) });
  if (active("caddy")) out.push({ unit: "caddy", port: 80, tls: null, answer: () => page(200, "Caddy", "<!DOCTYPE html>\n<html>\n<head><title>Caddy works!</title></head>\n<body><h1>Caddy works!</h1></body>\n</html>\n") });
  const redirect = (unit: string, port: number, to: string, server: string) =>
    out.push({ unit, port, tls: null, answer: (path) => (path === "/" ? page(302, server, "", [["Location", to]]) : page(200, server, `${unit}\n`)) });
  if (active("grafana-server")) redirect("grafana-server", 3000, "/login", "Grafana");
  if (active("prometheus")) redirect("prometheus", 9090, "/graph", "Prometheus");
  if (active("prometheus-node-exporter")) out.push({ unit: "prometheus-node-exporter", port: 9100, tls: null, answer: () => page(200, "node_exporter", "<html><head><title>Node Exporter</title></head></html>\n") });
  if (active("influxdb")) out.push({ unit: "influxdb", port: 8086, tls: null, answer: () => page(200, "InfluxDB", '{"name":"influxdb","status":"pass"}\n') });
  if (active("tomcat9")) out.push({ unit: "tomcat9", port: 8080, tls: null, answer: () => page(200, "Apache Tomcat", "<h1>It works !</h1>\n") });
  return out;
}

/** An ASCII-armoured OpenPGP public key block: plausible bytes, the same for the same name. */
function armouredKey(name: string): string {
  let data = Buffer.alloc(0);
  for (let i = 0; data.length < 2200; i++) data = Buffer.concat([data, createHash("sha512").update(`${name}:${i}`).digest()]);
  const b64 = `mQINB${data.subarray(0, 2200).toString("base64")}`;
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n${lines.join("\n")}\n=${createHash("md5").update(name).digest("base64").slice(0, 4)}\n-----END PGP PUBLIC KEY BLOCK-----\n`;
}

/** The signing keys people download while adding a repository. */
const DOWNLOADS: Record<string, () => string> = {
  "https://download.jitsi.org/jitsi-key.gpg.key": () => armouredKey("jitsi"),
  "https://download.docker.com/linux/ubuntu/gpg": () => armouredKey("docker"),
  "https://apt.grafana.com/gpg.key": () => armouredKey("grafana"),
  "https://repos.influxdata.com/influxdata-archive_compat.key": () => armouredKey("influxdata"),
  "https://dl.cloudsmith.io/public/caddy/stable/gpg.key": () => armouredKey("caddy"),
  "https://apt.releases.hashicorp.com/gpg": () => armouredKey("hashicorp"),
};

/** Names that do not resolve anywhere (RFC 2606 / 6761), and bare words without a domain. */
export function resolves(hostname: string): boolean {
  return hostname.includes(".") && !/\.(invalid|test|example|localhost|local)$/i.test(hostname);
}

/** How a server on the internet answers: the known downloads, a small page at `/`, 404 elsewhere. */
export function internetAnswer(url: URL): HttpAnswer {
  const key = `${url.protocol}//${url.host}${url.pathname}`;
  const download = DOWNLOADS[key];
  if (download) {
    const body = download();
    return { status: 200, headers: [["Content-Type", "application/pgp-keys"], ["Content-Length", String(body.length)]], body };
  }
  if (url.pathname === "/") return page(200, "nginx", `<!doctype html>\n<html><head><title>${url.hostname}</title></head><body></body></html>\n`);
  return errorPage(404, "nginx");
}
