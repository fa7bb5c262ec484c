"""SeqPipe nightly champion/challenger retraining as an Apache Airflow DAG.

Install: copy this file into your Airflow ``dags/`` folder, build ``jobs/target/seqpipe.jar`` and put it and the
config where the Airflow workers can read them (the paths below, or the Airflow Variables named below), and point
the ``spark_default`` connection at your cluster (``yarn``, ``spark://host:7077`` or ``k8s://...``). Needs
``apache-airflow-providers-apache-spark``.

One task per night runs ``seqpipe retrain --date {{ ds }}`` (the run's logical date, so a backfill retrains the day
it names, and re-running a day adds no version). The logic (registry lock, prepare, train, evaluate the challenger
and the champion on the same test set, promote only if better, score with the champion, JSON run log under
``<registry.root>/<name>/runs/<date>/``) lives in the tested ``retrain`` command. Exit codes: 1 a step failed (the
champion is unchanged unless the failure came after the promotion), 2 bad config, 3 another run holds the lock;
all of them fail the task, and Airflow's retry runs the day again cleanly.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.models import Variable
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

SEQPIPE_HOME = Variable.get("seqpipe_home", default_var="/opt/seqpipe")
SEQPIPE_JAR = Variable.get("seqpipe_jar", default_var=SEQPIPE_HOME + "/jobs/target/seqpipe.jar")
SEQPIPE_CONF = Variable.get("seqpipe_conf", default_var=SEQPIPE_HOME + "/conf/nightly-sentiment.conf")

# SeqPipe's recommended Spark settings, as scripts/spark-submit.sh adds them (conf/CLUSTER.md explains each).
SPARK_CONF = {
    "spark.executorEnv.OMP_NUM_THREADS": "1",
    "spark.executor.memoryOverhead": "4g",
    "spark.executor.extraJavaOptions":
        "-Dorg.bytedeco.javacpp.maxbytes=4g -Dorg.bytedeco.javacpp.maxphysicalbytes=12g",
    "spark.serializer": "org.apache.spark.serializer.KryoSerializer",
    "spark.kryo.registrator": "org.nd4j.kryo.Nd4jRegistrator,io.seqpipe.spark.SeqPipeKryoRegistrator",
}

default_args = {
    "owner": "seqpipe",
    "retries": 1,
    "retry_delay": timedelta(minutes=30),
}

with DAG(
    dag_id="seqpipe_nightly_retrain",
    description="SeqPipe champion/challenger retraining of the sentiment model",
    schedule="15 2 * * *",
    start_date=datetime(2026, 11, 1),
    catchup=False,
    max_active_runs=1,
    default_args=default_args,
    tags=["seqpipe"],
) as dag:
    retrain = SparkSubmitOperator(
        task_id="retrain",
        conn_id="spark_default",
        application=SEQPIPE_JAR,
        java_class="io.seqpipe.jobs.SeqPipe",
        # client deploy mode (spark_default's default): the driver runs on the Airflow worker and reads the config
        # there. For cluster deploy mode, make the config self-contained (no include), add files=SEQPIPE_CONF and
        # pass its base name to --conf.
        application_args=["retrain", "--conf", SEQPIPE_CONF, "--date", "{{ ds }}"],
        conf=SPARK_CONF,
        num_executors=8,
        executor_cores=4,
        executor_memory="8g",
        name="seqpipe-retrain-{{ ds }}",
        execution_timeout=timedelta(hours=10),
    )
