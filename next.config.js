/** @type {import('next').NextConfig} */
const nextConfig = {
  // better-sqlite3 is a native addon: load it from node_modules at run time, never bundle it.
  // highs loads its .wasm beside its own file: bundled into a server action it looks in the wrong place.
  // ssh2 loads its optional native crypto addon (sshcrypto.node) beside its own file, too.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "highs", "ssh2"],
  poweredByHeader: false,
  // Pages get their Content-Security-Policy (with a nonce) from proxy.ts; everything else is data, never a document to run.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          // SAMEORIGIN, not DENY: the guided demos (/demo) show the console's own pages in a frame.
          { key: "X-Frame-Options", value: "SAMEORIGIN" },
        ],
      },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
};

module.exports = nextConfig;
