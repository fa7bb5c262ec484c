package io.seqpipe.model;

import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;

/**
 * DL4J's {@link Bidirectional} whose {@link #clone()} also clones the wrapped forward and backward layer
 * configurations. DL4J 1.0.0-M2.1's clone is shallow, so networks built from clones of one configuration share the
 * wrapped layers' {@code Dropout} objects, which keep the current dropout mask as state: two Spark tasks training in one
 * executor JVM (dl4j-spark clones the broadcast configuration per task) then clear each other's masks and fail with
 * "Dropout mask array is absent (already cleared?)".
 */
public class CloneSafeBidirectional extends Bidirectional {

    /** For JSON deserialization. */
    public CloneSafeBidirectional() {
        super();
    }

    public CloneSafeBidirectional(Mode mode, Layer layer) {
        super(mode, layer);
    }

    @Override
    public Layer clone() {
        CloneSafeBidirectional copy = (CloneSafeBidirectional) super.clone();
        copy.setFwd(getFwd().clone());
        copy.setBwd(getBwd().clone());
        return copy;
    }
}
