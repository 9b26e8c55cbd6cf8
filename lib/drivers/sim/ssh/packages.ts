import { createHash } from "node:crypto";
import type { Host } from "./host-context";

/**
 * What the simulated hosts know about packages: the unit a daemon package ships, what a package
 * pulls in, how heavy it is (download and setup time), and the files it puts on the disk. Any
 * other well-formed name is a small package of Ubuntu's archive with no unit.
 */

/** Package → the unit it ships, for the daemons people install on cloud VMs. */
export const DAEMONS: Record<string, string> = {
  nginx: "nginx",
  apache2: "apache2",
  "docker.io": "docker",
  "docker-ce": "docker",
  containerd: "containerd",
  "containerd.io": "containerd",
  "redis-server": "redis-server",
  postgresql: "postgresql",
  "mysql-server": "mysql",
  "mariadb-server": "mariadb",
  haproxy: "haproxy",
  coturn: "coturn",
  "prometheus-node-exporter": "prometheus-node-exporter",
  prometheus: "prometheus",
  grafana: "grafana-server",
  "jitsi-videobridge2": "jitsi-videobridge2",
  jicofo: "jicofo",
  prosody: "prosody",
  memcached: "memcached",
  "rabbitmq-server": "rabbitmq-server",
  "mongodb-org-server": "mongod",
  fail2ban: "fail2ban",
  chrony: "chrony",
  "nfs-kernel-server": "nfs-server",
  bind9: "named",
  squid: "squid",
  telegraf: "telegraf",
  influxdb2: "influxdb",
  caddy: "caddy",
  tomcat9: "tomcat9",
  "openssh-server": "ssh",
  "minetest-server": "minetest-server",
  "luanti-server": "luanti-server",
};

/** What a package pulls in (the parts that matter: units, Java, the web server). */
const DEPENDS: Record<string, string[]> = {
  nginx: ["nginx-common"],
  "jitsi-meet": ["jitsi-videobridge2", "jicofo", "jitsi-meet-web", "jitsi-meet-web-config", "jitsi-meet-prosody", "jitsi-meet-turnserver"],
  "jitsi-videobridge2": ["openjdk-17-jre-headless", "uuid-runtime"],
  jicofo: ["openjdk-17-jre-headless"],
  "jitsi-meet-web-config": ["nginx"],
  "jitsi-meet-prosody": ["prosody", "lua-sec"],
  "jitsi-meet-turnserver": ["coturn"],
  "openjdk-17-jre-headless": ["java-common", "ca-certificates-java"],
  prosody: ["lua5.4", "lua-expat", "lua-filesystem", "lua-socket"],
  "docker-ce": ["docker-ce-cli", "containerd.io"],
  "mongodb-org": ["mongodb-org-server", "mongodb-org-mongos", "mongodb-org-tools", "mongodb-mongosh"],
  "minetest-server": ["minetest-data"],
  "luanti-server": ["luanti-data"],
  "docker.io": ["containerd", "runc"],
};

/**
 * Download size (kB) and setup time (s at speed 1) of the heavy packages; others are small. Set so
 * that Jitsi Meet (about 20 packages with Java) installs in about 25 s at speed 1, nginx in 2.
 */
const WEIGHT: Record<string, [number, number]> = {
  "openjdk-17-jre-headless": [48_300, 3.5],
  "jitsi-videobridge2": [82_100, 2],
  jicofo: [41_600, 1.5],
  "jitsi-meet-web": [31_200, 0.8],
  "jitsi-meet-web-config": [60, 1.5],
  prosody: [1_400, 1],
  coturn: [1_500, 0.8],
  "ca-certificates-java": [12, 1],
  "docker-ce": [25_300, 3],
  "containerd.io": [29_400, 1.5],
  "mongodb-org-server": [39_700, 2],
  "minetest-data": [15_600, 0.8],
  "luanti-data": [16_900, 0.8],
  "minetest-server": [2_700, 0.8],
  grafana: [114_000, 3],
};

/**
 * On Ubuntu 25.04 Minetest is called Luanti; the old name is a transitional package. That
 * release's archive, and not the earlier ones', carries luanti-server.
 */
export function archiveRenames(pkg: string, host: Host): { missing: boolean; replacedBy?: string } {
  const major = Number(host.identity.os.versionId.split(".")[0]);
  const luanti = host.identity.os.id === "ubuntu" && major >= 25;
  if (pkg.startsWith("luanti") && !luanti) return { missing: true };
  if (pkg === "minetest-server" && luanti) return { missing: false, replacedBy: "luanti-server" };
  return { missing: false };
}

export function dependenciesOf(pkg: string, host: Host): string[] {
  const renamed = archiveRenames(pkg, host).replacedBy;
  return renamed ? [renamed] : (DEPENDS[pkg] ?? []);
}

/** The unit a package ships on this host (a transitional package ships none). */
export function unitOf(pkg: string, host: Host): string | undefined {
  return archiveRenames(pkg, host).replacedBy ? undefined : DAEMONS[pkg];
}

export function versionOf(pkg: string, codename: string): string {
  const h = createHash("sha256").update(pkg).digest();
  return `${1 + (h[0] % 9)}.${h[1] % 30}.${h[2] % 20}-${1 + (h[3] % 6)}${codename === "noble" ? "build" : "ubuntu"}${1 + (h[4] % 4)}`;
}

export function sizeKb(pkg: string): number {
  return WEIGHT[pkg]?.[0] ?? 40 + createHash("sha256").update(`size:${pkg}`).digest()[0] * 7;
}

/** Seconds (at speed 1) dpkg spends unpacking and configuring a package. */
export function setupSeconds(pkg: string): number {
  return WEIGHT[pkg]?.[1] ?? 0.4;
}

const NGINX_DEFAULT = `<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n</body>\n</html>\n`;

/** Files a package's installation leaves that other commands read (web roots, configuration). */
export function filesOf(pkg: string, host: Host): Record<string, string> {
  const jvbHost = host.state.debconf.get("jitsi-videobridge/jvb-hostname")?.value || host.identity.hostname;
  switch (pkg) {
    case "nginx-common":
      return { "/etc/nginx/nginx.conf": "user www-data;\nworker_processes auto;\npid /run/nginx.pid;\ninclude /etc/nginx/modules-enabled/*.conf;\n" };
    case "nginx":
      return { "/var/www/html/index.nginx-debian.html": NGINX_DEFAULT, "/etc/nginx/sites-enabled/default": "server {\n\tlisten 80 default_server;\n\troot /var/www/html;\n}\n" };
    case "apache2":
      return { "/var/www/html/index.html": "<!DOCTYPE html>\n<html>\n<head><title>Apache2 Ubuntu Default Page: It works</title></head>\n<body>It works!</body>\n</html>\n" };
    case "jitsi-meet-web-config":
      return {
        [`/etc/jitsi/meet/${jvbHost}-config.js`]: `var config = {\n    hosts: {\n        domain: '${jvbHost}',\n        muc: 'conference.${jvbHost}'\n    },\n};\n`,
        [`/etc/nginx/sites-available/${jvbHost}.conf`]: `server {\n    listen 80;\n    server_name ${jvbHost};\n    return 301 https://$host$request_uri;\n}\nserver {\n    listen 443 ssl;\n    server_name ${jvbHost};\n    ssl_certificate /etc/jitsi/meet/${jvbHost}.crt;\n}\n`,
        [`/etc/jitsi/meet/${jvbHost}.crt`]: "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n",
      };
    default:
      return {};
  }
}
