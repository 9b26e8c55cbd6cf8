/**
 * The browser-side defences of the console's pages. Scripts run only with this response's nonce
 * (Next.js puts it on its own scripts) and what those load ('strict-dynamic'); styles allow inline
 * attributes, which Leaflet and React set on elements; images may be data/blob URLs (the offline
 * basemap, chart exports) and the configured tile server; no other site may frame the console (the console may: the guided demos show its pages in a frame).
 */
export function pageContentSecurityPolicy(nonce: string, tileUrl?: string): string {
  let tiles = "";
  if (tileUrl) {
    try {
      // `{s}` subdomains: any subdomain of the tile host.
      const u = new URL(tileUrl.replace(/\{s\}\./, "sub."));
      tiles = ` ${u.protocol}//${u.hostname.startsWith("sub.") ? `*.${u.hostname.slice(4)}` : u.host}`;
    } catch {
      // an unparsable template draws no tiles anyway
    }
  }
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${tiles}`,
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    // Only the console itself may frame its pages (the guided demos' stage); no other site.
    "frame-ancestors 'self'",
  ].join("; ");
}

/** HSTS, only when the console is reached over HTTPS (directly, or behind a proxy that says so). */
export function strictTransportSecurity(headers: Headers, url: URL, publicUrl?: string): string | null {
  const proto = headers.get("x-forwarded-proto")?.split(",")[0].trim() ?? url.protocol.replace(":", "");
  return proto === "https" || publicUrl?.startsWith("https://") ? "max-age=31536000; includeSubDomains" : null;
}
