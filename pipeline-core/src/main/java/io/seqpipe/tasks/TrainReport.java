package io.seqpipe.tasks;

import io.seqpipe.provenance.TrainingRun;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code train} returns: the committed model, the run as its provenance records it ({@link TrainingRun}) and the
 * loss it ended with. Each task's summary adds its validation metric and prints its own lines.
 */
public interface TrainReport extends ModelReport {
    /** How the model was trained, as written to the provenance's {@code training}. */
    TrainingRun training();

    /** The training loss of the last epoch. */
    double finalLoss();

    /** {@code ", early stop <why>"} for a summary line, or "" when training ran all its epochs. */
    default String earlyStopSuffix() {
        return training().earlyStop() == null ? "" : ", early stop " + training().earlyStop();
    }

    /**
     * For an ensemble ({@code train.ensemble >= 2}; else empty), the summary line of its members:
     * {@code "  ensemble of N (the lines above: member 0; validation <metric>: <combined>): seed S: E epochs (best B),
     * <metric> V; ..."}.
     *
     * @param metricKey  the members' metric in the provenance's {@code training.ensemble.members}
     * @param metricName how the summary names it ("RMSE", "accuracy")
     * @param combined   what the ensemble's validation metric is of ("the median forecast's")
     */
    default Optional<String> ensembleLine(String metricKey, String metricName, String combined) {
        if (!(training().extras().get("ensemble") instanceof Map<?, ?> ensemble)) {
            return Optional.empty();
        }
        List<String> members = new ArrayList<>();
        for (Object m : (List<?>) ensemble.get("members")) {
            Map<?, ?> member = (Map<?, ?>) m;
            members.add(String.format("seed %s: %s epochs (best %s), %s %.4f", member.get("seed"),
                    member.get("epochsRun"), member.get("bestEpoch"), metricName,
                    ((Number) member.get(metricKey)).doubleValue()));
        }
        return Optional.of("  ensemble of " + members.size() + " (the lines above: member 0; validation " + metricName
                + ": " + combined + "): " + String.join("; ", members));
    }
}
