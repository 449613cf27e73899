// Upload with a progress bar (XMLHttpRequest reports upload progress; fetch does not). Shop.Web answers JSON: the
// model (polygon count) or the problem in plain words; a failure never touches the order.
// The XMLHttpRequest instrumentation traces it under the submission's span (telemetry.js).
import { refreshLive } from "./live-status.js";
import { withOrder } from "./telemetry.js";
import { clearUploadPercent, showUploadPercent } from "./upload-percent.js";

export function upload(form) {
    const progress = form.querySelector("progress");
    const problem = form.querySelector("[data-testid=upload-problem]");
    const button = form.querySelector("button");
    problem.hidden = true;
    progress.value = 0;
    progress.hidden = false;
    showUploadPercent(form, 0);
    button.disabled = true;

    const request = new XMLHttpRequest();
    request.upload.addEventListener("progress", e => {
        if (e.lengthComputable) {
            progress.value = Math.round(100 * e.loaded / e.total);
            showUploadPercent(form, progress.value);
        }
    });
    request.addEventListener("load", () => {
        button.disabled = false;
        if (request.status >= 200 && request.status < 300) {
            progress.value = 100;
            refreshLive(true);
            return;
        }

        let message = "Something went wrong on our side. Nothing was lost; please try again.";
        try { message = JSON.parse(request.responseText).message || message; } catch { /* not JSON: keep the general message */ }
        progress.hidden = true;
        clearUploadPercent(form);
        problem.textContent = message;
        problem.hidden = false;
    });
    request.addEventListener("error", () => {
        button.disabled = false;
        progress.hidden = true;
        clearUploadPercent(form);
        problem.textContent = "The upload was interrupted. Please check your connection and try again.";
        problem.hidden = false;
    });
    // Opened and sent in the order's context, so the instrumentation's span carries order.id and the request its baggage.
    withOrder(form, () => {
        request.open("POST", form.action);
        request.setRequestHeader("Accept", "application/json");
        request.setRequestHeader("RequestVerificationToken", form.querySelector("input[name=__RequestVerificationToken]").value);
        request.send(new FormData(form));
    });
}
