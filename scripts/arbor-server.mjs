// The server Arbor runs in production (npm start, the container's CMD): Next's standalone server, with Arbor's
// defaults. It listens on HOST (127.0.0.1 unless told otherwise) and PORT, keeps its data where ARBOR_DATA_DIR says
// relative to where it was started (not inside the build), and leaves SIGTERM to Arbor's graceful shutdown.
// `npm run build` copies this file to .next/standalone/arbor-server.mjs.
import { createRequire } from "node:module";
import path from "node:path";

process.env.HOSTNAME = process.env.HOST || "127.0.0.1";
process.env.PORT ||= "3000";
process.env.ARBOR_DATA_DIR = path.resolve(process.env.ARBOR_DATA_DIR || ".arbor");
process.env.NEXT_MANUAL_SIG_HANDLE = "true";

const shown = process.env.HOSTNAME === "0.0.0.0" || process.env.HOSTNAME === "::" ? "127.0.0.1" : process.env.HOSTNAME;
console.log(`Arbor: http://${shown}:${process.env.PORT} (listening on ${process.env.HOSTNAME})`);
createRequire(import.meta.url)("./server.js");
