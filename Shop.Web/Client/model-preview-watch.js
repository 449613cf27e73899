// Finds the order page's 3D preview figures ([data-model-preview], Components/Shared/ModelPreview.razor) and shows
// each with model-preview.js, imported only when a page has one: esbuild puts it and three.js in a chunk of their
// own, so no other page downloads them. The order's live section is replaced when the order changes (a new model,
// a new status), so a MutationObserver watches for figures that appear (drawn anew, the file is fetched once) and
// ones that go (their WebGL context is released: a browser allows only a few at a time).
const previews = new Map();
let renderer;

function scan() {
    for (const [figure, preview] of previews) {
        if (!figure.isConnected) {
            previews.delete(figure);
            preview.then(shown => shown?.dispose());
        }
    }

    for (const figure of document.querySelectorAll("[data-model-preview]")) {
        if (!previews.has(figure)) {
            renderer ??= import("./model-preview.js");
            previews.set(figure, renderer.then(module => module.showModel(figure), () => failed(figure)));
        }
    }
}

function failed(figure) {
    const status = figure.querySelector("[data-preview-status]");
    if (status) {
        status.textContent = "The 3D preview could not be loaded. Reload the page to try again.";
    }

    figure.dataset.previewState = "failed";

    renderer = undefined;
    return null;
}

export function watchModelPreviews() {
    scan();
    new MutationObserver(scan).observe(document.body, { childList: true, subtree: true });
}
