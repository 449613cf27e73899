// Shop.Web renders every page on the server; this script adds only what a server-rendered page cannot do:
// upload progress, and following an order's status as it changes. Without it every form still works.
"use strict";

// Upload with a progress bar (XMLHttpRequest reports upload progress; fetch does not). Shop.Web answers JSON:
// the model (polygon count) or the problem in plain words; the order itself is never touched by a failure.
document.addEventListener("submit", event => {
    const form = event.target;
    if (!form.matches("form[data-upload]")) {
        return;
    }

    event.preventDefault();
    const progress = form.querySelector("progress");
    const problem = form.querySelector("[data-testid=upload-problem]");
    const button = form.querySelector("button");
    const request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.setRequestHeader("Accept", "application/json");
    request.setRequestHeader("RequestVerificationToken", form.querySelector("input[name=__RequestVerificationToken]").value);
    request.upload.addEventListener("progress", e => {
        if (e.lengthComputable) {
            progress.value = Math.round(100 * e.loaded / e.total);
        }
    });
    request.addEventListener("load", () => {
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
        button.disabled = false;
        progress.hidden = true;
        problem.textContent = "The upload was interrupted. Please check your connection and try again.";
        problem.hidden = false;
    });

    problem.hidden = true;
    progress.value = 0;
    progress.hidden = false;
    button.disabled = true;
    request.send(new FormData(form));
});

// Live status: every few seconds the page asks Shop.Web for itself again and swaps the order section in when
// the order changed (its data-version is the last change's time). It stops once the order is final.
const pollInterval = 2000;

async function refreshOrder(force) {
    const current = document.querySelector("[data-live-order]");
    if (!current) {
        return;
    }

    try {
        const response = await fetch(location.pathname, { headers: { Accept: "text/html" }, cache: "no-store" });
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
