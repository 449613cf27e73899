// The browser's span of a user action. Shop.Web opens the span (BrowserActions) and gives its W3C traceparent,
// which goes with the request the click makes (https://www.w3.org/TR/trace-context/#traceparent-header), with the
// order's id as W3C baggage (https://www.w3.org/TR/baggage/); Shop.Web ends the span when the answer is in.
const actionsPath = "/telemetry/browser-actions";

export function antiforgeryHeaders(form) {
    const token = form.querySelector("input[name=__RequestVerificationToken]");
    return token ? { RequestVerificationToken: token.value } : {};
}

export async function openAction(form) {
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

export function endAction(form, action, status) {
    if (action) {
        fetch(actionsPath + "/end", {
            method: "POST",
            keepalive: true,
            headers: { "Content-Type": "application/json", ...antiforgeryHeaders(form) },
            body: JSON.stringify({ spanId: action.spanId, status }),
        }).catch(() => { /* the span ends by itself after a while */ });
    }
}

export function traceHeaders(form, action) {
    const headers = {};
    if (action) {
        headers.traceparent = action.traceParent;
    }
    if (form.dataset.orderId) {
        headers.baggage = "order.id=" + form.dataset.orderId;
    }
    return headers;
}
