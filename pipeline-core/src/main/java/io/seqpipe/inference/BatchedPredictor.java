package io.seqpipe.inference;

import io.seqpipe.train.BatchAssembler;
import io.seqpipe.train.EncodedExample;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Runs a classifier over an iterator of examples in minibatches, lazily: at most one batch is held in memory, so a
 * Spark partition of any size is scored in bounded memory.
 */
public final class BatchedPredictor implements Iterator<Prediction> {
    private final ComputationGraph network;
    private final Iterator<EncodedExample> source;
    private final int batchSize;
    private final ArrayDeque<Prediction> ready = new ArrayDeque<>();

    public BatchedPredictor(ComputationGraph network, Iterator<EncodedExample> source, int batchSize) {
        this.network = network;
        this.source = source;
        this.batchSize = batchSize;
    }

    @Override
    public boolean hasNext() {
        if (ready.isEmpty() && source.hasNext()) {
            fill();
        }
        return !ready.isEmpty();
    }

    @Override
    public Prediction next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    private void fill() {
        List<EncodedExample> batch = new ArrayList<>(batchSize);
        while (source.hasNext() && batch.size() < batchSize) {
            batch.add(source.next());
        }
        INDArray[] f = BatchAssembler.features(batch);
        INDArray out = network.output(false, new INDArray[]{f[0]}, new INDArray[]{f[1]})[0];
        float[][] probs = out.toFloatMatrix();
        for (int i = 0; i < batch.size(); i++) {
            ready.add(new Prediction(batch.get(i), probs[i]));
        }
    }
}
