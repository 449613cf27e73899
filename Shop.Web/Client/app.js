// Shop.Web renders every page on the server; this script adds what a server-rendered page cannot do by itself:
// the browser's spans (OpenTelemetry JS: an order's trace starts at the customer's click), upload progress,
// and following orders as they change (pushed by the server, never polled). Without it every form still works, untraced.
// Bundled by build.mjs into wwwroot/dist/app.js.
import { startTelemetry } from "./telemetry.js";
import { postFormsWithFetch } from "./forms.js";
import { followChanges } from "./live-status.js";
import { watchModelPreviews } from "./model-preview-watch.js";

startTelemetry(); // First: its instrumentations must be in place before the other modules add listeners.
postFormsWithFetch();
followChanges();
watchModelPreviews();
