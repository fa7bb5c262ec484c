package io.seqpipe.tasks.translation;

import io.seqpipe.train.MinibatchFormat;
import io.seqpipe.translation.EncodedPair;
import io.seqpipe.translation.TranslationBatch;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

import java.util.List;

/**
 * Training minibatches of an encoder-decoder: two inputs (source, {@code <s>} + target) with their masks and sparse
 * labels ({@link TranslationBatch}). Length bucketing sorts by source length (target lengths follow it closely).
 */
final class TranslationBatches implements MinibatchFormat<EncodedPair> {
    private static final long serialVersionUID = 1L;
    private final int targetVocabularySize;

    TranslationBatches(int targetVocabularySize) {
        this.targetVocabularySize = targetVocabularySize;
    }

    @Override
    public long row(EncodedPair example) {
        return example.line();
    }

    @Override
    public int length(EncodedPair example) {
        return example.source().length;
    }

    @Override
    public boolean multiInput() {
        return true;
    }

    @Override
    public MultiDataSet trainingMultiMinibatch(List<EncodedPair> examples, long seed) {
        return TranslationBatch.assemble(examples, TranslationBatch.LabelFormat.INDICES, targetVocabularySize);
    }

    @Override
    public DataSet minibatch(List<EncodedPair> examples) {
        throw new UnsupportedOperationException("an encoder-decoder has two inputs: use trainingMultiMinibatch");
    }
}
