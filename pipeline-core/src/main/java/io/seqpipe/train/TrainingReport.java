package io.seqpipe.train;


import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The part of a training run's record that says how it ran on the cluster, for the train summary and the model's
 * provenance ({@code training.*}), shared by the tasks that checkpoint (sentiment, translation):
 * <pre>
 *   executors            executor id@host → minibatches it fitted (this run; after the resume point when resumed)
 *   resumedFrom          checkpoint name this run continued from, or null
 *   skippedCheckpoints   checkpoints passed over on resume, each "name: reason"
 *   checkpointsWritten   how many checkpoints this run wrote
 *   checkpointDir        where
 * </pre>
 */
public final class TrainingReport {
    private TrainingReport() {
    }

    public static Map<String, Object> of(ParameterAveragingTrainer.Result result, CheckpointStore checkpoints) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("executors", result.minibatchesByExecutor());
        m.put("resumedFrom", result.resumedFrom());
        m.put("skippedCheckpoints", result.skippedCheckpoints());
        m.put("checkpointsWritten", result.checkpointsWritten());
        m.put("checkpointDir", checkpoints.dir().toString());
        return m;
    }
}
