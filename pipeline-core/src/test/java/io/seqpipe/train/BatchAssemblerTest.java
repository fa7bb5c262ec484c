package io.seqpipe.train;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class BatchAssemblerTest {
    static EncodedExample ex(int label, int[] ids, int[] mask) {
        return new EncodedExample(0, ids, mask, label);
    }

    @Test
    void postPaddedBatchIsTrimmedToItsLongestSequence() {
        DataSet d = BatchAssembler.classification(List.of(
                ex(1, new int[]{5, 6, 0, 0, 0}, new int[]{1, 1, 0, 0, 0}),
                ex(0, new int[]{7, 8, 9, 0, 0}, new int[]{1, 1, 1, 0, 0})), 3);
        assertArrayEquals(new long[]{2, 1, 3}, d.getFeatures().shape());
        assertArrayEquals(new float[]{5, 6, 0, 7, 8, 9}, d.getFeatures().data().asFloat());
        assertArrayEquals(new float[]{1, 1, 0, 1, 1, 1}, d.getFeaturesMaskArray().data().asFloat());
        assertArrayEquals(new float[]{0, 1, 0, 1, 0, 0}, d.getLabels().data().asFloat());
        assertEquals(null, d.getLabelsMaskArray());
    }

    @Test
    void theClassificationFormatGivesRealLengthsForBucketing() {
        MinibatchFormat<EncodedExample> format = BatchAssembler.classificationFormat(2);
        assertEquals(2, format.length(ex(0, new int[]{5, 6, 0, 0, 0}, new int[]{1, 1, 0, 0, 0})));
        assertEquals(3, format.length(ex(0, new int[]{0, 0, 7, 8, 9}, new int[]{0, 0, 1, 1, 1})));
    }

    @Test
    void prePaddedSequencesAreLeftAligned() {
        INDArray[] f = BatchAssembler.features(List.of(
                ex(0, new int[]{0, 0, 0, 4, 5}, new int[]{0, 0, 0, 1, 1}),
                ex(0, new int[]{0, 0, 0, 0, 6}, new int[]{0, 0, 0, 0, 1})));
        assertArrayEquals(new float[]{4, 5, 6, 0}, f[0].data().asFloat());
        assertArrayEquals(new float[]{1, 1, 1, 0}, f[1].data().asFloat());
    }

    @Test
    void shuffleKeysAreDeterministicAndDistinct() {
        assertEquals(ParameterAveragingTrainer.shuffleKey(42, 3, 17), ParameterAveragingTrainer.shuffleKey(42, 3, 17));
        Set<Long> keys = new HashSet<>();
        for (int row = 0; row < 10_000; row++) {
            keys.add(ParameterAveragingTrainer.shuffleKey(42, 1, row));
        }
        assertEquals(10_000, keys.size());
        // another epoch orders the rows differently
        List<Integer> epochOne = order(1);
        assertNotEquals(epochOne, order(2));
        assertEquals(epochOne, order(1), "recomputing an epoch's order gives the same order");
    }

    private static List<Integer> order(int epoch) {
        List<Integer> rows = new java.util.ArrayList<>();
        for (int r = 0; r < 100; r++) {
            rows.add(r);
        }
        rows.sort(java.util.Comparator.comparingLong(r -> ParameterAveragingTrainer.shuffleKey(42, epoch, r)));
        return rows;
    }
}
