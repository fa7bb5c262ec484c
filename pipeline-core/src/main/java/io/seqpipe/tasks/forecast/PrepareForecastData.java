package io.seqpipe.tasks.forecast;

import com.typesafe.config.ConfigRenderOptions;
import io.seqpipe.SeqPipeException;
import io.seqpipe.tasks.CharsetHint;
import io.seqpipe.io.HadoopFiles;
import io.seqpipe.spark.RejectsOutput;
import io.seqpipe.tasks.InputSource;
import io.seqpipe.tasks.JobReport;
import io.seqpipe.tasks.PrepareStep;
import io.seqpipe.forecast.CategoryEncoder;
import io.seqpipe.forecast.CleaningSummary;
import io.seqpipe.forecast.FittedScaler;
import io.seqpipe.forecast.ForecastWindow;
import io.seqpipe.forecast.SeriesFeatures;
import io.seqpipe.forecast.SeriesRowOutcome;
import io.seqpipe.forecast.SplitPart;
import io.seqpipe.forecast.TimeSeriesConfig;
import io.seqpipe.forecast.WindowingSummary;
import io.seqpipe.forecast.Windower;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code prepare}: CSV series → windows per split part, with rejects and the preprocessing fitted on training parts
 * only. Writes, atomically ({@link PrepareStep}), to {@code paths.prepared}:
 * <pre>
 *   train/ validation/ test/   window DataFrames (Parquet; schema in {@link ForecastData}); a part without windows
 *                              is still written (empty)
 *   scaler.json                the scaler fitted on the training parts (of the transformed, seasonally adjusted
 *                              values)
 *   categories.json            the one-hot categories seen in the training parts
 *   seasonal.json              the seasonal indices of each series' training part (transform.seasonal)
 *   config.json                the resolved configuration (train checks that its data settings match)
 *   rejects/                   JSON lines: stage, source, offset, reason, detail, line
 *   summary.json               rows read and rejected by reason, what cleaning did, windows per part, shapes
 * </pre>
 * Rows are parsed on the executors, grouped by series key, and each key is cleaned, split, and windowed there; the
 * per-key seasonal indices, scaler statistics and categories are merged on the driver.
 */
public final class PrepareForecastData {
    private static final Logger LOG = LoggerFactory.getLogger(PrepareForecastData.class);

    /** What prepare did. */
    public record Summary(String output, String input, List<String> files, long rowsRead, long rowsRejected,
                          Map<String, Long> rejectedByReason, CleaningSummary cleaning, WindowingSummary windowing,
                          long seriesWithoutTrainingSteps, long unseenCategoryValues, int lookback, int features,
                          List<String> featureNames, int horizon, List<String> targets, int validationOrigins,
                          CharsetHint charsetHint) implements JobReport {
        @Override
        public List<String> lines() {
            CleaningSummary c = cleaning;
            WindowingSummary w = windowing;
            List<String> lines = new ArrayList<>();
            lines.add("prepare: wrote " + output);
            lines.add("  input: read " + rowsRead + " rows, rejected " + rowsRejected
                    + (rejectedByReason.isEmpty() ? "" : " " + rejectedByReason));
            lines.add(String.format("  cleaning: %d series, %d steps (forward-filled %d, interpolated %d values; %d"
                            + " gaps, %d steps inserted; %d edge rows trimmed)", c.series(), c.rowsOut(),
                    c.missingValuesForwardFilled(), c.missingValuesInterpolated(), c.gaps(), c.stepsInserted(),
                    c.edgeRowsTrimmed()));
            lines.add(String.format("  windows: train %d, validation %d%s, test %d (L %d x %d features -> H %d x %s;"
                            + " %d straddling a split boundary dropped, %d series too short)", w.trainWindows(),
                    w.validationWindows(), validationOrigins == 0 ? ""
                            : " (the last " + validationOrigins + " origins before the test part of each series)",
                    w.testWindows(), lookback, features, horizon, targets, w.straddlingDropped(),
                    w.seriesTooShort()));
            if (charsetHint != null) {
                lines.add("  " + charsetHint.describe());
            }
            lines.add("  rejects: " + output + "/rejects (" + rowsRejected + " rows)");
            return lines;
        }
    }

    private PrepareForecastData() {
    }

    public static Summary run(SparkSession spark, ForecastTaskConfig cfg, boolean overwrite) {
        return run(spark, cfg, overwrite, null);
    }

