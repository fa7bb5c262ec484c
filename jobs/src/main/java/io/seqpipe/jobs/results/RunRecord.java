package io.seqpipe.jobs.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.seqpipe.SeqPipeException;
import io.seqpipe.io.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One recorded run, as {@code scripts/reproduce-results.sh} leaves it in {@code docs/results/NAME/}: what
 * {@code evaluate} measured ({@code metrics.json}), how the model was trained ({@code provenance.json}) and how long
 * each step took ({@code run.json}).
 *
 * @param name             the run's name in {@code docs/results/runs.txt}
 * @param task             {@code task} of {@code metrics.json}
 * @param metrics          {@code metrics} of {@code metrics.json}: evaluate's flat metrics
 * @param validation       {@code metrics} of {@code provenance.json}: the kept epoch's validation metric and loss
 * @param epochsRun        epochs trained
 * @param bestEpoch        the epoch the model holds
 * @param earlyStopped     whether training stopped early
 * @param trainSeconds     training time ({@code training.seconds})
 * @param examplesPerSecond training examples per second
 * @param exampleNoun      what an example is ({@code sentences}, {@code windows}, ...; {@code examples} by default)
 * @param tokensPerSecond  training tokens per second, or NaN when the task does not count tokens
 * @param history          the per-epoch history: epoch, loss, validation, examples/s, seconds
 * @param createdAt        when the model was written (ISO-8601)
 * @param gitCommit        the commit the model was trained on
 * @param gitDirty         whether the working tree had uncommitted changes
 * @param stepSeconds      wall seconds of each step that was timed ({@code prepare}, {@code train}, {@code evaluate})
 * @param seriesRmse       forecast runs: each series key's RMSE per forecaster ({@code model}, {@code naive}, ...)
 *                         for the first target column ({@code targets.*.*.perKey.*.overall.rmse} of
 *                         {@code metrics.json}), keys in order; empty for other tasks
 * @param samples          language-model runs: the generated samples of {@code samples.jsonl}
 *                         ({@code scripts/record-samples.sh}), in file order; empty when there is none
 */
