// Pages that show orders follow them as they change, pushed by Shop.Web as server-sent events
// (https://html.spec.whatwg.org/multipage/server-sent-events.html): the page names its stream in data-live-changes
// and marks what changes with data-live="name". On a change the page fetches itself again and swaps in its live
// sections, as they are now. Nothing is polled: an idle page holds one open stream and sends nothing. Neither the
// stream (Accept: text/event-stream) nor the refreshes (the header; no browser span either) are traced: following a
// page is not a user action.
import { untraced } from "./telemetry.js";

const debounceMilliseconds = 100;
const retryMilliseconds = [2000, 5000, 15000, 30000];
const followUpMilliseconds = [500, 1000, 2000, 4000];

let pending = null;
let refreshing = null;

// Fetches the page and swaps in each live section that changed. While an upload is in progress its section stays
// (the progress bar would vanish); the upload refreshes it when it ends (force).
export async function refreshLive(force) {
    try {
        const response = await untraced(() => fetch(location.pathname + location.search, {
            headers: { Accept: "text/html", "X-Alexandrite-Trace": "never" },
            cache: "no-store",
        }));
        if (!response.ok) {
            return;
        }

        const page = new DOMParser().parseFromString(await response.text(), "text/html");
        for (const current of document.querySelectorAll("[data-live]")) {
            const fresh = page.querySelector(`[data-live="${CSS.escape(current.dataset.live)}"]`);
            const uploading = current.querySelector("progress:not([hidden])") && !force;
            if (fresh && !uploading && (force || content(fresh) !== content(current))) {
                swap(current, fresh);
            }
        }
        document.dispatchEvent(new CustomEvent("live:refreshed"));
    } catch {
        // Shop.Web unreachable for a moment: the next change, or the stream's reconnection, refreshes again.
    }
}

// A section's markup without its antiforgery tokens, which differ at every rendering: what the user would see.
function content(section) {
    const copy = section.cloneNode(true);
    copy.querySelectorAll("input[name=__RequestVerificationToken]").forEach(token => token.remove());
    return copy.innerHTML;
}

// Replaces a section, keeping what the user was typing in it (a rejection's reason) and where the focus was.
function swap(current, fresh) {
    const typed = [...current.querySelectorAll("input[name]:not([type=hidden]):not([type=file]), textarea[name]")]
        .filter(input => input.value)
        .map(input => ({ key: fieldKey(input), value: input.value }));
    const focused = current.contains(document.activeElement) ? fieldKey(document.activeElement) : null;
    const replacement = document.importNode(fresh, true);
    current.replaceWith(replacement);
    for (const { key, value } of typed) {
        const input = findField(replacement, key);
        if (input) {
            input.value = value;
        }
    }
    if (focused) {
        findField(replacement, focused)?.focus();
    }
}

function fieldKey(element) {
    return { order: element.closest("[data-order]")?.dataset.order ?? "", name: element.getAttribute?.("name") ?? "" };
}

function findField(root, key) {
    const scope = key.order ? root.querySelector(`[data-order="${CSS.escape(key.order)}"]`) : root;
    return key.name ? scope?.querySelector(`[name="${CSS.escape(key.name)}"]`) : null;
}

// Several changes in a moment (an order priced and approved in one transaction) make one refresh; a change that
// arrives while a refresh is under way makes one more after it.
function scheduleRefresh() {
    clearTimeout(pending);
    pending = setTimeout(async () => {
        await refreshing;
        refreshing = refreshLive(false);
    }, debounceMilliseconds);
}

// A section may list what lands in it a moment after the Shop DB's change (data-live-awaits): the operator queue
// lists MES's jobs, and MES queues an approved order only once the approval's message reaches it. After such a
// change the page looks again a few times, less and less often, until the order's row is there; then it stops.
async function awaitRow(data) {
    let change;
    try {
        change = JSON.parse(data);
    } catch {
        return;
    }

    const missing = () => [...document.querySelectorAll("[data-live-awaits]")].some(section =>
        section.dataset.liveAwaits.split(" ").includes(change.status)
        && !section.querySelector(`[data-order="${CSS.escape(String(change.orderId))}"]`));
    for (const delay of followUpMilliseconds) {
        await new Promise(resolve => setTimeout(resolve, delay));
        if (!missing()) {
            return;
        }
        await refreshLive(false);
    }
}

function isFinal() {
    const sections = [...document.querySelectorAll("[data-live]")];
    return sections.length > 0 && sections.every(section => section.dataset.final === "true");
}

// The browser reconnects a stream that ended by itself; one refused (signed out, Shop.Web restarting) is tried again
// here, less and less often. Every reconnection refreshes the page: changes may have passed meanwhile. A form's
// answer replaces the whole body (forms.js): the page then follows the stream the new body names, if any.
export function followChanges() {
    let current = null;
    const follow = () => {
        const url = document.querySelector("[data-live-changes]")?.dataset.liveChanges ?? null;
        const wanted = url && !isFinal() ? url : null;
        if (current?.url === wanted) {
            return;
        }
        current?.close();
        current = wanted ? open(wanted) : null;
        if (!current) {
            delete document.documentElement.dataset.live;
        }
    };

    new MutationObserver(follow).observe(document.documentElement, { childList: true });
    document.addEventListener("live:refreshed", follow);
    follow();
}

function open(url) {
    let source = null;
    let retry = null;
    let attempt = 0;
    let opened = false;
    let closed = false;
    const connect = () => {
        source = new EventSource(url);
        source.addEventListener("ready", () => {
            if (opened) {
                scheduleRefresh();
            }
            opened = true;
            attempt = 0;
            document.documentElement.dataset.live = "connected";
        });
        source.addEventListener("change", event => {
            scheduleRefresh();
            awaitRow(event.data);
        });
        source.addEventListener("refresh", scheduleRefresh);
        source.addEventListener("error", () => {
            document.documentElement.dataset.live = "reconnecting";
            if (source.readyState === EventSource.CLOSED && !closed) {
                retry = setTimeout(connect, retryMilliseconds[Math.min(attempt++, retryMilliseconds.length - 1)]);
            }
        });
    };
    connect();
    return {
        url,
        close() {
            closed = true;
            clearTimeout(retry);
            source.close();
        },
    };
}
