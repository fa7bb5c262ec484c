package io.seqpipe.train;

import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * dl4j-spark's {@link ParameterAveragingTrainingMaster}, given exactly one averaging round per fit call: the data are
 * already one partition per worker holding that worker's minibatches of the round ({@link BucketedEpoch}). The
 * master's own preparation of a fit is then redundant work: it persists the minibatches (serialized), counts them in a
 * separate Spark job and splits them into rounds at random, before the round's training job reads them back. Here the
 * round goes straight to the master's {@code doIteration} (broadcast, workers fitting their partition, averaging of
 * parameters and updater state: unchanged), one Spark job per round instead of two and no serialization of the
 * minibatches. Measured on the reference tagger in {@code local[2]}: about a third of each round was this preparation
 * (docs/PERFORMANCE.md).
 */
final class OneRoundTrainingMaster extends ParameterAveragingTrainingMaster {
    private static final long serialVersionUID = 1L;

    OneRoundTrainingMaster(Builder builder) {
        super(builder);
    }

    @Override
    protected void executeTrainingDirect(SparkComputationGraph graph, JavaRDD<MultiDataSet> round) {
        doIteration(graph, round, 1, 1);
    }

    @Override
    protected void executeTrainingDirect(SparkDl4jMultiLayer network, JavaRDD<DataSet> round) {
        doIteration(network, round, 1, 1);
    }
}
