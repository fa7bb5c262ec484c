package io.seqpipe.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the job's SparkSession. The master comes from spark-submit ({@code spark.master}); only when none is set
 * does the job run on {@code defaultMaster} (the embedded default, {@code local[*]}). Kryo with ND4J's registrator
 * and one OpenMP thread per executor task are set unless the user already set them.
 */
public final class SparkSessions {
    private static final Logger LOG = LoggerFactory.getLogger(SparkSessions.class);

    private SparkSessions() {
    }

    public static SparkSession start(String appName, String defaultMaster, int ompThreadsPerTask) {
        return SparkSession.builder().config(conf(appName, defaultMaster, ompThreadsPerTask)).getOrCreate();
    }

    /** The SparkConf {@link #start} uses: system properties and spark-submit settings win over these defaults. */
    public static SparkConf conf(String appName, String defaultMaster, int ompThreadsPerTask) {
        SparkConf conf = new SparkConf();
        if (!conf.contains("spark.master")) {
            conf.setMaster(defaultMaster);
            LOG.info("no spark.master set (not run through spark-submit): using the embedded default {}", defaultMaster);
        }
        conf.setIfMissing("spark.app.name", appName);
        conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        conf.setIfMissing("spark.kryo.registrator", "org.nd4j.kryo.Nd4jRegistrator,"
                + SeqPipeKryoRegistrator.class.getName());
        conf.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", Integer.toString(ompThreadsPerTask));
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            conf.setIfMissing("spark.ui.showConsoleProgress", "false");
            String omp = System.getenv("OMP_NUM_THREADS");
            if (omp == null) {
                LOG.warn("OMP_NUM_THREADS is not set: ND4J will use one OpenMP thread per core in every task, which "
                        + "oversubscribes the cores in local mode (about 3x slower). Export OMP_NUM_THREADS={} "
                        + "before starting the JVM (scripts/seqpipe does).", ompThreadsPerTask);
            }
        }
        return conf;
    }
}
