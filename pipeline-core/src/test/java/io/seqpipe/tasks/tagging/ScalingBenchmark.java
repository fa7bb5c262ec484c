package io.seqpipe.tasks.tagging;

import com.typesafe.config.ConfigFactory;
import io.seqpipe.config.ConfigLayering;
import io.seqpipe.io.Json;
import io.seqpipe.spark.SparkSessions;
import io.seqpipe.train.ParameterAveragingTrainer;
import io.seqpipe.train.RoundEnd;
import io.seqpipe.train.TrainingListener;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Time to accuracy as workers are added: the NER tagger of {@code conf/conll2003.conf} trained on the first
 * {@code bench.sentences} sentences of CoNLL-2003 eng.train in {@code local[k]}, validated on eng.testa every
 * {@code bench.validateEvery} examples (rounded up to whole averaging rounds) until the entity F1 reaches
 * {@code bench.target} is first reached (eng.testb is scored then) and on until {@code bench.capExamples} examples
 * have been fitted, when eng.testb is scored with the parameters of the best validation F1 (with
 * {@code -Dbench.runToCap=false} it stops at the target). Each contender is {@code scheme@k} or {@code scheme@k/H} ({@code scheme}: {@code plain},
 * {@code bmuf} = block momentum with Nesterov look-ahead, {@code cbm} = without; {@code H}: averaging frequency, default
 * the config's), optionally followed by {@code +key=value} overrides of its own (e.g.
 * {@code bmuf@8+train.blockLearningRate=2}), listed in {@code bench.contenders}, comma-separated; {@code bench.set}
 * adds config overrides for all ({@code ;}-separated). Wall time excludes the benchmark's own validation. Writes
 * {@code target/bench/scaling/scaling.json} and {@code scaling.png}; start it with {@code scripts/bench-scaling.sh}.
 */
@Tag("benchmark")
class ScalingBenchmark {

    record Point(long examples, int rounds, double wallSeconds, double f1) {
    }

    /**
     * Validates every few rounds and records the curve. At the first validation at or above the target it scores
     * eng.testb ("at target"); with {@code runToCap} training goes on to the cap, and eng.testb is scored again with
     * the parameters of the best validation (what early stopping would keep: "final"); otherwise it stops there.
     */
    static final class Curve implements TrainingListener {
        final ParameterAveragingTrainer.Validator validation;
        final ParameterAveragingTrainer.Validator test;
        final long every;
        final double target;
        final long cap;
        final boolean runToCap;
        final List<Point> points = new ArrayList<>();
        long nextAt;
        int rounds;
        double evalSeconds;
        Point reached;
        double testAtTarget = Double.NaN;
        double bestF1 = Double.NEGATIVE_INFINITY;
        Point best;
        INDArray bestParams;
        double finalTest = Double.NaN;
        String stop;

        Curve(ParameterAveragingTrainer.Validator validation, ParameterAveragingTrainer.Validator test, long every,
              double target, long cap, boolean runToCap) {
            this.validation = validation;
            this.test = test;
            this.every = every;
            this.target = target;
            this.cap = cap;
            this.runToCap = runToCap;
            this.nextAt = every;
        }

        @Override
        public void onRoundEnd(RoundEnd round) {
            rounds++;
            if (round.examples() < nextAt && round.examples() < cap) {
                return;
            }
            nextAt = (round.examples() / every + 1) * every;
            long t0 = System.nanoTime();
            double f1 = round.withModel(validation::score);
            double wall = round.elapsedSeconds() - evalSeconds;
            Point p = new Point(round.examples(), rounds, wall, f1);
            points.add(p);
            System.out.printf("  examples %d rounds %d wall %.1f s validation F1 %.4f%n", p.examples(), rounds, wall,
                    f1);
            if (f1 > bestF1) {
                bestF1 = f1;
                best = p;
                bestParams = round.withModel(net -> net.params().dup());
            }
            if (f1 >= target && reached == null) {
                reached = p;
                testAtTarget = round.withModel(test::score);
                if (!runToCap) {
                    finalTest = testAtTarget;
                    stop = "target " + target + " reached";
                }
            }
            if (stop == null && round.examples() >= cap) {
                finalTest = round.withModel(net -> {
                    INDArray now = net.params().dup();
                    net.setParams(bestParams);
                    try {
                        return test.score(net);
                    } finally {
                        net.setParams(now);
                    }
                });
                stop = "cap of " + cap + " examples";
            }
            evalSeconds += (System.nanoTime() - t0) / 1e9;
        }

