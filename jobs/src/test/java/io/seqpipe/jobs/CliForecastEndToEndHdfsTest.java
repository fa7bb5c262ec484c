package io.seqpipe.jobs;

import io.seqpipe.io.Json;
import io.seqpipe.report.ReportPage;
import io.seqpipe.testing.Fixtures;
import io.seqpipe.testing.MiniHdfs;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real CLI with {@code task = forecast}, prepare → train → evaluate → score, every input and output on a real
 * HDFS (MiniDFSCluster), on a synthetic seasonal series with trend (two monthly stations, 2000-2009, CRLF, four bad
 * rows): the trained model must beat the seasonal-naive baseline, which misses one year of trend at every step.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliForecastEndToEndHdfsTest {
    static MiniHdfs hdfs;
    static String series;

    @BeforeAll
    static void startHdfs() {
        System.setProperty("spark.ui.enabled", "false");
        hdfs = MiniHdfs.start("cli-forecast");
        series = hdfs.upload(Fixtures.fixture("timeseries/seasonal-stations.csv"), "/data/stations/monthly.csv");
    }

    @AfterAll
    static void stopHdfs() {
        hdfs.close();
    }

    static CliRun cli(String command, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "--set", "task=forecast",
                "--set", "paths.input=" + hdfs.uri("/data/stations"), "--set", "paths.work=" + hdfs.uri("/runs/f1"),
                "--set", "series.timestampColumns=[month]", "--set", "series.timestampFormat=yyyy-MM",
                "--set", "series.valueColumns=[value]", "--set", "series.keyColumn=station",
                "--set", "series.categoricalColumns=[weather]", "--set", "cleaning.gaps=interpolate",
                "--set", "split.mode=timestamp", "--set", "split.validationStart=2008-01",
                "--set", "split.testStart=2009-01", "--set", "window.lookback=12", "--set", "window.horizon=6",
                "--set", "window.targetColumns=[value]", "--set", "evaluation.seasonLength=12",
                "--set", "transform.relativeToLast=true", "--set", "model.hidden=16", "--set", "train.epochs=12",
                "--set", "train.batchSize=16", "--set", "train.learningRate=0.01",
                "--set", "spark.defaultMaster=local[2]"));
        args.addAll(Arrays.asList(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    @Order(0)
    void aMisspelledTimeSeriesKeyFailsBeforeSparkStarts() {
        CliRun r = cli("prepare", "--set", "window.lookbak=3");
        assertEquals(SeqPipeCli.USAGE, r.exitCode());
        assertEquals("seqpipe: error: invalid config: unknown config key 'window.lookbak' (did you mean"
                + " 'window.lookback'?); see the task's defaults for every key", r.reason());
    }

    @Test
    @Order(1)
    void prepareOnHdfsCountsRejectsAndWritesWindows() {
        CliRun r = cli("prepare");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("  input: read 243 rows, rejected 4 {bad_timestamp=1, duplicate_timestamp=1,"
                + " non_numeric_value=1, wrong_column_count=1}\n"), r.out());
        assertTrue(r.out().contains("  windows: train 158, validation 14, test 14 (L 12 x 3 features -> H 6 x [value];"),
                r.out());
        for (String part : List.of("train", "validation", "test", "rejects")) {
            assertTrue(hdfs.exists("/runs/f1/prepared/" + part + "/_SUCCESS"), part);
        }
        assertTrue(hdfs.exists("/runs/f1/prepared/_SUCCESS"));
        Map<String, Object> summary = Json.readMap(hdfs.read("/runs/f1/prepared/summary.json"));
        assertEquals(List.of(hdfs.uri("/data/stations/monthly.csv")), summary.get("files"));
    }

    @Test
    @Order(2)
    void trainOnHdfsWritesTheModelWithItsScalerArtifacts() throws Exception {
        CliRun r = cli("train");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("  158 train / 14 validation windows, "), r.out());
        List<String> files = new ArrayList<>();
        for (FileStatus s : hdfs.fs().listStatus(new Path("/runs/f1/model/artifacts"))) {
            files.add(s.getPath().getName());
        }
        files.sort(null);
        assertEquals(List.of("categories.json", "scaler.json", "seasonal.json"), files);
        assertTrue(hdfs.read("/runs/f1/model/artifacts/scaler.json").contains("\"perKey\""));
        assertEquals("forecast", Json.readMap(hdfs.read("/runs/f1/model/provenance.json")).get("task"));
    }

    @Test
    @Order(3)
    void evaluateOnHdfsBeatsSeasonalNaive() throws Exception {
        CliRun r = cli("evaluate");
        assertEquals(0, r.exitCode(), r.err());
        Map<String, Object> json = Json.readMap(hdfs.read("/runs/f1/metrics/metrics.json"));
        @SuppressWarnings("unchecked")
        Map<String, Number> metrics = (Map<String, Number>) json.get("metrics");
        double model = metrics.get("rmse").doubleValue();
        double seasonal = metrics.get("seasonal_naive.rmse").doubleValue();
        assertEquals(Math.sqrt((9.6 * 9.6 + 6.0 * 6.0) / 2), seasonal, 0.01, "one year of trend missed per step");
        assertTrue(model < seasonal, "model RMSE " + model + " vs seasonal naive " + seasonal + "\n" + r.out());
        assertEquals(Boolean.TRUE, ((Map<?, ?>) json.get("beats")).get("seasonalNaive"), r.out());
        assertEquals(1.0, metrics.get("beats_seasonal_naive").doubleValue());
        assertTrue(r.out().contains("beats seasonal naive: yes"), r.out());
        assertTrue(hdfs.exists("/runs/f1/metrics-history"));
        // report.html: the errors against both baselines, and the test horizon of each series (at most 6)
        String report = hdfs.read("/runs/f1/metrics/report.html");
        int series = ((Number) ((Map<?, ?>) json.get("input")).get("seriesEvaluated")).intValue();
        List<String> charts = new ArrayList<>(List.of("learning-curves"));
        for (int i = 1; i <= Math.min(6, series); i++) {
            charts.add("forecast-" + i);
        }
        ReportInBrowser.assertCharts(report, charts);
        assertTrue(report.contains("<td>seasonal naive (" + json.get("seasonLength") + ")</td><td class=\"n\">"
                + ReportPage.number(seasonal) + "</td>"), report);
    }

    @Test
    @Order(4)
    void scoreOnHdfsForecastsEverySeries() {
        // rolling forecasts from a season before the test start: the notebook's actual against forecast
        CliRun r = cli("score", "--set", "score.rollingFrom=2008-01", "--set", "score.outputFormats=jsonl");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("  series: {forecast=2}, next 6 steps each"), r.out());
        assertTrue(hdfs.exists("/runs/f1/predictions/predictions/_SUCCESS"));
        assertTrue(hdfs.exists("/runs/f1/predictions/_SUCCESS"));
        assertTrue(hdfs.exists("/runs/f1/predictions/rolling.jsonl"));
    }

    @Test
    @Order(5)
    void theForecastNotebookRunsAgainstThisRun(@TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path work = NotebookExecution.copyRun(hdfs, "/runs/f1", tmp.resolve("run"),
                "model/provenance.json", "metrics/metrics.json", "predictions/predictions.jsonl",
                "predictions/rolling.jsonl");
        String executed = Json.write(NotebookExecution.execute("forecast-results.ipynb", work, tmp));
        // the test horizon of both stations against the baselines, computed from the rolling forecasts' actuals
        assertTrue(executed.contains("RMSE seasonal naive"), executed);
    }
}
