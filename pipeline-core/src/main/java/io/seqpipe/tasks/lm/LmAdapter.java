package io.seqpipe.tasks.lm;

import io.seqpipe.inference.Batching;
import io.seqpipe.inference.InferenceAdapter;
import io.seqpipe.inference.NetworkInputs;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A language model's inference over whole sequences, each from a zero state: one forward pass of a batch (ids and the
 * mask of real steps, {@link LmBatches#features}) gives the per-step softmax {@code [batch, V, T]}; each sequence's
 * prediction is the summed negative log-likelihood (nats) of the targets it counts and their number. Batches of
 * similar lengths, so that a batch pads little.
 */
final class LmAdapter implements InferenceAdapter<LmExample, LmAdapter.Loss> {
    private static final long serialVersionUID = 1L;

    /**
     * One sequence's loss: NaN nats when the network's outputs are not numbers (the validator reports NaN then).
     *
     * @param nats    the summed negative log-likelihood of the counted targets
     * @param targets how many targets the sequence counts
     */
    record Loss(double nats, int targets) implements Serializable {
    }

    @Override
    public NetworkInputs inputs(List<LmExample> batch) {
        INDArray[] f = LmBatches.features(batch);
        return NetworkInputs.masked(f[0], f[1]);
    }

    @Override
    public List<Loss> predictions(List<LmExample> batch, INDArray[] outputs) {
        INDArray probabilities = outputs[0];
        List<Loss> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            LmExample e = batch.get(i);
            double nats = 0;
            for (int t = e.firstCountedStep(); t < e.length(); t++) {
                nats -= Math.log(Math.max(probabilities.getDouble(i, e.targets()[t], t), Double.MIN_NORMAL));
            }
            out.add(new Loss(nats, e.countedSteps()));
        }
        return out;
    }

    @Override
    public Batching<LmExample> batching(int batchSize) {
        return Batching.lengthSorted(batchSize, LmExample::length);
    }
}
