package io.seqpipe.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/** The flat metrics a {@code metrics.json} holds under {@code metrics}, read back as numbers ("NaN" → NaN). */
public final class WrittenMetrics {
    private WrittenMetrics() {
    }

    /** {@code json}: a whole {@code metrics.json} as read by {@code Json.readMap}. */
    public static Map<String, Double> of(Map<String, Object> json) {
        Map<String, Double> out = new LinkedHashMap<>();
        ((Map<?, ?>) json.get("metrics")).forEach((k, v) -> out.put(k.toString(),
                v instanceof Number n ? n.doubleValue() : "NaN".equals(v) ? Double.NaN : null));
        return out;
    }
}
