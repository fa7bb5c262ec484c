package io.seqpipe.translation;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/**
 * Encoded pairs → one DL4J {@link MultiDataSet} for an encoder-decoder graph with two inputs. Each side is padded
 * only to the longest sequence of its side in this minibatch, real steps first:
 * <ul>
 *   <li>features {@code [0]}: source ids {@code [batch, 1, Ts]}, mask {@code [batch, Ts]};</li>
 *   <li>features {@code [1]}: decoder input ids ({@code <s>} + target) {@code [batch, 1, Td]}, mask
 *       {@code [batch, Td]};</li>
 *   <li>labels {@code [0]}: decoder output (target + {@code </s>}) as class indices {@code [batch, 1, Td]}
 *       ({@link LabelFormat#INDICES}, for DL4J's sparse MCXENT loss) or one-hot {@code [batch, vocab, Td]}
 *       ({@link LabelFormat#ONE_HOT}); labels mask = the decoder mask.</li>
 * </ul>
 * Ids are floats, as DL4J's embedding layers take them. Pure (ND4J arrays only).
 */
public final class TranslationBatch {
    public enum LabelFormat { INDICES, ONE_HOT }

    private TranslationBatch() {
    }

    public static MultiDataSet assemble(List<EncodedPair> batch, LabelFormat labels, int targetVocabularySize) {
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("a minibatch needs at least one pair");
        }
        int b = batch.size();
        int ts = 1;
        int td = 1;
        for (EncodedPair p : batch) {
            ts = Math.max(ts, p.source().length);
            td = Math.max(td, p.decoderInput().length);
        }
        float[][] src = new float[b][ts];
        float[][] srcMask = new float[b][ts];
        float[][] decIn = new float[b][td];
        float[][] decMask = new float[b][td];
        for (int i = 0; i < b; i++) {
            EncodedPair p = batch.get(i);
            for (int t = 0; t < p.source().length; t++) {
                src[i][t] = p.source()[t];
                srcMask[i][t] = 1f;
            }
            for (int t = 0; t < p.decoderInput().length; t++) {
                decIn[i][t] = p.decoderInput()[t];
                decMask[i][t] = 1f;
            }
        }
        INDArray labelArray;
        if (labels == LabelFormat.INDICES) {
            float[][] idx = new float[b][td];
            for (int i = 0; i < b; i++) {
                int[] out = batch.get(i).decoderOutput();
                for (int t = 0; t < out.length; t++) {
                    idx[i][t] = out[t];
                }
            }
            labelArray = Nd4j.createFromArray(idx).reshape('c', b, 1, td);
        } else {
            labelArray = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, b, targetVocabularySize, td);
            for (int i = 0; i < b; i++) {
                int[] out = batch.get(i).decoderOutput();
                for (int t = 0; t < out.length; t++) {
                    if (out[t] >= targetVocabularySize) {
                        throw new IllegalArgumentException("target id " + out[t] + " >= vocabulary size "
                                + targetVocabularySize);
                    }
                    labelArray.putScalar(new long[]{i, out[t], t}, 1.0);
                }
            }
        }
        INDArray decoderMask = Nd4j.createFromArray(decMask);
        return new MultiDataSet(
                new INDArray[]{Nd4j.createFromArray(src).reshape('c', b, 1, ts),
                        Nd4j.createFromArray(decIn).reshape('c', b, 1, td)},
                new INDArray[]{labelArray},
                new INDArray[]{Nd4j.createFromArray(srcMask), decoderMask},
                new INDArray[]{decoderMask.dup()});
    }
}
