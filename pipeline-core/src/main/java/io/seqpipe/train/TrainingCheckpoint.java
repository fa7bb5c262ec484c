package io.seqpipe.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where {@link ParameterAveragingTrainer} was when it wrote a checkpoint: everything besides the network and the best
 * epoch's parameters (which {@link CheckpointStore} keeps as binary files beside this state).
 *
 * @param fingerprint    what must not change for a resume to be valid: the network configuration, seed, batch size,
 *                       averaging frequency, training set size and length-bucketing pool
 *                       ({@link ParameterAveragingTrainer#fingerprint})
 * @param epoch          the epoch in progress (1-based)
 * @param roundsDone     averaging rounds of that epoch already fitted; {@code == roundsPerEpoch} at an epoch end
 *                       (validation, best-so-far and early stopping already applied)
 * @param roundsPerEpoch averaging rounds per epoch of the writing run (depends on the number of workers)
 * @param workers        Spark workers (partitions) the data was spread over
 * @param epochLossSum   sum of the round losses of the epoch so far
 * @param epochSeconds   fit time of the epoch so far
 * @param best           the best epoch's raw validation metric so far (NaN: none yet)
 * @param bestEpoch      the best epoch so far (0: none); with {@code train.earlyStopping.smoothing} the one with the
 *                       best smoothed metric. The early-stopping state is a function of the validation metrics in
 *                       {@code history}; a resume replays them ({@link EarlyStoppingPolicy#replay}) and checks the
 *                       result against these three fields
 * @param sinceBest      epochs since then
 * @param earlyStop      why training stopped early at this checkpoint, or null
 * @param history        the finished epochs
 */
public record TrainingCheckpoint(String fingerprint, long seed, int epoch, int roundsDone, int roundsPerEpoch,
                                 int workers, double epochLossSum, double epochSeconds, double best, int bestEpoch,
                                 int sinceBest, String earlyStop, List<EpochStats> history) {

    public TrainingCheckpoint {
        history = List.copyOf(history);
    }

    /** Whether the checkpoint was written at the end of its epoch. */
    public boolean atEpochEnd() {
        return roundsDone == roundsPerEpoch;
    }

    /** Sortable directory name: {@code checkpoint-e<epoch>-r<roundsDone>}, zero-padded. */
    public String name() {
        return String.format("checkpoint-e%05d-r%06d", epoch, roundsDone);
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fingerprint", fingerprint);
        m.put("seed", seed);
        m.put("epoch", epoch);
        m.put("roundsDone", roundsDone);
        m.put("roundsPerEpoch", roundsPerEpoch);
        m.put("workers", workers);
        m.put("epochLossSum", epochLossSum);
        m.put("epochSeconds", epochSeconds);
        m.put("best", best);
        m.put("bestEpoch", bestEpoch);
        m.put("sinceBest", sinceBest);
        m.put("earlyStop", earlyStop);
        List<Map<String, Object>> epochs = new ArrayList<>();
        for (EpochStats e : history) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("epoch", e.epoch());
            h.put("loss", e.loss());
            h.put("examples", e.examples());
            h.put("seconds", e.seconds());
            h.put("validation", e.validation());
            h.put("validationName", e.validationName());
            epochs.add(h);
        }
        m.put("history", epochs);
        return m;
    }

    @SuppressWarnings("unchecked")
    static TrainingCheckpoint fromJson(Map<String, Object> m) {
        List<EpochStats> history = new ArrayList<>();
        for (Map<String, Object> h : (List<Map<String, Object>>) m.get("history")) {
            history.add(new EpochStats(num(h, "epoch").intValue(), dbl(h, "loss"), num(h, "examples").longValue(),
                    dbl(h, "seconds"), dbl(h, "validation"), (String) h.get("validationName")));
        }
        return new TrainingCheckpoint((String) m.get("fingerprint"), num(m, "seed").longValue(),
                num(m, "epoch").intValue(), num(m, "roundsDone").intValue(), num(m, "roundsPerEpoch").intValue(),
                num(m, "workers").intValue(), dbl(m, "epochLossSum"), dbl(m, "epochSeconds"), dbl(m, "best"),
                num(m, "bestEpoch").intValue(), num(m, "sinceBest").intValue(), (String) m.get("earlyStop"), history);
    }

    private static Number num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("state.json: '" + key + "' is missing or not a number: " + v);
        }
        return n;
    }

    /** Jackson writes NaN as the string "NaN". */
    private static double dbl(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v instanceof String s && s.equals("NaN")) {
            return Double.NaN;
        }
        return num(m, key).doubleValue();
    }
}
