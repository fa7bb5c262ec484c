package io.seqpipe.provenance;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How a model was trained: the {@code training} object of {@code provenance.json}, written once from the trainer's
 * result. Every task writes the same keys; a task whose examples have a name of their own (sentences, windows, pairs)
 * also has its counts and throughput under that name ({@code trainSentences}, {@code validationSentences},
 * {@code sentencesPerSecond} beside {@code trainExamples}, ...).
 *
 * @param startedAt          ISO-8601 instant training started
 * @param master             the Spark master it ran on
 * @param defaultParallelism Spark's default parallelism (the number of workers the examples were spread over)
 * @param exampleNoun        what an example is, plural and lower case: {@code examples}, {@code sentences},
 *                           {@code windows}, {@code pairs}
 * @param trainExamples      training examples
 * @param validationExamples validation examples (0 without a validation split)
 * @param epochsRun          epochs run (before early stopping, if it stopped)
 * @param bestEpoch          the epoch whose parameters the model holds
 * @param seconds            training time
 * @param examplesPerSecond  training examples fitted per second
 * @param parameters         the network's parameter count
 * @param earlyStop          why training stopped early, or null
 * @param paddingEfficiency  real time steps / computed time steps over the minibatches fitted
 * @param lengthBucketPool   {@code train.lengthBucketPool} (0: no length bucketing)
 * @param executors          executor id@host → minibatches it fitted in this run (after the resume point, when
 *                           resumed): shows every executor took part
 * @param resumedFrom        the checkpoint this run continued from ({@code train --resume}), or null
 * @param skippedCheckpoints checkpoints passed over on resume, each {@code "name: reason"}
 * @param checkpointsWritten how many checkpoints this run wrote
 * @param checkpointDir      where ({@code train.checkpoint.dir})
 * @param tokens             token counts of the training examples by name ({@code trainTokens}, or
 *                           {@code sourceTokens} and {@code targetTokens}); empty for tasks that do not count them
 * @param tokensPerSecond    training tokens fitted per second (NaN and not written when {@code tokens} is empty)
 * @param extras             what else the task records (e.g. the forecaster's {@code features}); keys must differ
 *                           from the ones above
 */
public record TrainingRun(String startedAt, String master, int defaultParallelism, String exampleNoun,
                          long trainExamples, long validationExamples, int epochsRun, int bestEpoch, double seconds,
                          double examplesPerSecond, long parameters, String earlyStop, double paddingEfficiency,
                          int lengthBucketPool, Map<String, Long> executors, String resumedFrom,
                          List<String> skippedCheckpoints, int checkpointsWritten, String checkpointDir,
                          Map<String, Long> tokens, double tokensPerSecond, Map<String, Object> extras) {

    /** The keys every run writes, before the task's own names for its counts, its tokens and its extras. */
    public static final Set<String> KEYS = Set.of("startedAt", "master", "defaultParallelism", "trainExamples",
            "validationExamples", "epochsRun", "bestEpoch", "seconds", "examplesPerSecond", "parameters", "earlyStop",
            "paddingEfficiency", "lengthBucketPool", "executors", "resumedFrom", "skippedCheckpoints",
            "checkpointsWritten", "checkpointDir");

    public TrainingRun {
        Objects.requireNonNull(exampleNoun, "exampleNoun");
        if (!exampleNoun.matches("[a-z]+")) {
            throw new IllegalArgumentException("exampleNoun must be one lower-case word, got '" + exampleNoun + "'");
        }
        executors = Map.copyOf(executors);
        skippedCheckpoints = List.copyOf(skippedCheckpoints);
        tokens = Map.copyOf(tokens);
        extras = Map.copyOf(extras);
        for (String key : extras.keySet()) {
            if (KEYS.contains(key) || tokens.containsKey(key) || key.equals("tokensPerSecond")
                    || key.equals(nounKey("train", exampleNoun)) || key.equals(nounKey("validation", exampleNoun))
                    || key.equals(exampleNoun + "PerSecond")) {
                throw new IllegalArgumentException("training extra '" + key + "' would replace a key of the run");
            }
        }
    }

    /** {@code train} → {@code trainSentences} for sentences. */
    private static String nounKey(String prefix, String noun) {
        return prefix + Character.toUpperCase(noun.charAt(0)) + noun.substring(1);
    }

    /** The {@code training} object as written to {@code provenance.json} (null values kept: a reader sees the key). */
    @JsonValue
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("startedAt", startedAt);
        m.put("master", master);
        m.put("defaultParallelism", defaultParallelism);
        m.put("trainExamples", trainExamples);
        m.put("validationExamples", validationExamples);
        m.put(nounKey("train", exampleNoun), trainExamples);
        m.put(nounKey("validation", exampleNoun), validationExamples);
        m.put("epochsRun", epochsRun);
        m.put("bestEpoch", bestEpoch);
        m.put("seconds", seconds);
        m.put("examplesPerSecond", examplesPerSecond);
        m.put(exampleNoun + "PerSecond", examplesPerSecond);
        m.put("parameters", parameters);
        m.put("earlyStop", earlyStop);
        m.put("paddingEfficiency", paddingEfficiency);
        m.put("lengthBucketPool", lengthBucketPool);
        m.put("executors", executors);
        m.put("resumedFrom", resumedFrom);
        m.put("skippedCheckpoints", skippedCheckpoints);
        m.put("checkpointsWritten", checkpointsWritten);
        m.put("checkpointDir", checkpointDir);
        m.putAll(tokens);
        if (!tokens.isEmpty()) {
            m.put("tokensPerSecond", tokensPerSecond);
        }
        m.putAll(extras);
        return m;
    }
}