        @Override
        public String stopRequested() {
            return stop;
        }
    }

    /** Redraws the plot of an earlier run: {@code -Dbench.plotOnly=path/to/scaling.json} ({@code -Dbench.plot=out.png}). */
    @Test
    @SuppressWarnings("unchecked")
    void plotOnly() throws Exception {
        String json = System.getProperty("bench.plotOnly", "");
        if (json.isEmpty()) {
            return;
        }
        Map<String, Object> run = Json.readMap(Files.readString(Path.of(json)));
        Map<String, List<Point>> curves = new LinkedHashMap<>();
        for (Map<String, Object> r : (List<Map<String, Object>>) run.get("results")) {
            List<Point> points = new ArrayList<>();
            for (Map<String, Object> p : (List<Map<String, Object>>) r.get("curve")) {
                points.add(new Point(((Number) p.get("examples")).longValue(), ((Number) p.get("rounds")).intValue(),
                        ((Number) p.get("wallSeconds")).doubleValue(), ((Number) p.get("validationF1")).doubleValue()));
            }
            curves.put((String) r.get("contender"), points);
        }
        plot(new File(System.getProperty("bench.plot", Path.of(json).resolveSibling("scaling.png").toString())),
                curves, ((Number) run.get("targetValidationF1")).doubleValue());
    }

