// The page's head sampling, which must agree with the services' (ServiceDefaults/Telemetry/OrderSampler.cs): a new
// trace (the user's click) is kept when its form's "METHOD /path" starts with a forced operation (or its span's name
// is one), or by ratio on the trace id with exactly OpenTelemetry .NET's TraceIdRatioBasedSampler algorithm, so the
// browser and Shop.Web's relay (BrowserSpanRelay, which decides again and is the one that counts) reach the same
// decision for the same trace id. A span inside a trace follows its parent (ParentBasedSampler, in telemetry.js).
// A request the page makes by itself (not in a click's trace) starts no recorded trace: it still sends a traceparent
// (flags 00), so the services record without exporting it, and the error keeper can still keep it.
import { SamplingDecision } from "@opentelemetry/sdk-trace-base";

const maxLong = (1n << 63n) - 1n;

// OpenTelemetry .NET's TraceIdRatioBasedSampler as of the 1.20 packages the services run
// (https://github.com/open-telemetry/opentelemetry-dotnet/blob/main/src/OpenTelemetry/Trace/Sampler/TraceIdRatioBasedSampler.cs):
// the trace id's first 8 bytes, big-endian, with the sign bit cleared, below ratio * long.MaxValue (computed in doubles
// and truncated, as the C# cast does; 0 and 1 special-cased). Not the JS SDK's TraceIdRatioBasedSampler, which reads
// the id differently and so would decide otherwise for the same trace. BrowserSamplingTests (unit tests) runs this
// against the .NET sampler, so a change on either side shows.
export function keptByRatio(traceId, ratio) {
    const bound = ratio <= 0 ? -(1n << 63n) : ratio >= 1 ? maxLong : BigInt(Math.trunc(ratio * 9223372036854775807));
    return (BigInt("0x" + traceId.slice(0, 16)) & maxLong) < bound;
}

// The form a user-interaction span is about, from the element's XPath the instrumentation puts on the span.
export function formOf(element) {
    return element instanceof Element ? element.closest("form") : null;
}

export function formRequest(form) {
    return form ? `${form.method.toUpperCase()} ${new URL(form.action, location.href).pathname}` : null;
}

export class OrderRootSampler {
    constructor(ratio, forcedOperations) {
        this.ratio = ratio;
        this.forced = forcedOperations;
    }

    shouldSample(_context, traceId, spanName, _spanKind, attributes) {
        const xpath = attributes["target_xpath"];
        if (typeof xpath !== "string") {
            return { decision: SamplingDecision.NOT_RECORD }; // Not a user action.
        }

        const element = document.evaluate(xpath, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue;
        const request = formRequest(formOf(element));
        const forced = this.forced.some(operation => operation === spanName
            || (request !== null && request.toLowerCase().startsWith(operation.toLowerCase())));
        return { decision: forced || keptByRatio(traceId, this.ratio) ? SamplingDecision.RECORD_AND_SAMPLED : SamplingDecision.NOT_RECORD };
    }

    toString() {
        return `OrderRootSampler{ratio=${this.ratio}}`;
    }
}
