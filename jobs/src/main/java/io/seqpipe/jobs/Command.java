package io.seqpipe.jobs;

import java.util.Arrays;
import java.util.Locale;

/**
 * The subcommands: the four pipeline jobs in order, then the nightly retrain, the registry tool, the word-vector
 * trainer and the comparison of runs.
 */
public enum Command {
    PREPARE("read raw labelled text, build vocabulary and labels, write sequence DataFrames and rejects"),
    TRAIN("train the configured model with parameter averaging and write a model directory"),
    EVALUATE("compute metrics of a saved model on labelled text; write metrics.json and the metrics history"),
    SCORE("apply a saved model to an unlabelled corpus and write predictions"),
    RETRAIN("nightly: prepare, train, evaluate challenger and champion, promote if better, score (--date)"),
    REGISTRY("model registry: list | show | promote | rollback | prune (registry.root, registry.name)"),
    EMBED("train word2vec vectors on unlabeled text (Spark MLlib) for model.embeddings.path; embed.* keys"),
    REPORT("compare evaluated runs (--runs A B ...): metrics side by side, learning curves, config differences");

    final String description;

    Command(String description) {
        this.description = description;
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The command called {@code name}, or null. */
    static Command parse(String name) {
        return Arrays.stream(values()).filter(c -> c.cliName().equals(name)).findFirst().orElse(null);
    }
}
