// Bundles Shop.Web's front end into wwwroot/dist: Client/app.js (and what it imports from npm) into app.js, and
// Client/styles/app.css (Pico CSS, https://picocss.com, and the shop's own rules) into app.css. Shop.Web.csproj
// runs it before every build whose inputs changed, so the pages never depend on a CDN. Node >= 18.
// Code splitting: what app.js imports with import() (the order page's 3D preview and three.js) goes into chunks/,
// downloaded only by the pages that use it (https://esbuild.github.io/api/#splitting; it needs format "esm").
import { build } from "esbuild";
import { rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

// Chunk names carry a content hash: drop the last build's, or they pile up in wwwroot.
await rm(new URL("../wwwroot/dist/chunks", import.meta.url), { recursive: true, force: true });

await build({
    absWorkingDir: root,
    entryPoints: ["Client/app.js", "Client/styles/app.css"],
    entryNames: "[name]",
    chunkNames: "chunks/[name]-[hash]",
    splitting: true,
    outdir: "wwwroot/dist",
    bundle: true,
    minify: true,
    sourcemap: "linked",
    format: "esm",
    target: ["es2022"],
    legalComments: "linked",
    logLevel: "warning",
});