    @Test
    void timeToAccuracy() throws Exception {
        if (!System.getProperty("bench.plotOnly", "").isEmpty()) {
            return;
        }
        Path root = Path.of(System.getProperty("bench.root", "..")).toAbsolutePath().normalize();
        Path data = root.resolve("../shared/datasets/conll2003-en").normalize();
        int sentences = Integer.getInteger("bench.sentences", 8000);
        double target = Double.parseDouble(System.getProperty("bench.target", "0.80"));
        long cap = Long.getLong("bench.capExamples", 40_000L);
        long every = Long.getLong("bench.validateEvery", 2_000L);
        boolean runToCap = Boolean.parseBoolean(System.getProperty("bench.runToCap", "true"));
        String contenders = System.getProperty("bench.contenders",
                "plain@1/5,bmuf@2/5,bmuf@4/5,bmuf@8/5,plain@4/5,plain@8/5");
        List<String> extra = new ArrayList<>();
        for (String s : System.getProperty("bench.set", "").split(";")) {
            if (!s.isBlank()) {
                extra.add(s.strip());
            }
        }
        Path out = root.resolve("target/bench/scaling");
        Files.createDirectories(out);
        Path subset = out.resolve("train-subset.txt");
        writeSubset(data.resolve("eng.train"), subset, sentences);

        List<String> base = new ArrayList<>(List.of("paths.train=" + subset,
                "paths.validation=" + data.resolve("eng.testa"), "paths.test=" + data.resolve("eng.testb"),
                "paths.work=" + out.resolve("work"), "paths.prepared=" + out.resolve("prepared"),
                "train.earlyStopping.patience=0", "train.epochs=1000",
                // the reference tagger these measurements have always used: softmax output, no character encoder,
                // a fixed learning rate (conf/conll2003.conf itself now trains the char CNN + CRF with a decay)
                "model.output=softmax", "model.chars.encoder=none", "train.learningRateDecay=0"));
        base.addAll(extra);
        System.setProperty("spark.ui.enabled", "false");

        // prepare once (train, validation, test); training reads a copy without the validation split, so that the
        // only validation is the benchmark's own (the trainer would otherwise validate at every epoch end too)
        TaggingTaskConfig prepareCfg = config(root, base, List.of());
        SparkSession prepSpark = SparkSession.builder().config(SparkSessions.conf("scaling-prepare", "local[2]", 1)
                .set("spark.master", "local[2]")).getOrCreate();
        PrepareTaggingData.run(prepSpark, prepareCfg, true);
        prepSpark.stop();
        Path prepared = out.resolve("prepared");
        Path trainOnly = out.resolve("prepared-train-only");
        copyWithout(prepared, trainOnly, "validation");

        List<Map<String, Object>> results = new ArrayList<>();
        Map<String, List<Point>> curves = new LinkedHashMap<>();
        for (String contender : contenders.split(",")) {
            String[] withSets = contender.strip().split("\\+");
            String[] parts = withSets[0].split("[@/]");
            String scheme = parts[0];
            int k = Integer.parseInt(parts[1]);
            List<String> set = new ArrayList<>(List.of("paths.prepared=" + trainOnly,
                    "paths.model=" + out.resolve("models/" + contender.replaceAll("[^A-Za-z0-9@.=-]", "-"))));
            switch (scheme) {
                case "plain" -> set.add("train.averaging=plain");
                case "bmuf" -> set.addAll(List.of("train.averaging=blockMomentum", "train.blockNesterov=true"));
                case "cbm" -> set.addAll(List.of("train.averaging=blockMomentum", "train.blockNesterov=false"));
                default -> throw new IllegalArgumentException("unknown scheme " + scheme + " in " + contender);
            }
            if (parts.length > 2) {
                set.add("train.averagingFrequency=" + parts[2]);
            }
            set.addAll(List.of(withSets).subList(1, withSets.length));
            TaggingTaskConfig cfg = config(root, base, set);
            System.out.println("== " + contender + ": k=" + k + ", averaging every "
                    + cfg.train().averagingFrequency() + ", " + cfg.train().averaging().describe(k));
            SparkSession spark = SparkSession.builder().config(SparkSessions.conf("scaling-" + contender,
                    "local[" + k + "]", 1).set("spark.master", "local[" + k + "]")).getOrCreate();
            try {
                JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
                List<String> tags = Files.readAllLines(prepared.resolve("labels.txt"));
                JavaRDD<TaggerEvaluation.Gold> validation = TaggingData.golds(spark.read().parquet(
                        prepared.resolve("validation").toString())).persist(StorageLevel.MEMORY_AND_DISK());
                JavaRDD<TaggerEvaluation.Gold> test = TaggingData.golds(spark.read().parquet(
                        prepared.resolve("test").toString())).persist(StorageLevel.MEMORY_AND_DISK());
                Curve curve = new Curve(TaggerEvaluation.validator(sc, validation, tags, cfg.trainScheme(),
                        cfg.evaluateBatchSize()), TaggerEvaluation.validator(sc, test, tags, cfg.trainScheme(),
                        cfg.evaluateBatchSize()), every, target, cap, runToCap);
                TrainTagger.Summary summary = TrainTagger.run(spark, cfg, true, List.of(curve));
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("contender", contender);
                r.put("scheme", cfg.train().averaging().describe(k));
                r.put("workers", k);
                r.put("averagingFrequency", cfg.train().averagingFrequency());
                r.put("examplesPerRound", (long) k * cfg.train().batchSize() * cfg.train().averagingFrequency());
                r.put("reachedTarget", curve.reached != null);
                r.put("examplesToTarget", curve.reached == null ? null : curve.reached.examples());
                r.put("roundsToTarget", curve.reached == null ? null : curve.reached.rounds());
                r.put("wallSecondsToTarget", curve.reached == null ? null : curve.reached.wallSeconds());
                r.put("testbF1AtTarget", curve.testAtTarget);
                r.put("bestValidationF1", curve.bestF1);
                r.put("bestValidationExamples", curve.best == null ? null : curve.best.examples());
                r.put("testbF1", curve.finalTest);
                r.put("stop", curve.stop);
                r.put("trainSentencesPerSecond", summary.training().examplesPerSecond());
                r.put("curve", curve.points.stream().map(p -> Map.of("examples", p.examples(), "rounds", p.rounds(),
                        "wallSeconds", p.wallSeconds(), "validationF1", p.f1())).toList());
                results.add(r);
                curves.put(contender, curve.points);
                validation.unpersist(false);
                test.unpersist(false);
            } finally {
                spark.stop();
            }
            write(out, sentences, target, cap, every, runToCap, base, results);
        }
        // examples and eng.testb F1 relative to the first one-worker contender (sequential training)
        Map<String, Object> baseline = results.stream().filter(r -> ((Number) r.get("workers")).intValue() == 1)
                .findFirst().orElse(null);
        if (baseline != null && baseline.get("examplesToTarget") != null) {
            for (Map<String, Object> r : results) {
                if (r.get("examplesToTarget") != null) {
                    r.put("examplesRatio", ((Number) r.get("examplesToTarget")).doubleValue()
                            / ((Number) baseline.get("examplesToTarget")).doubleValue());
                    r.put("testbF1MinusSequential", (Double) r.get("testbF1") - (Double) baseline.get("testbF1"));
                }
            }
        }
        write(out, sentences, target, cap, every, runToCap, base, results);
        plot(out.resolve("scaling.png").toFile(), curves, target);
        assertFalse(results.isEmpty());
    }

