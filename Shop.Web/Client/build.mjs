// Bundles Shop.Web's front end into wwwroot/dist: Client/app.js (and what it imports from npm) into app.js, and
// Client/styles/app.css (Pico CSS, https://picocss.com, and the shop's own rules) into app.css. Shop.Web.csproj
// runs it before every build whose inputs changed, so the pages never depend on a CDN. Node >= 18.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

await build({
    absWorkingDir: root,
    entryPoints: ["Client/app.js", "Client/styles/app.css"],
    entryNames: "[name]",
    outdir: "wwwroot/dist",
    bundle: true,
    minify: true,
    sourcemap: "linked",
    format: "esm",
    target: ["es2022"],
    legalComments: "linked",
    logLevel: "warning",
});
