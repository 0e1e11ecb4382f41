import { z } from "zod";

// Runs in the browser before the app's own code. Zod compiles object parsers with `new Function` where it may, and
// finds out by trying it once as the first schema is built; the page's CSP forbids eval, so that probe would be
// reported as a violation on every tree page. The browser parses little, so the interpreted parsers cost nothing.
z.config({ jitless: true });