    static TaggingTaskConfig config(Path root, List<String> base, List<String> set) {
        List<String> overrides = new ArrayList<>(base);
        overrides.addAll(set);
        return TaggingTaskConfig.from(ConfigLayering.resolve(
                ConfigFactory.parseResources("io/seqpipe/tasks/ner.defaults.conf"),
                root.resolve("conf/conll2003.conf").toFile(), overrides));
    }

    static void write(Path out, int sentences, double target, long cap, long every, boolean runToCap,
                      List<String> base,
                      List<Map<String, Object>> results) throws Exception {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", "time to accuracy: CoNLL-2003 NER (conf/conll2003.conf), local[k]");
        json.put("trainSentences", sentences);
        json.put("targetValidationF1", target);
        json.put("capExamples", cap);
        json.put("validateEveryExamples", every);
        json.put("testbF1", runToCap ? "eng.testb entity F1 with the parameters of the best validation F1 up to the cap"
                : "eng.testb entity F1 when the target was reached");
        json.put("overrides", base);
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("results", results);
        Json.writeReport(json, new org.apache.hadoop.fs.Path(out.resolve("scaling.json").toUri()),
                new org.apache.hadoop.conf.Configuration());
    }

    static void plot(File png, Map<String, List<Point>> curves, double target) throws Exception {
        System.setProperty("java.awt.headless", "true");
        XYSeriesCollection byExamples = new XYSeriesCollection();
        XYSeriesCollection byWall = new XYSeriesCollection();
        for (Map.Entry<String, List<Point>> c : curves.entrySet()) {
            XYSeries e = new XYSeries(c.getKey());
            XYSeries w = new XYSeries(c.getKey());
            for (Point p : c.getValue()) {
                e.add(p.examples(), p.f1());
                w.add(p.wallSeconds(), p.f1());
            }
            byExamples.addSeries(e);
            byWall.addSeries(w);
        }
        java.awt.Color[] palette = {new java.awt.Color(0x1f77b4), new java.awt.Color(0xd62728),
            new java.awt.Color(0x2ca02c), new java.awt.Color(0x9467bd), new java.awt.Color(0xff7f0e),
            new java.awt.Color(0x8c564b), new java.awt.Color(0xe377c2), new java.awt.Color(0x17becf)};
        XYLineAndShapeRenderer left = new XYLineAndShapeRenderer();
        XYLineAndShapeRenderer right = new XYLineAndShapeRenderer();
        for (int i = 0; i < curves.size(); i++) {
            left.setSeriesPaint(i, palette[i % palette.length]);
            right.setSeriesPaint(i, palette[i % palette.length]);
            right.setSeriesVisibleInLegend(i, false);
        }
        NumberAxis f1 = new NumberAxis("validation entity F1 (eng.testa)");
        f1.setAutoRangeIncludesZero(false);
        CombinedRangeXYPlot plot = new CombinedRangeXYPlot(f1);
        plot.add(new XYPlot(byExamples, new NumberAxis("examples fitted"), null, left));
        plot.add(new XYPlot(byWall, new NumberAxis("training wall seconds (this machine)"), null, right));
        JFreeChart chart = new JFreeChart("Time to validation F1 " + target + " by workers k", plot);
        ChartUtils.saveChartAsPNG(png, chart, 1400, 600);
    }

    static void writeSubset(Path source, Path target, int sentences) throws Exception {
        List<String> out = new ArrayList<>();
        int n = 0;
        boolean inSentence = false;
        for (String line : Files.readAllLines(source, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                if (inSentence) {
                    n++;
                    inSentence = false;
                    if (sentences > 0 && n >= sentences) {
                        out.add(line);
                        break;
                    }
                }
            } else if (!line.startsWith("-DOCSTART-")) {
                inSentence = true;
            }
            out.add(line);
        }
        Files.write(target, out, StandardCharsets.UTF_8);
    }

    static void copyWithout(Path from, Path to, String skip) throws Exception {
        if (Files.exists(to)) {
            try (var files = Files.walk(to)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path rel = from.relativize(p);
                if (rel.getNameCount() > 0 && rel.getName(0).toString().equals(skip)) {
                    continue;
                }
                Path dest = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
    }
}
