/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and data files, and pdfjs-dist its worker, that must load from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "pdfjs-dist"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
