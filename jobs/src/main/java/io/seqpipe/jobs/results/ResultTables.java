package io.seqpipe.jobs.results;

import io.seqpipe.SeqPipeException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Markdown tables of recorded runs: a task's table (one row per run: its headline metrics, the kept epoch,
 * training time and throughput, each step's wall time, the date and commit) and a run's per-epoch table. A run
 * without a record gets the line {@value #NOT_RUN} instead of numbers.
 */
public final class ResultTables {
    /** What a run without a record shows. */
    public static final String NOT_RUN = "not run on today's code";

    /**
     * One headline column: a value of {@code metrics.json}'s {@code metrics}, or with {@code validation} the kept
     * epoch's validation metric of {@code provenance.json}, times {@code scale}, with {@code decimals} digits.
     */
    record Column(String header, String key, boolean validation, double scale, int decimals) {
        static Column test(String header, String key, double scale, int decimals) {
            return new Column(header, key, false, scale, decimals);
        }

        static Column validation(String header, String key, double scale, int decimals) {
            return new Column(header, key, true, scale, decimals);
        }
    }

    /**
     * What a task's tables show: its headline columns, the name of its validation metric per epoch, the key of
     * that metric in the history and its digits.
     */
    record TaskColumns(List<Column> columns, String epochValidation, String historyKey, int epochDecimals) {
    }

    private static final Map<String, TaskColumns> TASKS = Map.of(
            "ner", new TaskColumns(List.of(
                    Column.validation("validation F1 (kept epoch)", "validation.entityF1", 100, 2),
                    Column.test("F1", "f1.micro", 100, 2),
                    Column.test("P", "precision.micro", 100, 2),
                    Column.test("R", "recall.micro", 100, 2)),
                    "entity F1", "validation", 4),
            "pos", new TaskColumns(List.of(
                    Column.validation("validation accuracy % (kept epoch)", "validation.tokenAccuracy", 100, 2),
                    Column.test("accuracy %", "token_accuracy", 100, 2)),
                    "accuracy", "validation", 4),
            "sentiment", new TaskColumns(List.of(
                    Column.validation("validation accuracy (kept epoch)", "validationAccuracy", 1, 4),
                    Column.test("accuracy", "accuracy", 1, 4),
                    Column.test("macro F1", "f1.macro", 1, 4),
                    Column.test("AUC", "auc", 1, 4)),
                    "accuracy", "validation", 4),
            "forecast", new TaskColumns(List.of(
                    Column.validation("validation RMSE (kept epoch)", "validationRmse", 1, 2),
                    Column.test("RMSE", "rmse", 1, 2),
                    Column.test("MAE", "mae", 1, 2),
                    Column.test("MASE", "mase", 1, 2),
                    Column.test("naive RMSE", "naive.rmse", 1, 2),
                    Column.test("seasonal naive RMSE", "seasonal_naive.rmse", 1, 2),
                    Column.test("ETS RMSE", "ets.rmse", 1, 2)),
                    "RMSE", "validationRmse", 2),
            "translation", new TaskColumns(List.of(
                    Column.validation("validation perplexity (kept epoch)", "validation.perplexity", 1, 2),
                    Column.test("BLEU", "bleu", 1, 2),
                    Column.test("sacreBLEU", "sacrebleu", 1, 2),
                    Column.test("chrF2", "chrf", 1, 2),
                    Column.test("perplexity", "perplexity", 1, 2)),
                    "perplexity", "validation", 2),
            "lm", new TaskColumns(List.of(
                    Column.validation("validation nats/unit (kept epoch)", "validation.crossEntropy", 1, 4),
                    Column.test("nats/unit", "crossEntropy", 1, 4),
                    Column.test("perplexity", "perplexity", 1, 2),
                    Column.test("Kneser-Ney bigram nats/unit", "baseline.bigram-kn.crossEntropy", 1, 4)),
                    "nats/unit", "validation", 4));

    private ResultTables() {
    }

    /** The columns of {@code task}; an unknown task is an error naming the known ones. */
    static TaskColumns columnsOf(String task) {
        TaskColumns c = TASKS.get(task);
        if (c == null) {
            throw new SeqPipeException("no results table for task '" + task + "'; tasks: "
                    + TASKS.keySet().stream().sorted().toList());
        }
        return c;
    }

    /** A run of a task's table: its name, where its record is (a link), and the record if it was run. */
    record Row(String name, String link, Optional<RunRecord> record) {
    }

    /** The task's table, one row per run in the given order. */
    static List<String> taskTable(String task, List<Row> rows) {
        TaskColumns spec = columnsOf(task);
        List<String> header = new ArrayList<>(List.of("run"));
        spec.columns().forEach(c -> header.add(c.header()));
        header.addAll(List.of("kept epoch", "training", "throughput", "wall s: prepare / train / evaluate",
                "trained on"));
        List<String> lines = new ArrayList<>();
        lines.add(row(header));
        lines.add("|---".repeat(header.size()) + "|");
        for (Row r : rows) {
            List<String> cells = new ArrayList<>();
            if (r.record().isEmpty()) {
                cells.add(r.name());
                cells.add(NOT_RUN);
                while (cells.size() < header.size()) {
                    cells.add("");
                }
            } else {
                RunRecord run = r.record().get();
                if (!run.task().equals(task)) {
                    throw new SeqPipeException("run " + run.name() + " is a " + run.task() + " run, not " + task
                            + ": it belongs in another table");
                }
                cells.add("[" + run.name() + "](" + r.link() + ")");
                for (Column c : spec.columns()) {
                    Double v = (c.validation() ? run.validation() : run.metrics()).get(c.key());
                    cells.add(v == null ? "–" : fixed(v * c.scale(), c.decimals()));
                }
                cells.add(run.bestEpoch() + " of " + run.epochsRun() + (run.earlyStopped() ? ", early stop" : ""));
                cells.add(String.format(Locale.ROOT, "%,.0f s", run.trainSeconds()));
                cells.add(throughput(run));
                cells.add(steps(run.stepSeconds()));
                cells.add(run.createdAt().substring(0, Math.min(10, run.createdAt().length())) + ", "
                        + run.gitCommit().substring(0, Math.min(7, run.gitCommit().length()))
                        + (run.gitDirty() ? " + uncommitted changes" : ""));
            }
            lines.add(row(cells));
        }
        return lines;
    }

    /** The run's per-epoch table, the kept epoch's validation value in bold; one line when it was not run. */
    static List<String> epochTable(String name, Optional<RunRecord> record) {
        if (record.isEmpty()) {
            return List.of(name + ": " + NOT_RUN + ".");
        }
        RunRecord run = record.get();
        TaskColumns spec = columnsOf(run.task());
        List<String> lines = new ArrayList<>();
        lines.add(row(List.of("epoch", "train loss", "validation " + spec.epochValidation(),
                run.exampleNoun() + "/s", "seconds")));
        lines.add("|---".repeat(5) + "|");
        for (RunRecord.Epoch e : run.history()) {
            String validation = Double.isNaN(e.validation()) ? "–" : fixed(e.validation(), spec.epochDecimals());
            if (e.epoch() == run.bestEpoch() && !Double.isNaN(e.validation())) {
                validation = "**" + validation + "** (kept)";
            }
            lines.add(row(List.of(Integer.toString(e.epoch()), fixed(e.loss(), 4), validation,
                    fixed(e.examplesPerSecond(), 1), fixed(e.seconds(), 1))));
        }
        return lines;
    }

    /**
     * A forecast run's RMSE per series key, one column per forecaster (the model first, then the baselines as
     * {@code metrics.json} lists them), the lowest of each row in bold; one line when it was not run.
     */
    /**
     * A language-model run's samples ({@code samples.jsonl}), each as "temperature T (seed S):" and the prompt with
     * the generated text after it in a fenced block, in file order.
     */
    static List<String> samples(String name, Optional<RunRecord> record) {
        if (record.isEmpty()) {
            return List.of(name + ": " + NOT_RUN + ".");
        }
        RunRecord run = record.get();
        if (run.samples().isEmpty()) {
            throw new SeqPipeException("'samples' needs " + name + "/" + RunRecord.SAMPLES
                    + ": scripts/record-samples.sh " + name + " writes it");
        }
        List<String> lines = new ArrayList<>();
        for (RunRecord.Sample sample : run.samples()) {
            if (!lines.isEmpty()) {
                lines.add("");
            }
            lines.add("temperature " + BigDecimal.valueOf(sample.temperature()).stripTrailingZeros().toPlainString()
                    + " (seed " + sample.seed() + "):");
            lines.add("");
            lines.add("```");
            lines.addAll(List.of((sample.prompt() + sample.generated()).split("\n", -1)));
            lines.add("```");
        }
        return lines;
    }

    static List<String> seriesTable(String name, Optional<RunRecord> record) {
        if (record.isEmpty()) {
            return List.of(name + ": " + NOT_RUN + ".");
        }
        RunRecord run = record.get();
        if (run.seriesRmse().isEmpty()) {
            throw new SeqPipeException("'series' needs a forecast run with per-series metrics; " + name + " is a "
                    + run.task() + " run");
        }
        List<String> forecasters = new ArrayList<>();
        for (Map<String, Double> byForecaster : run.seriesRmse().values()) {
            for (String f : byForecaster.keySet()) {
                if (!forecasters.contains(f)) {
                    forecasters.add(f);
                }
            }
        }
        forecasters.remove("model");
        forecasters.add(0, "model");
        List<String> header = new ArrayList<>(List.of("series"));
        forecasters.forEach(f -> header.add(f + " RMSE"));
        List<String> lines = new ArrayList<>();
        lines.add(row(header));
        lines.add("|---".repeat(header.size()) + "|");
        run.seriesRmse().forEach((key, byForecaster) -> {
            double best = byForecaster.values().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
            List<String> cells = new ArrayList<>(List.of(key));
            for (String f : forecasters) {
                Double v = byForecaster.get(f);
                cells.add(v == null ? "–" : v == best ? "**" + fixed(v, 2) + "**" : fixed(v, 2));
            }
            lines.add(row(cells));
        });
        return lines;
    }

    private static String throughput(RunRecord run) {
        String examples = String.format(Locale.ROOT, "%,.1f %s/s", run.examplesPerSecond(), run.exampleNoun());
        return Double.isNaN(run.tokensPerSecond()) ? examples
                : String.format(Locale.ROOT, "%,.0f tokens/s, ", run.tokensPerSecond()) + examples;
    }

    private static String steps(Map<String, Double> seconds) {
        if (seconds.isEmpty()) {
            return "not recorded";
        }
        List<String> parts = new ArrayList<>();
        for (String step : List.of("prepare", "train", "evaluate")) {
            Double s = seconds.get(step);
            parts.add(s == null ? "?" : String.format(Locale.ROOT, "%,.0f", s));
        }
        return String.join(" / ", parts);
    }

    private static String fixed(double v, int decimals) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    private static String row(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |";
    }
}
