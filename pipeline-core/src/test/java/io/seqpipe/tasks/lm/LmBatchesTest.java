package io.seqpipe.tasks.lm;

import io.seqpipe.lm.CutSequence;
import io.seqpipe.lm.SequenceCutter;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LmBatchesTest {

    @Test
    void idsAndMaskOfRealStepsOneHotTargetsAndTheCountedTargetsMask() {
        LmExample full = new LmExample(0, new int[]{3, 4, 5}, new int[]{4, 5, 6}, 1);
        LmExample shorter = new LmExample(1, new int[]{6, 3}, new int[]{3, 4}, 0);
        DataSet batch = new LmBatches(7).minibatch(List.of(full, shorter));

        assertArrayEquals(new long[]{2, 1, 3}, batch.getFeatures().shape());
        assertEquals(Nd4j.createFromArray(new float[][][]{{{3, 4, 5}}, {{6, 3, 0}}}), batch.getFeatures());
        assertEquals(Nd4j.createFromArray(new float[][]{{1, 1, 1}, {1, 1, 0}}), batch.getFeaturesMaskArray());
        assertEquals(Nd4j.createFromArray(new float[][]{{0, 1, 1}, {1, 1, 0}}), batch.getLabelsMaskArray(),
                "the first step of the overlapping sequence counts in the sequence before; padding never counts");

        INDArray labels = batch.getLabels();
        assertArrayEquals(new long[]{2, 7, 3}, labels.shape());
        int[][] expected = {{4, 5, 6}, {3, 4, -1}};
        for (int i = 0; i < 2; i++) {
            for (int t = 0; t < 3; t++) {
                for (int v = 0; v < 7; v++) {
                    assertEquals(v == expected[i][t] ? 1.0 : 0.0, labels.getDouble(i, v, t),
                            "example " + i + " step " + t + " class " + v);
                }
            }
        }
    }

    @Test
    void overlappingCutSequencesCountEachTargetOnceInTheLabelsMask() {
        int[] stream = {3, 4, 5, 6, 3, 4, 5, 6, 3, 4};
        List<LmExample> examples = new ArrayList<>();
        for (CutSequence s : new SequenceCutter(4, 2).cut(stream)) {
            examples.add(LmExample.of(s));
        }
        DataSet batch = new LmBatches(7).minibatch(examples);
        INDArray counted = batch.getLabelsMaskArray();
        long countedTargets = 0;
        for (int i = 0; i < examples.size(); i++) {
            LmExample e = examples.get(i);
            for (int t = 0; t < counted.size(1); t++) {
                countedTargets += (long) counted.getDouble(i, t);
                assertEquals(t < e.length() ? 1.0 : 0.0, batch.getFeaturesMaskArray().getDouble(i, t));
                assertEquals(t >= e.firstCountedStep() && t < e.length() ? 1.0 : 0.0, counted.getDouble(i, t));
            }
        }
        assertEquals(stream.length - 1, countedTargets, "every target position 1 .. n-1 once");
    }

    @Test
    void aCutSequenceKeepsItsRealStepsAndTheLengthIsThem() {
        CutSequence last = new CutSequence(2, 8, new int[]{5, 6, 0, 0}, new int[]{6, 2, 0, 0}, 2, 0);
        LmExample e = LmExample.of(last);
        assertEquals(new LmExample(2, new int[]{5, 6}, new int[]{6, 2}, 0), e);
        assertEquals(2, new LmBatches(7).length(e));
        assertEquals(2, new LmBatches(7).row(e));
        assertEquals(2, e.countedSteps());
    }

    @Test
    void badExamplesAndTargetsOutsideTheVocabularyFail() {
        assertEquals("a language-model example needs inputs and targets of one length >= 1 and 0 <= firstCountedStep"
                        + " < length, got 2/2 steps, firstCountedStep 2",
                assertThrows(IllegalArgumentException.class,
                        () -> new LmExample(0, new int[]{1, 2}, new int[]{2, 3}, 2)).getMessage());
        assertEquals("sequence 4 has target id 7 at step 1, outside the vocabulary [0, 7)",
                assertThrows(IllegalArgumentException.class, () -> new LmBatches(7).minibatch(
                        List.of(new LmExample(4, new int[]{1, 2}, new int[]{2, 7}, 0)))).getMessage());
    }
}
