package io.seqpipe.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code comparison.html} of {@code seqpipe report --runs}: the runs, their metrics side by side (the best value
 * of each row marked), the learning curves overlaid (training loss, validation metric; one line per run), the config
 * keys whose values differ and each run's evaluations in its metrics history. One self-contained page
 * ({@link ReportPage}).
 */
public final class ComparisonPage {
    public static final String METRICS_TABLE_ID = "metrics";
    public static final String TRAINING_LOSS_ID = "training-loss";
    public static final String VALIDATION_ID = "validation-metric";
    public static final String CONFIG_TABLE_ID = "config-differences";
    public static final String HISTORY_TABLE_ID = "history";
    /** How the page shows a value a run does not have. */
    public static final String ABSENT = "\u2013";

    private ComparisonPage() {
    }

    /** The page's HTML. */
    public static String html(RunComparison c) {
        List<String> names = c.names();
        ReportPage page = new ReportPage("SeqPipe comparison: " + c.task() + ", " + names.size() + " runs");
        List<List<String>> runRows = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            ComparedRun r = c.runs().get(i);
            runRows.add(List.of(names.get(i), r.location(), text(r.model()), text(r.dataset()), text(r.time())));
        }
        page.table("runs", List.of("run", "location", "model", "dataset", "evaluated"), runRows);
        metrics(page, c);
        learningCurves(page, c);
        configDifferences(page, c);
        history(page, c);
        return page.html();
    }

    private static void metrics(ReportPage page, RunComparison c) {
        page.heading("Metrics");
        List<String> header = new ArrayList<>(List.of("metric"));
        header.addAll(c.names());
        List<List<String>> rows = new ArrayList<>();
        for (RunComparison.MetricRow row : c.metrics()) {
            List<String> cells = new ArrayList<>(List.of(row.metric()));
            row.values().forEach(v -> cells.add(v == null ? ABSENT : ReportPage.number(v)));
            rows.add(cells);
        }
        List<RunComparison.MetricRow> metricRows = c.metrics();
        page.table(METRICS_TABLE_ID, header, rows, (row, column) -> column > 0
                && metricRows.get(row).best().contains(column - 1));
        page.note("From each run's metrics.json; the task's headline metrics first. Marked: the best value of its row"
                + " (lower is better for losses, errors and perplexities; no mark where all runs are equal or the"
                + " metric has no better direction). " + ABSENT + ": the run has no such metric.");
    }

    private static void learningCurves(ReportPage page, RunComparison c) {
        page.heading("Learning curves");
        Map<String, Map<Integer, Double>> loss = new LinkedHashMap<>();
        Map<String, Map<Integer, Double>> validation = new LinkedHashMap<>();
        Set<String> validationNames = new LinkedHashSet<>();
        List<String> without = new ArrayList<>();
        for (int i = 0; i < c.runs().size(); i++) {
            LearningCurve curve = c.runs().get(i).curve();
            String name = c.names().get(i);
            if (curve.isEmpty()) {
                without.add(name);
                continue;
            }
            loss.put(name, perEpoch(curve.epochs(), curve.loss()));
            if (curve.hasValidation()) {
                validation.put(name, perEpoch(curve.epochs(), curve.validation()));
                validationNames.add(curve.validationName());
            }
        }
        if (loss.isEmpty()) {
            page.note("No run's model has a per-epoch history in its provenance.");
            return;
        }
        page.chart(TRAINING_LOSS_ID, "Training loss per epoch, one line per run", Charts.overlaidPerEpoch(
                "Training loss", "training loss", loss), 800, 380);
        if (!validation.isEmpty()) {
            String metric = validationNames.size() == 1 ? validationNames.iterator().next() : "validation metric";
            page.chart(VALIDATION_ID, metric + " per epoch, one line per run", Charts.overlaidPerEpoch(
                    "Validation: " + metric, metric, validation), 800, 380);
            if (validationNames.size() > 1) {
                page.note("The runs measured different validation metrics: " + String.join(", ", validationNames)
                        + ".");
            }
        }
        page.note("From each model's provenance: the mean training loss of each epoch and the validation metric"
                + " measured after it."
                + (without.isEmpty() ? "" : " No per-epoch history: " + String.join(", ", without) + "."));
    }

    private static Map<Integer, Double> perEpoch(List<Integer> epochs, List<Double> values) {
        Map<Integer, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < epochs.size(); i++) {
            m.put(epochs.get(i), values.get(i));
        }
        return m;
    }

    private static void configDifferences(ReportPage page, RunComparison c) {
        page.heading("Config differences");
        List<String> without = new ArrayList<>();
        for (int i = 0; i < c.runs().size(); i++) {
            if (c.runs().get(i).config() == null) {
                without.add(c.names().get(i));
            }
        }
        String missing = without.isEmpty() ? "" : " No config.json in the model directory: "
                + String.join(", ", without) + ".";
        if (!c.configsCompared()) {
            page.note("Fewer than two runs have their model's config.json: nothing to compare." + missing);
            return;
        }
        if (!c.keysFollowingWork().isEmpty()) {
            missing += " Not listed: " + String.join(", ", c.keysFollowingWork()) + ", which differ only as"
                    + " paths.work does.";
        }
        if (c.configDifferences().isEmpty()) {
            page.paragraph("The runs' models were trained with the same config.");
            if (!missing.isEmpty()) {
                page.note(missing.strip());
            }
            return;
        }
        List<String> header = new ArrayList<>(List.of("key"));
        header.addAll(c.names());
        List<List<String>> rows = new ArrayList<>();
        for (RunComparison.ConfigDifference d : c.configDifferences()) {
            List<String> cells = new ArrayList<>(List.of(d.key()));
            d.values().forEach(v -> cells.add(v == null ? ABSENT : v));
            rows.add(cells);
        }
        page.table(CONFIG_TABLE_ID, header, rows);
        page.note("The keys whose values differ, from each model's config.json (the resolved config it was trained"
                + " with); secret values masked. " + ABSENT + ": the key is not in that run's config." + missing);
    }

    private static void history(ReportPage page, RunComparison c) {
        page.heading("Metrics history");
        String headline = c.metrics().isEmpty() ? null : c.metrics().get(0).metric();
        List<String> header = new ArrayList<>(List.of("run", "evaluate run id", "time", "dataset"));
        if (headline != null) {
            header.add(headline);
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> without = new ArrayList<>();
        for (int i = 0; i < c.runs().size(); i++) {
            String name = c.names().get(i);
            if (c.runs().get(i).evaluations().isEmpty()) {
                without.add(name);
            }
            for (ComparedRun.Evaluation e : c.runs().get(i).evaluations()) {
                List<String> cells = new ArrayList<>(List.of(name, text(e.runId()), text(e.time()),
                        text(e.dataset())));
                if (headline != null) {
                    Double v = e.metrics().get(headline);
                    cells.add(v == null ? ABSENT : ReportPage.number(v));
                }
                rows.add(cells);
            }
        }
        if (!rows.isEmpty()) {
            page.table(HISTORY_TABLE_ID, header, rows);
        }
        page.note("Every evaluation of each run's model in the run's metrics history, oldest first."
                + (without.isEmpty() ? "" : " No history rows: " + String.join(", ", without) + "."));
    }

    private static String text(String s) {
        return s == null ? ABSENT : s;
    }
}