    /**
     * Prepares with {@code source} reading the series rows (e.g. a DataFrame's, {@link ForecastData#readRows}), or
     * the CSV files of {@code paths.input} when it is null.
     */
    public static Summary run(SparkSession spark, ForecastTaskConfig cfg, boolean overwrite,
                              InputSource<SeriesRowOutcome> source) {
        return PrepareStep.run(spark, cfg.paths().input(), "paths.input", cfg.paths().prepared(), cfg.resolved(),
                overwrite, step -> prepare(step, cfg, source));
    }

    private static Summary prepare(PrepareStep step, ForecastTaskConfig cfg, InputSource<SeriesRowOutcome> source) {
        String inputPath = step.input();
        SparkSession spark = step.spark();
        Configuration hadoop = step.hadoop();
        TimeSeriesConfig data = cfg.data();
        ForecastData.Series series = ForecastData.read(step.sc(), inputPath, data, "paths.input", source);

        // 1. seasonal indices, then the scaler (of the seasonally adjusted values), and categories from the training
        // part of every key, merged on the driver
        ValueTransform transform = cfg.transform();
        TrainingFit fit = series.cleaned().map(c -> TrainingFit.of(data, transform, c.series(), c.split()))
                .reduce(TrainingFit::merge);
        ForecastPreprocessing prep = fit.preprocessing(data, transform);
        FittedScaler scaler = prep.scaler();
        CategoryEncoder categories = prep.categories();
        LOG.info("scaler {} {} fitted on training parts; seasonal indices {} of {} series; categories {}",
                scaler.method(), scaler.scope(), transform.seasonal(), fit.seasonality().perKey().size(),
                categories.levels());

        // 2. windows of every key, cut on the executors
        Windower windower = new Windower(data.window());
        JavaRDD<SeriesWindows> windowed = series.cleaned().map(c -> {
            if (!prep.covers(c.key())) {
                return new SeriesWindows(List.of(), new WindowingSummary(1, 0, 0, 0, 0, 0), 0, 1);
            }
            SeriesFeatures f = prep.features(c.series());
            Windower.Result r = windower.windows(f, c.split());
            return new SeriesWindows(r.windows(), r.summary(), f.unseenCategoryValues(), 0);
        }).persist(StorageLevel.MEMORY_AND_DISK());
        for (SplitPart part : SplitPart.values()) {
            JavaRDD<ForecastWindow> windows = windowed.flatMap(s -> s.windows().stream()
                    .filter(w -> w.part() == part).iterator());
            ForecastData.windowFrame(spark, windows).write().mode(SaveMode.ErrorIfExists)
                    .parquet(step.child(part.code()));
        }
        WindowingSummary windowing = windowed.map(SeriesWindows::summary)
                .fold(WindowingSummary.EMPTY, WindowingSummary::plus);
        long unscaled = windowed.map(SeriesWindows::unscaled).fold(0L, Long::sum);
        long unseen = windowed.map(SeriesWindows::unseenCategoryValues).fold(0L, Long::sum);
        windowed.unpersist(false);
        if (windowing.trainWindows() == 0) {
            throw new SeqPipeException("paths.input " + inputPath + " gives no training windows ("
                    + windowing.describe() + "): every series is shorter than window.lookback + window.horizon = "
                    + data.window().minimumLength() + " steps in its training part, or split.* leaves no"
                    + " training part");
        }

        // 3. rejects, fitted preprocessing, config
        step.writeRejects(series.rejectRows(), RejectsOutput.STAGE);
        long rowsRead = series.rowsRead();
        Map<String, Long> rejected = series.rejectedByReason();
        CleaningSummary cleaning = series.cleaning();
        series.unpersist();
        ForecastArtifacts.write(step.path(), prep, hadoop);
        HadoopFiles.writeString(new Path(step.path(), "config.json"), cfg.resolved().root().render(
                ConfigRenderOptions.concise().setFormatted(true).setJson(true)) + "\n", hadoop);
        String input = source != null ? inputPath : HadoopFiles.qualify(inputPath, hadoop).toString();
        return new Summary(step.target(), input,
                series.input().files().stream().map(Path::toString).toList(), rowsRead,
                rejected.values().stream().mapToLong(Long::longValue).sum(), rejected, cleaning, windowing,
                unscaled, unseen, data.window().lookback(), prep.featureCount(),
                prep.assembler().featureNames(), data.window().horizon(), prep.targetColumns(),
                data.split().validationOrigins(), CharsetHint.of("UTF-8", null, rejected));
    }
}
