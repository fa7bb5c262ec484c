package io.seqpipe.tasks;

import io.seqpipe.provenance.TrainingRun;
import io.seqpipe.tasks.classification.TrainClassifier;
import io.seqpipe.tasks.forecast.TrainForecaster;
import io.seqpipe.tasks.tagging.TrainTagger;
import io.seqpipe.tasks.translation.TrainTranslator;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The lines {@code seqpipe train} prints for each task, from its typed summary (no Spark). */
class TrainSummaryLinesTest {

    static TrainingRun run(String noun, long train, long validation, int epochs, int best, double seconds,
                           double perSecond, long parameters, String earlyStop, String resumedFrom,
                           Map<String, Long> tokens, double tokensPerSecond, double padding) {
        return new TrainingRun("2026-01-01T00:00:00Z", "local[2]", 2, noun, train, validation, epochs, best, seconds,
                perSecond, parameters, earlyStop, padding, 0, Map.of("0@127.0.0.1", 17L), resumedFrom, List.of(), 0,
                "file:/c", tokens, tokensPerSecond, Map.of());
    }

    @Test
    void sentimentSaysWhereItResumedFrom() {
        TrainReport s = new TrainClassifier.Summary("hdfs://nn/m", run("examples", 241, 60, 3, 2, 12.5, 57.8, 1234,
                null, "checkpoint-e00002-r000001", Map.of(), Double.NaN, 0.7), 0.5, 0.9);
        assertEquals(List.of("train: wrote hdfs://nn/m",
                "  resumed from checkpoint checkpoint-e00002-r000001",
                "  241 train / 60 validation examples, 3 epochs (best 2), 1234 parameters",
                "  final train loss 0.5000, best validation accuracy 0.9000",
                "  12.5 s, 57.8 examples/s"), s.lines());
        assertEquals("hdfs://nn/m", s.model());
    }

    @Test
    void taggingCountsTokensAndPadding() {
        TrainReport s = new TrainTagger.Summary("m", run("sentences", 298, 40, 5, 5, 10, 149.0, 99,
                "no improvement in 2 epochs", null, Map.of("trainTokens", 3000L), 1500.0, 0.8), 0.25, "entity F1",
                0.8125);
        assertEquals(List.of("train: wrote m",
                "  298 train sentences (3000 tokens) / 40 validation, 5 epochs (best 5), 99 parameters",
                "  final train loss 0.2500, best validation entity F1 0.8125",
                "  10.0 s, 149.0 sentences/s, 1500 tokens/s, padding efficiency 0.800 (real tokens / computed steps),"
                        + " early stop no improvement in 2 epochs",
                "  minibatches fitted per executor: {0@127.0.0.1=17}"), s.lines());
        TrainReport unvalidated = new TrainTagger.Summary("m", run("sentences", 298, 0, 1, 1, 1, 1, 99, null,
                "checkpoint-e00001-r000002", Map.of("trainTokens", 3000L), 1500.0, 0.8), 0.25, null, Double.NaN);
        assertEquals("  resumed from checkpoint-e00001-r000002", unvalidated.lines().get(2));
        assertEquals("  final train loss 0.2500", unvalidated.lines().get(3));
    }

    @Test
    void forecastPutsTheResumePointLast() {
        TrainReport s = new TrainForecaster.Summary("m", run("windows", 158, 14, 15, 12, 8, 296.0, 900, null,
                "checkpoint-e00002-r000003", Map.of(), Double.NaN, 1.0), 0.01234, 12.34567);
        assertEquals(List.of("train: wrote m",
                "  158 train / 14 validation windows, 15 epochs (best 12), 900 parameters",
                "  final train loss 0.01234, best validation RMSE 12.3457",
                "  8.0 s, 296.0 windows/s, resumed from checkpoint-e00002-r000003"), s.lines());
    }

    @Test
    void translationCountsBothSidesTokens() {
        TrainReport s = new TrainTranslator.Summary("m", run("pairs", 119, 40, 30, 29, 60, 59.5, 5000, null, null,
                Map.of("sourceTokens", 700L, "targetTokens", 800L), 750.0, 0.9), 0.1, 1.0234);
        assertEquals(List.of("train: wrote m",
                "  119 train pairs (700 source + 800 target tokens) / 40 validation, 30 epochs (best 29), 5000"
                        + " parameters",
                "  final train loss 0.1000, best validation perplexity 1.023",
                "  60.0 s, 59.5 pairs/s, 750 tokens/s, padding efficiency 0.900 (real source steps / computed)",
                "  minibatches fitted per executor: {0@127.0.0.1=17}"), s.lines());
    }
}
