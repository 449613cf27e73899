// Shop.Web renders every page on the server; this script adds what a server-rendered page cannot do by itself:
// the browser's span of each form the user submits (so an order's trace starts at the click), upload progress,
// and following orders as they change (pushed by the server, never polled). Without it every form still works, untraced.
// Bundled by build.mjs into wwwroot/dist/app.js.
import { postFormsWithFetch } from "./forms.js";
import { followChanges } from "./live-status.js";

postFormsWithFetch();
followChanges();
