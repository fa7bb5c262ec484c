package io.seqpipe.forecast;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqpipe.SeqPipeException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ScalerFitterTest {
    static final ScalingConfig STANDARD_GLOBAL = new ScalingConfig(ScalingConfig.Method.STANDARD, ScalingConfig.Scope.GLOBAL);

    static TimeSeries twoColumns(String key, double[] a, double[] b) {
        double[][] v = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            v[i] = new double[]{a[i], b[i]};
        }
        return new TimeSeries(key, null, v, new String[a.length][0], null);
    }

    @Test
    void onlyTrainingStepsAreSeenNeverValidationOrTest() {
        // training part 1, 2, 3; validation and test hold huge values that would move any statistic they touched
        TimeSeries s = TimeSeries.ofValues("k", 1, 2, 3, 1e6, -1e6, 5e6);
        SeriesSplit split = new SeriesSplit("k", 6, 3, 4);
        FittedScaler standard = new ScalerFitter(STANDARD_GLOBAL, List.of("y")).observeTraining(s, split).fit();
        assertEquals(new ColumnScaling(2, Math.sqrt(2 / 3.0)), standard.forKey("k").get(0));
        FittedScaler minmax = new ScalerFitter(new ScalingConfig(ScalingConfig.Method.MINMAX,
                ScalingConfig.Scope.GLOBAL), List.of("y")).observeTraining(s, split).fit();
        assertEquals(new ColumnScaling(1, 2), minmax.forKey("k").get(0));
        assertEquals(2.0, minmax.scale("k", 0, 5), "test values may fall outside [0, 1]");
        assertEquals(1e6, minmax.inverse("k", 0, minmax.scale("k", 0, 1e6)), 1e-6);
    }

    @Test
    void perKeyScalingKeepsKeysApartAndGlobalPoolsThem() {
        TimeSeries a = twoColumns("a", new double[]{0, 2}, new double[]{5, 5});
        TimeSeries b = twoColumns("b", new double[]{10, 30}, new double[]{1, 3});
        ScalingConfig perKey = new ScalingConfig(ScalingConfig.Method.STANDARD, ScalingConfig.Scope.PER_KEY);
        FittedScaler fitted = new ScalerFitter(perKey, List.of("x", "z"))
                .observeTraining(a, new SeriesSplit("a", 2, 2, 2)).observeTraining(b, new SeriesSplit("b", 2, 2, 2)).fit();
        assertEquals(List.of(new ColumnScaling(1, 1), new ColumnScaling(5, 1)), fitted.forKey("a"),
                "a constant column gets divisor 1");
        assertEquals(List.of(new ColumnScaling(20, 10), new ColumnScaling(2, 1)), fitted.forKey("b"));
        SeqPipeException unknown = assertThrows(SeqPipeException.class, () -> fitted.forKey("c"));
        assertEquals("series 'c' had no training steps, so no per-key scaling was fitted for it; use scaling.scope ="
                + " global or give the series training data", unknown.getMessage());
        FittedScaler global = new ScalerFitter(STANDARD_GLOBAL, List.of("x", "z"))
                .observeTraining(a, new SeriesSplit("a", 2, 2, 2)).observeTraining(b, new SeriesSplit("b", 2, 2, 2)).fit();
        assertEquals(10.5, global.forKey("c").get(0).center(), "mean of 0, 2, 10, 30");
    }

    @Test
    void mergedPartialFitsEqualOneFitOverEverything() {
        Random random = new Random(11);
        double[] v = random.doubles(200, -50, 50).toArray();
        TimeSeries s = TimeSeries.ofValues("k", v);
        FittedScaler whole = new ScalerFitter(STANDARD_GLOBAL, List.of("y")).observeTraining(s, new SeriesSplit("k", 200, 200, 200)).fit();
        ScalerFitter left = new ScalerFitter(STANDARD_GLOBAL, List.of("y")).observeTraining(
                TimeSeries.ofValues("k", java.util.Arrays.copyOfRange(v, 0, 70)), new SeriesSplit("k", 70, 70, 70));
        ScalerFitter right = new ScalerFitter(STANDARD_GLOBAL, List.of("y")).observeTraining(
                TimeSeries.ofValues("k", java.util.Arrays.copyOfRange(v, 70, 200)), new SeriesSplit("k", 130, 130, 130));
        ColumnScaling merged = left.merge(right).fit().forKey("k").get(0);
        assertEquals(whole.forKey("k").get(0).center(), merged.center(), 1e-12);
        assertEquals(whole.forKey("k").get(0).divisor(), merged.divisor(), 1e-12);
    }

    @Test
    void roundTripsThroughJsonAsSavedBesideTheModel() throws Exception {
        TimeSeries a = twoColumns("a", new double[]{0, 2}, new double[]{5, 7});
        FittedScaler fitted = new ScalerFitter(new ScalingConfig(ScalingConfig.Method.MINMAX, ScalingConfig.Scope.PER_KEY),
                List.of("x", "z")).observeTraining(a, new SeriesSplit("a", 2, 2, 2)).fit();
        ObjectMapper mapper = new ObjectMapper();
        String json = mapper.writeValueAsString(fitted);
        assertEquals("{\"method\":\"MINMAX\",\"scope\":\"PER_KEY\",\"columns\":[\"x\",\"z\"],\"global\":[],\"perKey\":"
                + "{\"a\":[{\"center\":0.0,\"divisor\":2.0},{\"center\":5.0,\"divisor\":2.0}]}}", json);
        assertEquals(fitted, mapper.readValue(json, FittedScaler.class));
    }

    @Test
    void emptyTrainingPartsCannotBeFitted() {
        ScalerFitter nothing = new ScalerFitter(STANDARD_GLOBAL, List.of("y"))
                .observeTraining(TimeSeries.ofValues("k", 1, 2), new SeriesSplit("k", 2, 0, 0));
        assertThrows(SeqPipeException.class, nothing::fit);
    }
}
