package io.seqpipe.inference;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batching and pairing of {@link BatchedPredictions}, with a stand-in for the network (no Spark, no DL4J). */
class BatchedPredictionsTest {

    /** "Predicts" ten times the input and records the batches it was given. */
    static final class TimesTen implements InferenceAdapter<Integer, Integer> {
        final List<List<Integer>> batches = new ArrayList<>();
        private final Batching<Integer> batching;

        TimesTen(Batching<Integer> batching) {
            this.batching = batching;
        }

        @Override
        public NetworkInputs inputs(List<Integer> batch) {
            throw new AssertionError("predict is overridden");
        }

        @Override
        public List<Integer> predictions(List<Integer> batch, INDArray[] outputs) {
            throw new AssertionError("predict is overridden");
        }

        @Override
        public List<Integer> predict(ComputationGraph network, List<Integer> batch) {
            batches.add(List.copyOf(batch));
            return batch.stream().map(i -> i * 10).toList();
        }

        @Override
        public Batching<Integer> batching(int batchSize) {
            return batching == null ? InferenceAdapter.super.batching(batchSize) : batching;
        }
    }

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    private static <I, P> List<Prediction<I, P>> all(Iterator<Prediction<I, P>> it) {
        List<Prediction<I, P>> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void aPartitionLargerThanABatchIsPredictedInOrderWithAPartialLastBatch() {
        TimesTen adapter = new TimesTen(null);
        int[] restored = {0};
        List<Prediction<Integer, Integer>> p = all(BatchedPredictions.of(range(7).iterator(), adapter, 3, () -> {
            restored[0]++;
            return null;
        }));
        assertEquals(List.of(List.of(0, 1, 2), List.of(3, 4, 5), List.of(6)), adapter.batches);
        assertEquals(range(7), p.stream().map(Prediction::input).toList(), "input order");
        for (Prediction<Integer, Integer> x : p) {
            assertEquals(x.input() * 10, x.output(), "each prediction beside its own input");
        }
        assertEquals(1, restored[0], "the network is restored once per partition");
    }

    @Test
    void anEmptyPartitionNeverRestoresTheNetwork() {
        TimesTen adapter = new TimesTen(null);
        Iterator<Prediction<Integer, Integer>> p = BatchedPredictions.of(List.<Integer>of().iterator(), adapter, 3,
                () -> {
                    throw new AssertionError("restored for an empty partition");
                });
        assertFalse(p.hasNext());
        assertTrue(adapter.batches.isEmpty());
    }

    @Test
    void aPartitionOfExactlyOneBatchIsOneCall() {
        TimesTen adapter = new TimesTen(null);
        assertEquals(4, all(BatchedPredictions.of(range(4).iterator(), adapter, 4, () -> null)).size());
        assertEquals(List.of(range(4)), adapter.batches);
    }

    @Test
    void inputsAreReadOneBatchAhead() {
        TimesTen adapter = new TimesTen(null);
        int[] read = {0};
        Iterator<Integer> source = new Iterator<>() {
            private final Iterator<Integer> inner = range(1000).iterator();

            @Override
            public boolean hasNext() {
                return inner.hasNext();
            }

            @Override
            public Integer next() {
                read[0]++;
                return inner.next();
            }
        };
        Iterator<Prediction<Integer, Integer>> p = BatchedPredictions.of(source, adapter, 8, () -> null);
        p.next();
        assertEquals(8, read[0], "bounded memory: one batch read, not the partition");
        for (int i = 1; i < 9; i++) {
            p.next();
        }
        assertEquals(16, read[0]);
    }

    @Test
    void lengthSortedBatchesKeepEveryPredictionWithItsInput() {
        // lengths: the value mod 7; 50 inputs, batches of 4: 3 pools would be needed at pool 20 x 4 = 80 -> 1 pool
        TimesTen adapter = new TimesTen(Batching.lengthSorted(4, i -> i % 7));
        List<Integer> inputs = new ArrayList<>(range(50));
        java.util.Collections.shuffle(inputs, new java.util.Random(3));
        List<Prediction<Integer, Integer>> p = all(BatchedPredictions.of(inputs.iterator(), adapter, 4, () -> null));
        assertEquals(50, p.size());
        Set<Integer> seen = new HashSet<>();
        for (Prediction<Integer, Integer> x : p) {
            assertEquals(x.input() * 10, x.output());
            assertTrue(seen.add(x.input()), "each input once");
        }
        assertEquals(13, adapter.batches.size());
        for (List<Integer> b : adapter.batches) {
            for (int i = 1; i < b.size(); i++) {
                assertTrue(b.get(i - 1) % 7 <= b.get(i) % 7, "sorted by length within the pool: " + b);
            }
        }
    }

    @Test
    void anAdapterSeenThroughAViewPairsPredictionsWithTheCallersRecords() {
        record Line(String text, int id) {
        }
        TimesTen inner = new TimesTen(null);
        InferenceAdapter<Line, Integer> viewed = inner.on(Line::id);
        List<Line> lines = List.of(new Line("a", 1), new Line("b", 2), new Line("c", 3));
        List<Prediction<Line, Integer>> p = all(BatchedPredictions.of(lines.iterator(), viewed, 2, () -> null));
        assertEquals(lines, p.stream().map(Prediction::input).toList());
        assertEquals(List.of(10, 20, 30), p.stream().map(Prediction::output).toList());
        assertEquals(List.of(List.of(1, 2), List.of(3)), inner.batches);
    }

    @Test
    void aPredictorThatLosesInputsIsAnError() {
        Iterator<Prediction<Integer, Integer>> p = BatchedPredictions.of(Batching.<Integer>inOrder(3)
                .batches(range(3).iterator()), batch -> batch.subList(0, 2));
        IllegalStateException e = assertThrows(IllegalStateException.class, p::hasNext);
        assertEquals("inference gave 2 predictions for a batch of 3 inputs", e.getMessage());
    }

    @Test
    void aBatchHoldsAtLeastOneInput() {
        assertThrows(IllegalArgumentException.class, () -> Batching.inOrder(0));
    }
}
