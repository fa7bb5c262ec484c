package io.seqpipe.forecast;

import io.seqpipe.testing.Fixtures;
import io.seqpipe.testing.JavaSerialization;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The objects a Spark job ships to executors (parser, cleaner, assembler, windower) work after Java serialization,
 * and the accumulators it brings back (scaler statistics, categories, metrics) merge after it, giving the same
 * result as one pass on one machine.
 */
class ExecutorSerializationTest {
    static final CleaningConfig CLEANING = new CleaningConfig(CleaningConfig.MissingValues.INTERPOLATE,
            CleaningConfig.DuplicateTimestamps.REJECT, CleaningConfig.OutOfOrderTimestamps.SORT,
            CleaningConfig.Gaps.INTERPOLATE, null);

    @Test
    void perKeyPipelineOnShippedObjectsEqualsTheLocalOne() throws Exception {
        String text = Files.readString(Fixtures.fixture("timeseries/stations.csv"));
        List<String> lines = List.of(text.split("\n"));
        SeriesRowParser parser = JavaSerialization.roundTrip(SeriesRowParser.create(SeriesCsvReaderTest.STATIONS,
                SeriesRowParser.headerNames(SeriesCsvReaderTest.STATIONS, lines.get(0)), CLEANING.missingValues(), "s"));
        List<SeriesRow> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            SeriesRowOutcome o = JavaSerialization.roundTrip(parser.parse("s", i, lines.get(i)));
            if (!o.isRejected()) {
                rows.add(o.row());
            }
        }
        Map<String, List<SeriesRow>> byKey = rows.stream().collect(Collectors.groupingBy(SeriesRow::key));
        SeriesCleaner cleaner = JavaSerialization.roundTrip(new SeriesCleaner(CLEANING));
        SplitSpec splitSpec = SplitSpec.byFraction(0.6, 0);
        List<String> values = SeriesCsvReaderTest.STATIONS.valueColumns();
        List<String> categorical = SeriesCsvReaderTest.STATIONS.categoricalColumns();

        ScalingConfig scaling = new ScalingConfig(ScalingConfig.Method.STANDARD, ScalingConfig.Scope.GLOBAL);
        ScalerFitter mergedFitter = new ScalerFitter(scaling, values);
        ScalerFitter localFitter = new ScalerFitter(scaling, values);
        CategoryEncoder categories = CategoryEncoder.empty(categorical);
        List<TimeSeries> cleaned = new ArrayList<>();
        for (String key : List.of("A", "B")) {
            TimeSeries s = JavaSerialization.roundTrip(cleaner.clean(key, byKey.get(key)).series());
            SeriesSplit split = splitSpec.split(s);
            cleaned.add(s);
            localFitter.observeTraining(s, split);
            mergedFitter.merge(JavaSerialization.roundTrip(new ScalerFitter(scaling, values).observeTraining(s, split)));
            categories = categories.merge(JavaSerialization.roundTrip(CategoryEncoder.learn(categorical, s, split)));
        }
        List<ColumnScaling> one = localFitter.fit().global();
        List<ColumnScaling> combined = mergedFitter.fit().global();
        for (int c = 0; c < one.size(); c++) {
            assertEquals(one.get(c).center(), combined.get(c).center(), 1e-12, "merged statistics equal one pass");
            assertEquals(one.get(c).divisor(), combined.get(c).divisor(), 1e-12);
        }

        FeatureAssembler assembler = JavaSerialization.roundTrip(new FeatureAssembler(values, List.of("pm25"),
                mergedFitter.fit(), categories));
        Windower windower = JavaSerialization.roundTrip(new Windower(new WindowSpec(1, 1, 1, List.of("pm25"))));
        ForecastEvaluation merged = new ForecastEvaluation(List.of("pm25"), 1);
        ForecastEvaluation local = new ForecastEvaluation(List.of("pm25"), 1);
        for (TimeSeries s : cleaned) {
            SeriesFeatures f = assembler.assemble(s);
            SeriesSplit split = splitSpec.split(s);
            List<ForecastWindow> windows = windower.windows(f, split).windows();
            ForecastWindow shipped = JavaSerialization.roundTrip(windows.get(0));
            assertArrayEquals(windows.get(0).inputs(), shipped.inputs());
            double[] scales = MaseScale.ofTargets(f, split, 1);
            BaselineForecaster naive = JavaSerialization.roundTrip(new NaiveForecaster());
            naive.evaluate(f, windows, scales, local);
            ForecastEvaluation partition = new ForecastEvaluation(List.of("pm25"), 1);
            assertEquals(0, naive.evaluate(f, windows, scales, partition));
            merged.merge(JavaSerialization.roundTrip(partition));
        }
        assertEquals(local.report(), merged.report());
        assertEquals(List.of("A", "B"), merged.keys());
    }
}
