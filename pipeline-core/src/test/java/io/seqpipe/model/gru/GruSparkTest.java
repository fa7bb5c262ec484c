package io.seqpipe.model.gru;

import io.seqpipe.model.ModelSpec;
import io.seqpipe.model.NetworkFactory;
import io.seqpipe.model.OptimizerSpec;
import io.seqpipe.testing.TestSpark;
import io.seqpipe.testing.SyntheticSequences;
import io.seqpipe.train.BatchAssembler;
import io.seqpipe.train.EncodedExample;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A GRU network under dl4j-spark parameter averaging (local[2]): one averaging round equals the average of two local
 * SGD steps, so the GRU's parameters and gradients live in the flattened vectors that Spark ships and averages.
 */
@Tag("spark")
class GruSparkTest {

    @Test
    void oneAveragingRoundEqualsTheMeanOfTwoLocalSteps() {
        ModelSpec spec = new ModelSpec(ModelSpec.Cell.GRU, 1, 6, true, 5, 0.0, ModelSpec.Pooling.MAX);
        OptimizerSpec opt = new OptimizerSpec(OptimizerSpec.Updater.SGD, 0.5, 0, 0, 3);
        ComputationGraphConfiguration conf = NetworkFactory.sequenceClassifier(spec, opt, 10, 2);
        List<EncodedExample> data = SyntheticSequences.tokenPresence(32, 8, 4);
        DataSet first = BatchAssembler.classification(data.subList(0, 16), 2);
        DataSet second = BatchAssembler.classification(data.subList(16, 32), 2);

        ComputationGraph start = new ComputationGraph(conf);
        start.init();
        ComputationGraph a = start.clone();
        a.fit(first);
        ComputationGraph b = start.clone();
        b.fit(second);
        INDArray expected = a.params().add(b.params()).divi(2);
        assertTrue(expected.sub(start.params()).norm2Number().doubleValue() > 1e-2, "the SGD steps moved");

        SparkSession spark = TestSpark.start("gru");
        try {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            ParameterAveragingTrainingMaster master = new ParameterAveragingTrainingMaster.Builder(16)
                    .batchSizePerWorker(16).averagingFrequency(1).rngSeed(3)
                    .rddTrainingApproach(RDDTrainingApproach.Direct)
                    .repartionData(Repartition.Never).workerPrefetchNumBatches(0).build();
            SparkComputationGraph net = new SparkComputationGraph(sc, start.clone(), master);
            JavaRDD<DataSet> rdd = sc.parallelize(List.of(first, second), 2);
            net.fit(rdd);
            INDArray actual = net.getNetwork().params();
            assertTrue(expected.equalsWithEps(actual, 1e-5),
                    "max difference " + expected.sub(actual).amaxNumber());
            for (String gru : new String[]{"rnn1_fwd", "rnn1_bwd"}) {
                INDArray moved = net.getNetwork().getLayer(gru).params().sub(start.getLayer(gru).params());
                assertTrue(moved.norm2Number().doubleValue() > 1e-3, gru + " was trained");
            }
        } finally {
            spark.stop();
        }
    }
}
