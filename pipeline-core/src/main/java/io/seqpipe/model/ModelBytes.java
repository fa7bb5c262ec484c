package io.seqpipe.model;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A network as DL4J ModelSerializer bytes: what is broadcast to executors and saved in a model directory. */
public final class ModelBytes {
    private ModelBytes() {
    }

    public static byte[] of(ComputationGraph net, boolean withUpdater) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ModelSerializer.writeModel(net, out, withUpdater);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize the network", e);
        }
    }

    public static ComputationGraph restore(byte[] bytes) {
        try {
            return ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore the network", e);
        }
    }
}
