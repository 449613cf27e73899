// The upload's progress in words beside the bar ("Uploading cube.stl: 40 %"), in a status region so screen readers
// say it too. Said in steps of 10 %, so a reader is not interrupted by every percent a fast connection goes through.
const step = 10;

export function showUploadPercent(form, percent) {
    const text = form.querySelector("[data-upload-percent]");
    if (!text) {
        return;
    }

    const said = percent >= 100 ? 100 : Math.floor(percent / step) * step;
    if (text.dataset.said === String(said)) {
        return;
    }

    text.dataset.said = String(said);
    const file = form.querySelector("input[type=file]")?.files?.[0]?.name ?? "your model";
    text.textContent = said >= 100 ? `Uploaded ${file}: 100 %. Reading the model…` : `Uploading ${file}: ${said} %`;
}

export function clearUploadPercent(form) {
    const text = form.querySelector("[data-upload-percent]");
    if (text) {
        delete text.dataset.said;
        text.textContent = "";
    }
}
