// Upload with a progress bar (XMLHttpRequest reports upload progress; fetch does not). Shop.Web answers JSON: the
// model (polygon count) or the problem in plain words; a failure never touches the order.
import { endAction, openAction, traceHeaders } from "./browser-actions.js";
import { refreshLive } from "./live-status.js";

export async function upload(form) {
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
            refreshLive(true);
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
