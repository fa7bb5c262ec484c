package io.seqpipe.forecast;

import io.seqpipe.testing.Fixtures;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The whole pure pipeline on the real airline series ({@code ../shared/datasets/timeseries}): train 1949-1959, test
 * 1960, H = 12, seasonal naive with m = 12 reproduces the anchors in {@code ANCHORS.md} (RMSE 50.71, MAPE 9.99%,
 * recomputed there with R's forecast package).
 */
@Tag("real-data")
class AirlineSeasonalNaiveRealDataTest {

    @Test
    void seasonalNaiveOn1960MatchesTheAnchors() throws Exception {
        Path file = Fixtures.sharedDataset("timeseries/airline-passengers.csv");
        SeriesCsvFormat format = new SeriesCsvFormat(",", '"', true, List.of("Month"), TimestampFormat.of("yyyy-MM"),
                List.of("Passengers"), null, List.of());
        CleaningConfig cleaning = new CleaningConfig(CleaningConfig.MissingValues.FAIL,
                CleaningConfig.DuplicateTimestamps.FAIL, CleaningConfig.OutOfOrderTimestamps.FAIL,
                CleaningConfig.Gaps.FAIL, null);
        SeriesCsvReader.Result parsed = SeriesCsvReader.parse(file.toString(), Files.readString(file), format,
                cleaning.missingValues());
        assertEquals(144, parsed.rows().size());
        assertEquals(List.of(), parsed.rejections());

        SeriesCleaner.Result cleaned = new SeriesCleaner(cleaning).clean(SeriesRow.SINGLE_SERIES_KEY, parsed.rows());
        TimeSeries series = cleaned.series();
        assertEquals(SeriesFrequency.parse("1 month"), series.frequency());
        SeriesSplit split = SplitSpec.byTimestamp(null, LocalDateTime.of(1960, 1, 1, 0, 0)).split(series);
        assertEquals(132, split.trainEnd());

        FittedScaler scaler = new ScalerFitter(new ScalingConfig(ScalingConfig.Method.STANDARD,
                ScalingConfig.Scope.GLOBAL), format.valueColumns()).observeTraining(series, split).fit();
        FeatureAssembler assembler = new FeatureAssembler(format.valueColumns(), List.of("Passengers"), scaler,
                CategoryEncoder.empty(List.of()));
        SeriesFeatures features = assembler.assemble(series);
        Windower.Result windows = new Windower(new WindowSpec(12, 12, 1, List.of("Passengers"))).windows(features, split);
        assertEquals(new WindowingSummary(1, 0, 109, 0, 1, 11), windows.summary());
        List<ForecastWindow> test = windows.windows().stream().filter(w -> w.part() == SplitPart.TEST).toList();
        assertEquals(LocalDateTime.of(1960, 1, 1, 0, 0), test.get(0).firstTargetTime());

        ForecastEvaluation eval = new ForecastEvaluation(List.of("Passengers"), 12);
        double[] maseScales = MaseScale.ofTargets(features, split, 12);
        assertEquals(0, new SeasonalNaiveForecaster(12).evaluate(features, test, maseScales, eval));
        ForecastMetrics m = eval.report().get("Passengers").overall().overall();
        assertEquals(12, m.count());
        assertEquals(50.71, m.rmse(), 0.005);
        assertEquals(9.99, m.mape(), 0.005);
        assertEquals(47.8333, m.mae(), 0.0001);
        assertEquals(10.5718, m.smape(), 0.0001);
        assertEquals(47.8333 / 30.45, m.mase(), 0.0001, "in-sample seasonal-naive MAE of 1949-1959 is 30.45");
    }
}