public record RunRecord(String name, String task, Map<String, Double> metrics, Map<String, Double> validation,
                        int epochsRun, int bestEpoch, boolean earlyStopped, double trainSeconds,
                        double examplesPerSecond, String exampleNoun, double tokensPerSecond, List<Epoch> history,
                        String createdAt, String gitCommit, boolean gitDirty, Map<String, Double> stepSeconds,
                        Map<String, Map<String, Double>> seriesRmse, List<Sample> samples) {

    /** The name of a record's generated samples: one JSON object a line ({@link Sample}'s fields). */
    public static final String SAMPLES = "samples.jsonl";

    /** One text the run's model generated: from {@code prompt}, at {@code temperature} with {@code seed}. */
    public record Sample(double temperature, long seed, String prompt, String generated) {
    }

    /** One epoch of the provenance's history; {@code validation} is NaN without a validation split. */
    public record Epoch(int epoch, double loss, double validation, double examplesPerSecond, double seconds) {
    }

    public RunRecord {
        metrics = Map.copyOf(metrics);
        validation = Map.copyOf(validation);
        history = List.copyOf(history);
        stepSeconds = Map.copyOf(stepSeconds);
        samples = List.copyOf(samples);
        Map<String, Map<String, Double>> series = new LinkedHashMap<>();
        seriesRmse.forEach((key, byForecaster) -> series.put(key, java.util.Collections.unmodifiableMap(
                new LinkedHashMap<>(byForecaster))));
        seriesRmse = java.util.Collections.unmodifiableMap(series);
    }

    /**
     * Reads {@code dir/NAME/}, or empty when the run has no folder there (it was not run on today's code).
     *
     * @throws SeqPipeException naming the file and the key when a file is missing, malformed or lacks a value
     */
    public static Optional<RunRecord> read(Path dir, String name) {
        Path folder = dir.resolve(name);
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        JsonFile metricsFile = JsonFile.read(folder.resolve("metrics.json"));
        JsonFile provenance = JsonFile.read(folder.resolve("provenance.json"));
        JsonFile run = JsonFile.read(folder.resolve("run.json"));
        JsonFile.Node training = provenance.root().object("training");
        JsonFile.Node build = provenance.root().object("build");
        String task = metricsFile.root().string("task");
        String historyValidationKey;
        try {
            historyValidationKey = ResultTables.columnsOf(task).historyKey();
        } catch (SeqPipeException e) {
            throw new SeqPipeException(metricsFile.path() + ": " + e.getMessage(), e);
        }
        String noun = "examples";
        for (String key : training.keys()) {
            if (key.endsWith("PerSecond") && !key.equals("examplesPerSecond") && !key.equals("tokensPerSecond")) {
                noun = key.substring(0, key.length() - "PerSecond".length());
            }
        }
        List<Epoch> history = new ArrayList<>();
        for (JsonFile.Node e : provenance.root().list("history")) {
            history.add(new Epoch((int) e.number("epoch"), e.number("loss"),
                    e.has(historyValidationKey) ? e.number(historyValidationKey) : Double.NaN,
                    e.number("examplesPerSecond"), e.number("seconds")));
        }
        Map<String, Double> steps = new LinkedHashMap<>();
        JsonFile.Node stepNode = run.root().object("stepSeconds");
        for (String step : stepNode.keys()) {
            steps.put(step, stepNode.number(step));
        }
        return Optional.of(new RunRecord(name, task,
                metricsFile.root().object("metrics").numbers(), provenance.root().object("metrics").numbers(),
                (int) training.number("epochsRun"), (int) training.number("bestEpoch"),
                training.has("earlyStop") && training.value("earlyStop") != null, training.number("seconds"),
                training.number("examplesPerSecond"), noun,
                training.has("tokensPerSecond") ? training.number("tokensPerSecond") : Double.NaN, history,
                provenance.root().string("createdAt"), build.string("gitCommit"),
                "true".equals(String.valueOf(build.value("gitDirty"))), steps, seriesRmse(metricsFile.root()),
                samples(folder.resolve(SAMPLES))));
    }

    /** The samples of {@code file}, or none when it does not exist. */
    private static List<Sample> samples(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<Sample> samples = new ArrayList<>();
        try {
            int lineNumber = 0;
            for (String line : Files.readAllLines(file)) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                Map<String, Object> json;
                try {
                    json = Json.readMap(line);
                } catch (UncheckedIOException e) {
                    throw new SeqPipeException(file + " line " + lineNumber + " is not valid JSON: "
                            + JsonFile.describe(e.getCause()), e);
                }
                JsonFile.Node n = new JsonFile.Node(file, "line " + lineNumber + ": ", json);
                samples.add(new Sample(n.number("temperature"), (long) n.number("seed"), n.string("prompt"),
                        n.string("generated")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return samples;
    }

    /** Each key's RMSE per forecaster for the first target of a forecast run's {@code targets}; else empty. */
    private static Map<String, Map<String, Double>> seriesRmse(JsonFile.Node metrics) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        if (!metrics.has("targets")) {
            return out;
        }
        JsonFile.Node targets = metrics.object("targets");
        for (String target : targets.keys()) {
            JsonFile.Node forecasters = targets.object(target);
            for (String forecaster : forecasters.keys()) {
                JsonFile.Node perKey = forecasters.object(forecaster).object("perKey");
                for (String key : perKey.keys()) {
                    out.computeIfAbsent(key, k -> new LinkedHashMap<>())
                            .put(forecaster, perKey.object(key).object("overall").number("rmse"));
                }
            }
            break;
        }
        return out;
    }

    /** A parsed JSON file whose errors name the file and the key. */
    private record JsonFile(Path path, Node root) {
        static JsonFile read(Path path) {
            if (!Files.isRegularFile(path)) {
                throw new SeqPipeException(path + " does not exist: record the run again with"
                        + " scripts/reproduce-results.sh");
            }
            try {
                return new JsonFile(path, new Node(path, "", Json.readMap(Files.readString(path))));
            } catch (UncheckedIOException e) {
                throw new SeqPipeException(path + " is not valid JSON: " + describe(e.getCause()), e);
            } catch (IOException e) {
                throw new SeqPipeException("cannot read " + path + ": " + e.getMessage(), e);
            }
        }

        private static String describe(Throwable cause) {
            if (cause instanceof JsonProcessingException j && j.getLocation() != null) {
                return j.getOriginalMessage() + " (line " + j.getLocation().getLineNr() + ", column "
                        + j.getLocation().getColumnNr() + ")";
            }
            return String.valueOf(cause.getMessage());
        }

        /** A JSON object inside the file, at {@code where} ({@code training.}, ...). */
        record Node(Path path, String where, Map<String, Object> map) {
            Iterable<String> keys() {
                return map.keySet();
            }

            boolean has(String key) {
                return map.containsKey(key);
            }

            Object value(String key) {
                return map.get(key);
            }

            private Object required(String key) {
                if (!map.containsKey(key)) {
                    throw new SeqPipeException(path + " has no " + where + key);
                }
                return map.get(key);
            }

            String string(String key) {
                Object v = required(key);
                if (!(v instanceof String s)) {
                    throw new SeqPipeException(path + ": " + where + key + " must be a string, got " + v);
                }
                return s;
            }

            double number(String key) {
                return toNumber(key, required(key));
            }

            private double toNumber(String key, Object v) {
                if (v instanceof Number n) {
                    return n.doubleValue();
                }
                if (v instanceof String s && (s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity"))) {
                    return Double.parseDouble(s);
                }
                throw new SeqPipeException(path + ": " + where + key + " must be a number, got " + v);
            }

            @SuppressWarnings("unchecked")
            Node object(String key) {
                Object v = required(key);
                if (!(v instanceof Map)) {
                    throw new SeqPipeException(path + ": " + where + key + " must be an object, got " + v);
                }
                return new Node(path, where + key + ".", (Map<String, Object>) v);
            }

            @SuppressWarnings("unchecked")
            List<Node> list(String key) {
                Object v = required(key);
                if (!(v instanceof List<?> items)) {
                    throw new SeqPipeException(path + ": " + where + key + " must be a list, got " + v);
                }
                List<Node> nodes = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    if (!(items.get(i) instanceof Map)) {
                        throw new SeqPipeException(path + ": " + where + key + "[" + i + "] must be an object");
                    }
                    nodes.add(new Node(path, where + key + "[" + i + "].", (Map<String, Object>) items.get(i)));
                }
                return nodes;
            }

            /** Every value of this object as a number. */
            Map<String, Double> numbers() {
                Map<String, Double> out = new LinkedHashMap<>();
                for (Map.Entry<String, Object> e : map.entrySet()) {
                    out.put(e.getKey(), toNumber(e.getKey(), e.getValue()));
                }
                return out;
            }
        }
    }
}
