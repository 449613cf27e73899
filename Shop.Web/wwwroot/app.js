// Shop.Web renders every page on the server; this script adds what a server-rendered page cannot do by itself:
// the browser's span of each form the user submits (so an order's trace starts at the click), upload progress,
// and following an order's status as it changes. Without it every form still works, untraced.
"use strict";

// --- The browser's span of a user action -------------------------------------------------------------------
// Shop.Web opens the span (BrowserActions) and gives its W3C traceparent, which goes with the request the click
// makes (https://www.w3.org/TR/trace-context/#traceparent-header), with the order's id as W3C baggage
// (https://www.w3.org/TR/baggage/); Shop.Web ends the span when the answer is in.
const actionsPath = "/telemetry/browser-actions";

function antiforgeryHeaders(form) {
    const token = form.querySelector("input[name=__RequestVerificationToken]");
    return token ? { RequestVerificationToken: token.value } : {};
}

async function openAction(form) {
    try {
        const response = await fetch(actionsPath, {
            method: "POST",
            headers: { "Content-Type": "application/json", ...antiforgeryHeaders(form) },
            body: JSON.stringify({ path: new URL(form.action, location.href).pathname, orderId: form.dataset.orderId || null }),
            signal: AbortSignal.timeout(2000),
        });
        return response.status === 200 ? await response.json() : null;
    } catch {
        return null; // No span (Shop.Web slow or refusing): the action goes on untraced.
    }
}

function endAction(form, action, status) {
    if (action) {
        fetch(actionsPath + "/end", {
            method: "POST",
            keepalive: true,
            headers: { "Content-Type": "application/json", ...antiforgeryHeaders(form) },
            body: JSON.stringify({ spanId: action.spanId, status }),
        }).catch(() => { /* the span ends by itself after a while */ });
    }
}

function traceHeaders(form, action) {
    const headers = {};
    if (action) {
        headers.traceparent = action.traceParent;
    }
    if (form.dataset.orderId) {
        headers.baggage = "order.id=" + form.dataset.orderId;
    }
    return headers;
}

// --- Forms -------------------------------------------------------------------------------------------------
// A submitted form is posted with fetch (so it can carry the trace headers); the page the server answers with,
// after its redirect, replaces this one, as a normal form post would.
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
    const action = await openAction(form);
    try {
        const response = await fetch(form.action, { method: "POST", body, headers: traceHeaders(form, action) });
        endAction(form, action, response.status);
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
        endAction(form, action, 0);
        say(form, "We could not reach the shop. Please check your connection and try again.");
    } finally {
        delete form.dataset.busy;
    }
});

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

// --- Upload with a progress bar (XMLHttpRequest reports upload progress; fetch does not) -------------------
// Shop.Web answers JSON: the model (polygon count) or the problem in plain words; a failure never touches the order.
async function upload(form) {
    const progress = form.querySelector("progress");
    const problem = form.querySelector("[data-testid=upload-problem]");
    const button = form.querySelector("button");
    problem.hidden = true;
    progress.value = 0;
    progress.hidden = false;
    button.disabled = true;

    const action = await openAction(form);
    const request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.setRequestHeader("Accept", "application/json");
    request.setRequestHeader("RequestVerificationToken", form.querySelector("input[name=__RequestVerificationToken]").value);
    for (const [name, value] of Object.entries(traceHeaders(form, action))) {
        request.setRequestHeader(name, value);
    }
    request.upload.addEventListener("progress", e => {
        if (e.lengthComputable) {
            progress.value = Math.round(100 * e.loaded / e.total);
        }
    });
    request.addEventListener("load", () => {
        endAction(form, action, request.status);
        button.disabled = false;
        if (request.status >= 200 && request.status < 300) {
            progress.value = 100;
            refreshOrder(true);
            return;
        }

        let message = "Something went wrong on our side. Nothing was lost; please try again.";
        try { message = JSON.parse(request.responseText).message || message; } catch { /* not JSON: keep the general message */ }
        progress.hidden = true;
        problem.textContent = message;
        problem.hidden = false;
    });
    request.addEventListener("error", () => {
        endAction(form, action, 0);
        button.disabled = false;
        progress.hidden = true;
        problem.textContent = "The upload was interrupted. Please check your connection and try again.";
        problem.hidden = false;
    });
    request.send(new FormData(form));
}

// --- Live status ---------------------------------------------------------------------------------------------
// Every few seconds the page asks Shop.Web for itself again and swaps the order section in when the order changed
// (its data-version is the last change's time). It stops once the order is final. Not traced (the header asks
// every service not to record it): polling is not a user action.
const pollInterval = 2000;

async function refreshOrder(force) {
    const current = document.querySelector("[data-live-order]");
    if (!current) {
        return;
    }

    try {
        const response = await fetch(location.pathname, {
            headers: { Accept: "text/html", "X-Alexandrite-Trace": "never" },
            cache: "no-store",
        });
        if (!response.ok) {
            return;
        }

        const page = new DOMParser().parseFromString(await response.text(), "text/html");
        const fresh = page.querySelector("[data-live-order]");
        const uploading = current.querySelector("progress:not([hidden])") && !force;
        if (fresh && !uploading && (force || fresh.dataset.version !== current.dataset.version)) {
            current.replaceWith(document.importNode(fresh, true));
        }
    } catch {
        // Shop.Web unreachable for a moment: try again at the next tick.
    }
}

setInterval(() => {
    const order = document.querySelector("[data-live-order]");
    if (order && order.dataset.final !== "true") {
        refreshOrder(false);
    }
}, pollInterval);

// Back and forward after a form's page replaced this one: load the address for real.
window.addEventListener("popstate", () => location.reload());
