package io.seqpipe.tasks.forecast;

import io.seqpipe.forecast.QuantileEvaluation;
import io.seqpipe.forecast.QuantileMetrics;
import io.seqpipe.report.ReportPage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How evaluate reports a quantile forecaster's errors ({@link QuantileEvaluation}): the flat metrics of the history,
 * the {@value #SECTION} section of {@code metrics.json}, the console lines and the report table.
 */
final class QuantileReporting {
    /** The section of metrics.json. */
    static final String SECTION = "quantiles";
    /** The id of report.html's quantile table. */
    static final String TABLE_ID = "forecast-quantiles";

    private QuantileReporting() {
    }

    /**
     * {@code pinball.mean}, {@code pinball.<level>} per level and {@code coverage.<lower>-<upper>} per central
     * interval (e.g. {@code pinball.0.1}, {@code coverage.0.1-0.9}), each after {@code prefix}.
     */
    static Map<String, Double> flat(String prefix, QuantileMetrics m) {
        Map<String, Double> flat = new LinkedHashMap<>();
        flat.put(prefix + "pinball.mean", m.meanPinball());
        m.pinball().forEach((level, loss) -> flat.put(prefix + "pinball." + level, loss));
        m.intervals().forEach((interval, c) -> flat.put(prefix + "coverage." + interval, c.coverage()));
        return flat;
    }

    /** {@code levels}, {@code pointForecast} (the level) and per target {@code overall} and {@code perStep}. */
    static Map<String, Object> json(QuantileEvaluation q) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("levels", q.levels().levels());
        json.put("pointForecast", q.levels().level(q.levels().medianIndex()));
        json.put("nonCrossing", "the levels' forecasts are sorted at every step and target");
        Map<String, Object> targets = new LinkedHashMap<>();
        q.report().forEach((target, t) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("overall", t.overall());
            m.put("perStep", t.perStep());
            targets.put(target, m);
        });
        json.put("targets", targets);
        return json;
    }

    /** One console line per target: the mean pinball loss and each interval's coverage against its nominal. */
    static List<String> lines(QuantileEvaluation q) {
        List<String> lines = new ArrayList<>();
        q.report().forEach((target, t) -> {
            QuantileMetrics m = t.overall();
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %s quantiles %s: mean pinball %.4f",
                    target, q.levels().levels(), m.meanPinball()));
            m.intervals().forEach((interval, c) -> line.append(String.format(Locale.ROOT,
                    "; %s holds %.1f %% (nominal %.0f %%)", interval, 100 * c.coverage(), 100 * c.nominal())));
            lines.add(line.toString());
        });
        return lines;
    }

    /** The report's table: per target and level, the pinball loss, the fraction below, and interval coverage. */
    static void section(ReportPage page, QuantileEvaluation q) {
        page.heading("Quantile forecasts (all test windows)");
        page.note("Pinball loss per quantile level in original units (lower is better); the fraction of actuals at"
                + " or below each level's forecast (a calibrated level q holds q); and each central interval's"
                + " coverage against its nominal level.");
        List<List<String>> rows = new ArrayList<>();
        q.report().forEach((target, t) -> {
            QuantileMetrics m = t.overall();
            m.pinball().forEach((level, loss) -> rows.add(List.of(target, "q" + level, ReportPage.number(loss),
                    ReportPage.number(m.below().get(level)), "", "")));
            rows.add(List.of(target, "mean", ReportPage.number(m.meanPinball()), "", "", ""));
            m.intervals().forEach((interval, c) -> rows.add(List.of(target, "interval " + interval, "", "",
                    ReportPage.number(c.nominal()), ReportPage.number(c.coverage()))));
        });
        page.table(TABLE_ID, List.of("target", "forecast", "pinball", "fraction below", "nominal coverage",
                "coverage"), rows);
    }
}
