package io.seqpipe.provenance;

import io.seqpipe.config.Secrets;

import java.util.List;
import java.util.Map;

/**
 * Everything needed to know how a model came to be, and to train it again: the full resolved config, the inputs and
 * their row counts, the seed, the code and library versions, the training history and the metrics it reached.
 * Written as {@code provenance.json} beside the weights.
 *
 * @param task      the task, e.g. {@code sentiment}
 * @param createdAt ISO-8601 instant the model was committed
 * @param config    the resolved configuration, as nested maps
 * @param inputs    input path → role/counts
 * @param build     versions: SeqPipe, git commit, DL4J, Spark, Java ({@link BuildInfo#describe()})
 * @param training  how it was trained: where, how long, on how many examples, with which checkpoints
 * @param metrics   final metrics (training loss, best validation metric, ...)
 * @param history   one entry per epoch
 */
public record Provenance(String task, String createdAt, long seed, Map<String, Object> config,
                         List<Map<String, Object>> inputs, int vocabularySize, List<String> labels,
                         Map<String, String> build, TrainingRun training, Map<String, Object> metrics,
                         List<Map<String, Object>> history) {

    /**
     * This provenance as persisted: secret-key values of the config replaced and passwords inside URIs (config values,
     * input paths) masked ({@link Secrets}).
     */
    @SuppressWarnings("unchecked")
    public Provenance masked() {
        return new Provenance(task, createdAt, seed, (Map<String, Object>) Secrets.maskTree(null, config),
                (List<Map<String, Object>>) Secrets.maskTree(null, inputs), vocabularySize, labels, build, training,
                metrics, history);
    }
}
