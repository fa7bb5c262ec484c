package io.seqpipe.train;

import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LengthBucketingTest {
    /** An example of a given length; the format records the batches it is asked to build. */
    record Sized(long row, int length) {
    }

    static final class RecordingFormat implements MinibatchFormat<Sized> {
        final List<List<Sized>> batches = new ArrayList<>();
        final List<Long> seeds = new ArrayList<>();

        @Override
        public long row(Sized example) {
            return example.row();
        }

        @Override
        public int length(Sized example) {
            return example.length();
        }

        @Override
        public DataSet minibatch(List<Sized> examples) {
            return new DataSet();
        }

        @Override
        public DataSet trainingMinibatch(List<Sized> examples, long seed) {
            batches.add(List.copyOf(examples));
            seeds.add(seed);
            return new DataSet();
        }
    }

    static List<Sized> examples(int n) {
        Random r = new Random(3);
        List<Sized> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Sized(i, 1 + r.nextInt(60)));
        }
        return out;
    }

    static ParameterAveragingTrainer.PaddingCounter counter() {
        return new ParameterAveragingTrainer.PaddingCounter(new LongAccumulator(), new LongAccumulator());
    }

    static void drain(Iterator<DataSet> it) {
        while (it.hasNext()) {
            it.next();
        }
    }

    @Test
    void bucketingUsesEveryExampleOnceAndCutsPadding() {
        List<Sized> data = examples(203);
        RecordingFormat plain = new RecordingFormat();
        ParameterAveragingTrainer.PaddingCounter plainPadding = counter();
        drain(new ParameterAveragingTrainer.Batches<>(data.iterator(), 8, plain, plain::trainingMinibatch, 11, plainPadding));
        RecordingFormat bucketed = new RecordingFormat();
        ParameterAveragingTrainer.PaddingCounter bucketedPadding = counter();
        drain(new ParameterAveragingTrainer.BucketedBatches<>(data.iterator(), 8, 10, bucketed, bucketed::trainingMinibatch, 11, bucketedPadding));

        Set<Long> seen = new HashSet<>();
        bucketed.batches.forEach(b -> b.forEach(e -> assertTrue(seen.add(e.row()), "row " + e.row() + " twice")));
        assertEquals(203, seen.size());
        assertEquals(26, bucketed.batches.size(), "pools of 80, 80 and 43 examples: 10 + 10 + 6 minibatches");
        long real = data.stream().mapToLong(Sized::length).sum();
        assertEquals(real, plainPadding.realSteps().value());
        assertEquals(real, bucketedPadding.realSteps().value());
        double before = plainPadding.efficiency();
        double after = bucketedPadding.efficiency();
        assertTrue(before < 0.6, "unbucketed efficiency " + before);
        assertTrue(after > 0.9, "bucketed efficiency " + after);
        // minibatches are fitted in a shuffled order, not shortest first
        List<Integer> longest = bucketed.batches.stream().map(b -> b.stream().mapToInt(Sized::length).max()
                .orElse(0)).toList();
        assertNotEquals(longest.stream().sorted().toList(), longest);
        // distinct seeds per minibatch (word dropout etc. differ between minibatches)
        assertEquals(bucketed.seeds.size(), new HashSet<>(bucketed.seeds).size());
    }

    @Test
    void theSameSeedGivesTheSameMinibatches() {
        List<Sized> data = examples(97);
        RecordingFormat a = new RecordingFormat();
        RecordingFormat b = new RecordingFormat();
        drain(new ParameterAveragingTrainer.BucketedBatches<>(data.iterator(), 8, 5, a, a::trainingMinibatch, 99, counter()));
        drain(new ParameterAveragingTrainer.BucketedBatches<>(data.iterator(), 8, 5, b, b::trainingMinibatch, 99, counter()));
        assertEquals(a.batches, b.batches);
        assertEquals(a.seeds, b.seeds);
    }
}
