package io.seqpipe.train;

import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.AccumulatorV2;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts, per Spark executor, the minibatches it fitted during training: the evidence that parameter averaging really
 * ran on every executor (a SparkListener would also see the shuffle and count tasks, which run everywhere whether or
 * not any fitting does). Keys are {@code <executor id>@<host>} ({@code driver@...} in local mode).
 *
 * <p>The counts come from a {@link Hook} that runs before every minibatch on the worker. Spark applies an accumulator
 * update once per successful task, so minibatches fitted by a task that then failed (a lost executor) are not counted.
 */
public final class ExecutorParticipation extends AccumulatorV2<String, Map<String, Long>> {
    private static final long serialVersionUID = 1L;
    private final TreeMap<String, Long> counts = new TreeMap<>();

    /** A new accumulator registered with {@code sc} (it must be registered before tasks use it). */
    public static ExecutorParticipation register(JavaSparkContext sc) {
        ExecutorParticipation p = new ExecutorParticipation();
        sc.sc().register(p, "seqpipe.training.minibatchesByExecutor");
        return p;
    }

    /** {@code <executor id>@<host>} of the JVM this runs in. */
    public static String currentExecutor() {
        SparkEnv env = SparkEnv.get();
        if (env == null) {
            return "no-spark";
        }
        return env.executorId() + "@" + env.blockManager().blockManagerId().host();
    }

    @Override
    public boolean isZero() {
        synchronized (counts) {
            return counts.isEmpty();
        }
    }

    @Override
    public AccumulatorV2<String, Map<String, Long>> copy() {
        ExecutorParticipation c = new ExecutorParticipation();
        synchronized (counts) {
            c.counts.putAll(counts);
        }
        return c;
    }

    @Override
    public void reset() {
        synchronized (counts) {
            counts.clear();
        }
    }

    @Override
    public void add(String executor) {
        synchronized (counts) {
            counts.merge(executor, 1L, Long::sum);
        }
    }

    @Override
    public void merge(AccumulatorV2<String, Map<String, Long>> other) {
        Map<String, Long> theirs = other.value();
        synchronized (counts) {
            theirs.forEach((k, v) -> counts.merge(k, v, Long::sum));
        }
    }

    /** Minibatches fitted, by executor, sorted by key. */
    @Override
    public Map<String, Long> value() {
        synchronized (counts) {
            return new TreeMap<>(counts);
        }
    }

    /** Adds one to the current executor's count before each minibatch a worker fits. */
    public static final class Hook implements TrainingHook {
        private static final long serialVersionUID = 1L;
        private final ExecutorParticipation participation;

        public Hook(ExecutorParticipation participation) {
            this.participation = participation;
        }

        @Override
        public void preUpdate(DataSet minibatch, Model model) {
            participation.add(currentExecutor());
        }

        @Override
        public void preUpdate(MultiDataSet minibatch, Model model) {
            participation.add(currentExecutor());
        }

        @Override
        public void postUpdate(DataSet minibatch, Model model) {
        }

        @Override
        public void postUpdate(MultiDataSet minibatch, Model model) {
        }
    }
}
