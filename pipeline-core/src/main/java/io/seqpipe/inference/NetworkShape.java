package io.seqpipe.inference;

import io.seqpipe.model.ModelBytes;
import io.seqpipe.SeqPipeException;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.util.ModelSerializer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The layer sizes of a saved network ({@link ModelBytes}), read from its configuration without restoring the weights,
 * to check on the driver that a model directory's vocabularies and labels are the ones its network was built for
 * (a {@code model.zip} copied from another model would otherwise fail deep inside a layer on the executors).
 *
 * <p>Reading also inflates every entry of the zip, so a truncated or altered {@code model.zip} is refused here, by
 * name, even in a model directory without checksums.
 */
public final class NetworkShape {
    private final String model;
    private final ComputationGraphConfiguration configuration;

    private NetworkShape(String model, ComputationGraphConfiguration configuration) {
        this.model = model;
        this.configuration = configuration;
    }

    /**
     * The shape of the network in {@code bytes}; {@code model} names the model directory in messages.
     *
     * @throws SeqPipeException "model directory X: model.zip is not a readable network (...)"
     */
    public static NetworkShape of(String model, byte[] bytes) {
        String json = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                byte[] content = zip.readAllBytes(); // checks each entry's CRC
                if (entry.getName().equals(ModelSerializer.CONFIGURATION_JSON)) {
                    json = new String(content, StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw notReadable(model, e.toString());
        }
        if (json == null) {
            throw notReadable(model, "no " + ModelSerializer.CONFIGURATION_JSON + " in it");
        }
        try {
            return new NetworkShape(model, ComputationGraphConfiguration.fromJson(json));
        } catch (RuntimeException e) {
            throw notReadable(model, "its configuration is not a computation graph's: " + e.getMessage());
        }
    }

    private static SeqPipeException notReadable(String model, String why) {
        return new SeqPipeException("model directory " + model + ": model.zip is not a readable network ("
                + why + ")");
    }

    /** The input width ({@code nIn}: vocabulary size of an embedding) of {@code layer}. */
    public long inputsOf(String layer) {
        return layer(layer).getNIn();
    }

    /** The output width ({@code nOut}: classes of an output layer) of {@code layer}. */
    public long outputsOf(String layer) {
        return layer(layer).getNOut();
    }

    /**
     * Fails unless {@code layer} takes {@code expected} inputs: "model directory X does not fit its model.zip:
     * {@code <source>} has N {@code <unit>}, the network's {@code <role>} takes M (model.zip of another model?)".
     */
    public NetworkShape requireInputs(String layer, String role, long expected, String source, String unit) {
        return require(inputsOf(layer), "takes", role, expected, source, unit);
    }

    /** As {@link #requireInputs}, for the number of outputs of {@code layer} ("... gives M"). */
    public NetworkShape requireOutputs(String layer, String role, long expected, String source, String unit) {
        return require(outputsOf(layer), "gives", role, expected, source, unit);
    }

    private NetworkShape require(long actual, String verb, String role, long expected, String source, String unit) {
        if (actual != expected) {
            throw new SeqPipeException("model directory " + model + " does not fit its model.zip: " + source
                    + " has " + expected + " " + unit + ", the network's " + role + " " + verb + " " + actual
                    + " (model.zip of another model?)");
        }
        return this;
    }

    private FeedForwardLayer layer(String name) {
        GraphVertex v = configuration.getVertices().get(name);
        if (v instanceof LayerVertex lv) {
            org.deeplearning4j.nn.conf.layers.Layer l = lv.getLayerConf().getLayer();
            if (l instanceof org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer w) {
                l = w.getUnderlying(); // e.g. a frozen embedding
            }
            if (l instanceof FeedForwardLayer f) {
                return f;
            }
        }
        throw new SeqPipeException("model directory " + model + ": the network in model.zip has no layer '"
                + name + "' (model.zip of another kind of model?)");
    }
}
