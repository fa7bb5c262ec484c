package io.seqpipe.tasks.forecast;

import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.forecast.ets.EtsBaselineConfig;
import io.seqpipe.forecast.ets.EtsForm;
import io.seqpipe.tasks.Tasks;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code evaluate.baselines} and {@code evaluate.ets.*}: defaults, overrides and errors naming the key. */
class EvaluateBaselinesConfigTest {

    static ForecastTaskConfig config(String... extra) {
        List<String> all = new ArrayList<>(List.of("task=forecast", "paths.input=series.csv",
                "series.valueColumns=[value]", "series.timestampFormat=none", "window.targetColumns=[value]"));
        all.addAll(List.of(extra));
        return ((ForecastTask) Tasks.create(Tasks.resolve(null, all))).config();
    }

    @Test
    void etsIsOnByDefaultWithAutomaticChoiceFittedOnEverythingBeforeTheTestPart() {
        EtsBaselineConfig ets = config().ets();
        assertEquals(EtsForm.all(), ets.candidates());
        assertEquals(EtsBaselineConfig.FitPart.TRAIN_AND_VALIDATION, ets.fitOn());
        assertEquals(2000, ets.maxFitSteps());
    }

    @Test
    void overridesAndLeavingEtsOut() {
        EtsBaselineConfig ets = config("evaluate.ets.models=\"AAdN, MAM\"", "evaluate.ets.fitOn=train",
                "evaluate.ets.maxFitSteps=500").ets();
        assertEquals(List.of(EtsForm.parse("AAdN"), EtsForm.parse("MAM")), ets.candidates());
        assertEquals(EtsBaselineConfig.FitPart.TRAIN, ets.fitOn());
        assertEquals(500, ets.maxFitSteps());
        assertEquals(List.of(EtsForm.parse("ANN")), config("evaluate.ets.models=[ANN]").ets().candidates());
        assertNull(config("evaluate.baselines=[naive, seasonalNaive]").ets());
    }

    @Test
    void badValuesNameTheKey() {
        assertEquals("evaluate.baselines must list baselines among [naive, seasonalNaive, ets], got 'arima'",
                assertThrows(InvalidConfigException.class,
                        () -> config("evaluate.baselines=[naive, seasonalNaive, arima]")).getMessage());
        assertEquals("evaluate.baselines must include naive and seasonalNaive (evaluate always computes them), got"
                        + " [naive, ets]", assertThrows(InvalidConfigException.class,
                () -> config("evaluate.baselines=[naive, ets]")).getMessage());
        String models = assertThrows(InvalidConfigException.class, () -> config("evaluate.ets.models=[AAZ]"))
                .getMessage();
        assertEquals("evaluate.ets.models must be [auto] or a list of ETS models (ANN, AAN, AAdN, ANA, AAA, AAdA, MNN,"
                + " MAN, MAdN, MNA, MAA, MAdA, MNM, MAM, MAdM), got 'AAZ': ETS components are N, A or M, got 'Z' in"
                + " 'AAZ'", models);
        assertEquals("evaluate.ets.models must name at least one ETS model or auto, got []",
                assertThrows(InvalidConfigException.class, () -> config("evaluate.ets.models=[]")).getMessage());
        assertEquals("evaluate.ets.fitOn must be one of train | train_and_validation, got 'test'",
                assertThrows(InvalidConfigException.class, () -> config("evaluate.ets.fitOn=test")).getMessage());
        assertThrows(InvalidConfigException.class, () -> config("evaluate.ets.maxFitSteps=3"));
    }
}
