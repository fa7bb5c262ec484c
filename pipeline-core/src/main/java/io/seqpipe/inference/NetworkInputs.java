package io.seqpipe.inference;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What one forward pass of a network takes: a features array per graph input, with its mask (null where the input has
 * none, or {@code masks} null altogether), and label masks for networks whose output layers read them (teacher-forced
 * decoders); null when not needed.
 */
public record NetworkInputs(INDArray[] features, INDArray[] masks, INDArray[] labelMasks) {

    /** Unmasked inputs (fixed-length windows). */
    public static NetworkInputs of(INDArray... features) {
        return new NetworkInputs(features, null, null);
    }

    /** One input with its mask. */
    public static NetworkInputs masked(INDArray features, INDArray mask) {
        return new NetworkInputs(new INDArray[]{features}, new INDArray[]{mask}, null);
    }

    /** The network's outputs for these inputs, in inference mode. */
    public INDArray[] outputsOf(ComputationGraph network) {
        if (masks == null && labelMasks == null) {
            return network.output(false, features);
        }
        return labelMasks == null ? network.output(false, features, masks)
                : network.output(false, features, masks, labelMasks);
    }
}
