package io.seqpipe.jobs;

import com.typesafe.config.Config;
import io.seqpipe.tasks.Tasks;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The few lines a command prints before it runs, from the resolved config alone (no Spark). */
class RunSummaryTest {

    private static Config resolved(String... overrides) {
        return Tasks.resolve(null, List.of(overrides));
    }

    @Test
    void scoreSaysWhatItReadsAndWritesAndWhichFilesBesideTheParquet() {
        Config c = resolved("task=ner", "paths.work=hdfs://nn/w", "paths.score=/data/raw.txt",
                "score.outputFormats=[conll, csv]");
        assertEquals(List.of(
                "seqpipe score: task ner, master yarn",
                "  reads  paths.model        q(hdfs://nn/w/model)",
                "  reads  paths.score        q(/data/raw.txt)",
                "  writes paths.predictions  q(hdfs://nn/w/predictions)  (+ predictions.csv, predictions.conll)",
                "  config: the output holds config.resolved.conf; --print-config prints every value"),
                RunSummary.lines(Command.SCORE, c, "yarn", p -> "q(" + p + ")"));
    }

    @Test
    void embedNamesNoTaskAndSaysWhatItReadsAndWrites() {
        Config c = io.seqpipe.tasks.embed.EmbedConfig.resolve(null, List.of("embed.input=hdfs://nn/corpus",
                "embed.output=hdfs://nn/vectors"));
        assertEquals(List.of(
                "seqpipe embed: master yarn",
                "  reads  embed.input   q(hdfs://nn/corpus)",
                "  writes embed.output  q(hdfs://nn/vectors)",
                "  config: the output holds config.resolved.conf; --print-config prints every value"),
                RunSummary.lines(Command.EMBED, c, "yarn", p -> "q(" + p + ")"));
    }

    @Test
    void unsetInputsAreLeftOutAndRetrainPointsToEachStep() {
        Config c = resolved("paths.work=/w", "paths.train=/t.tsv");
        assertEquals(List.of(
                "seqpipe prepare: task sentiment, master local[2]",
                "  reads  paths.train       /t.tsv",
                "  writes paths.prepared    /w/prepared",
                "  config: the output holds config.resolved.conf; --print-config prints every value"),
                RunSummary.lines(Command.PREPARE, c, "local[2]", p -> p));
        assertEquals(List.of(
                "seqpipe retrain: task sentiment, master local[2]",
                "  reads  paths.train       /t.tsv",
                "  writes retrain.workDir   /w/retrain",
                "  config: each step's output holds config.resolved.conf; --print-config prints every value"),
                RunSummary.lines(Command.RETRAIN, resolved("paths.work=/w", "paths.train=/t.tsv"), "local[2]",
                        p -> p));
    }

    @Test
    void passwordsInsidePathsAreMasked() {
        Config c = resolved("paths.work=hdfs://alice:s3cret@nn:8020/w", "paths.train=s3a://AKIAKEY:wJalr@bucket/t.tsv");
        assertEquals(List.of(
                "seqpipe prepare: task sentiment, master yarn",
                "  reads  paths.train       s3a://AKIAKEY:*****@bucket/t.tsv",
                "  writes paths.prepared    hdfs://alice:*****@nn:8020/w/prepared",
                "  config: the output holds config.resolved.conf; --print-config prints every value"),
                RunSummary.lines(Command.PREPARE, c, "yarn", p -> p));
    }
}
