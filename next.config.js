/** @type {import('next').NextConfig} */
const nextConfig = {
  // better-sqlite3 is a native addon: load it from node_modules at run time, never bundle it.
  // highs loads its .wasm beside its own file: bundled into a server action it looks in the wrong place.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "highs"],
  poweredByHeader: false,
};

module.exports = nextConfig;
