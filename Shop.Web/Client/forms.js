// A submitted form is posted with fetch (so the OpenTelemetry fetch instrumentation traces it under the submission's
// span and sends its traceparent, with the order's id as baggage: telemetry.js); the page the server answers with,
// after its redirect, replaces this one, as a normal form post would.
import { withOrder } from "./telemetry.js";
import { upload } from "./upload.js";

export function postFormsWithFetch() {
    document.addEventListener("submit", async event => {
        const form = event.target;
        if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== "post") {
            return;
        }

        event.preventDefault();
        if (form.matches("[data-upload]")) {
            upload(form);
            return;
        }

        if (form.dataset.busy) {
            return; // Already on its way: one click, one request.
        }

        form.dataset.busy = "true";
        const body = new FormData(form, event.submitter);
        try {
            // Started here, in the submission's span (the context manager keeps it only up to the first await).
            const response = await withOrder(form, () => fetch(form.action, { method: "POST", body }));
            if ((response.headers.get("Content-Type") || "").startsWith("text/html")) {
                await show(response);
            } else if (response.status === 429) {
                // Too many failed sign-ins: the problem's detail says, in plain words, how long to wait.
                const problem = await response.json().catch(() => ({}));
                say(form, problem.detail || "Too many attempts. Please wait a few minutes and try again.");
            } else {
                say(form, "That did not work: the page may be out of date. Please reload it and try again.");
            }
        } catch {
            say(form, "We could not reach the shop. Please check your connection and try again.");
        } finally {
            delete form.dataset.busy;
        }
    });

    // Back and forward after a form's page replaced this one: load the address for real.
    window.addEventListener("popstate", () => location.reload());
}

// The page the server answered with replaces this one, at the address it came from (after a redirect).
async function show(response) {
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    if (response.redirected && response.url !== location.href) {
        history.pushState(null, "", response.url);
    }
    document.title = page.title;
    document.body.replaceWith(document.importNode(page.body, true));
    window.scrollTo(0, 0);
}

function say(form, message) {
    const problem = document.createElement("p");
    problem.className = "error";
    problem.setAttribute("role", "alert");
    problem.textContent = message;
    form.before(problem);
}
