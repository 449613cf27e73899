// Following an order's status as it changes: every few seconds the page asks Shop.Web for itself again and swaps
// the order section in when the order changed (its data-version is the last change's time). It stops once the
// order is final. Not traced (the header asks every service not to record it): polling is not a user action.
const pollInterval = 2000;

export async function refreshOrder(force) {
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

export function followOrder() {
    setInterval(() => {
        const order = document.querySelector("[data-live-order]");
        if (order && order.dataset.final !== "true") {
            refreshOrder(false);
        }
    }, pollInterval);
}
