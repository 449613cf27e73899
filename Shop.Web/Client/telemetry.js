// The browser's spans, from the OpenTelemetry JS SDK (https://opentelemetry.io/docs/languages/js/getting-started/browser/):
// a span for each click and form submission (user-interaction instrumentation), under it a span for each request it
// makes (fetch, XMLHttpRequest), whose W3C traceparent goes with the request, to this origin only (the instrumentations
// add it to other origins only when propagateTraceHeaderCorsUrls names them, and nothing here does), so Shop.Web's spans
// are its children and the order's trace starts at the customer's click. The spans are exported as OTLP/HTTP JSON to
// Shop.Web itself (BrowserTelemetryEndpoints), which relays them through the same sampler, scrubber and exporters as
// every other span: no collector has to be reachable from the browser, and nothing bypasses sanitization.
// Shop.Web gives signed-in pages their settings (Components/Shared/BrowserTelemetry.razor); without them (signed out)
// nothing is traced in the browser.
import { context, propagation } from "@opentelemetry/api";
import { ZoneContextManager } from "@opentelemetry/context-zone";
import { CompositePropagator, suppressTracing, W3CBaggagePropagator, W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { registerInstrumentations } from "@opentelemetry/instrumentation";
import { FetchInstrumentation } from "@opentelemetry/instrumentation-fetch";
import { UserInteractionInstrumentation } from "@opentelemetry/instrumentation-user-interaction";
import { XMLHttpRequestInstrumentation } from "@opentelemetry/instrumentation-xml-http-request";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, ParentBasedSampler } from "@opentelemetry/sdk-trace-base";
import { WebTracerProvider } from "@opentelemetry/sdk-trace-web";
import { formOf, formRequest, OrderRootSampler } from "./sampling.js";

const orderIdKey = "order.id";

export function startTelemetry() {
    const meta = document.querySelector("meta[name=alexandrite-telemetry]");
    if (!meta) {
        return;
    }

    const settings = JSON.parse(meta.content);
    const exporter = new OTLPTraceExporter({
        url: settings.traces,
        headers: { RequestVerificationToken: settings.token },
    });
    const provider = new WebTracerProvider({
        // The relay keeps none of the page's resource: its spans become Shop.Web's (scope Alexandrite.Browser).
        resource: resourceFromAttributes({ "service.name": "shop-web-browser" }),
        sampler: new ParentBasedSampler({ root: new OrderRootSampler(settings.ratio, settings.forced) }),
        spanProcessors: [
            new OrderIdProcessor(),
            // Within the relay's limits (BrowserTelemetryOptions: 128 spans a request); a click's spans usually go together.
            new BatchSpanProcessor(exporter, { maxExportBatchSize: 64, scheduledDelayMillis: 1000 }),
        ],
    });
    provider.register({
        contextManager: new ZoneContextManager(),
        propagator: new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }),
    });

    // The export itself is never traced (the batch processor also suppresses tracing while it exports).
    const ignoreUrls = [new RegExp(settings.traces.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "$")];
    registerInstrumentations({
        tracerProvider: provider,
        instrumentations: [
            new UserInteractionInstrumentation({
                eventNames: ["click", "submit"],
                shouldPreventSpanCreation: (_eventType, element, span) => {
                    describeAction(element, span);
                    return false;
                },
            }),
            new FetchInstrumentation({ ignoreUrls, clearTimingResources: true }),
            new XMLHttpRequestInstrumentation({ ignoreUrls, clearTimingResources: true }),
        ],
    });

    // Leaving the page (or hiding it) sends what is still buffered.
    document.addEventListener("visibilitychange", () => {
        if (document.visibilityState === "hidden") {
            provider.forceFlush();
        }
    });
}

// Runs `request` with no span at all, even inside a click's trace (the refresh after an upload runs in the upload's):
// following a page is not a user action.
export function untraced(request) {
    return context.with(suppressTracing(context.active()), request);
}

// Runs `request` with the form's order id as W3C baggage (https://www.w3.org/TR/baggage/): it goes with the request
// (the services put it on their spans) and onto the browser's spans (OrderIdProcessor).
export function withOrder(form, request) {
    const orderId = form.dataset.orderId;
    if (!orderId) {
        return request();
    }

    const baggage = (propagation.getBaggage(context.active()) ?? propagation.createBaggage()).setEntry(orderIdKey, { value: orderId });
    return context.with(propagation.setBaggage(context.active(), baggage), request);
}

// The click's or submission's span says which form it posts (the relay names it after the route) and for which order.
function describeAction(element, span) {
    const form = formOf(element);
    const request = formRequest(form);
    if (request) {
        const [method, path] = request.split(" ");
        span.setAttribute("http.request.method", method);
        span.setAttribute("url.path", path);
    }
    if (form?.dataset.orderId) {
        span.setAttribute(orderIdKey, form.dataset.orderId);
    }
}

// order.id on every browser span of an order: from the baggage of the context it starts in (withOrder).
class OrderIdProcessor {
    onStart(span, parentContext) {
        const entry = propagation.getBaggage(parentContext)?.getEntry(orderIdKey);
        if (entry) {
            span.setAttribute(orderIdKey, entry.value);
        }
    }

    onEnd() {}

    forceFlush() {
        return Promise.resolve();
    }

    shutdown() {
        return Promise.resolve();
    }
}
