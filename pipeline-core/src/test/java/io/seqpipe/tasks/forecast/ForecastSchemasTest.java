package io.seqpipe.tasks.forecast;

import io.seqpipe.spark.SchemaNotation;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The forecast DataFrames' schemas, pinned as declarations: {@link SchemaNotation#render} states the nullability of
 * every column, element and value and refuses metadata, so equal text means an equal {@code StructType}. Pure.
 */
class ForecastSchemasTest {

    @Test
    void theWindows() {
        assertEquals("""
                row BIGINT NOT NULL,
                key STRING NOT NULL,
                first_target_step INT NOT NULL,
                first_target_time TIMESTAMP_NTZ,
                inputs ARRAY<ARRAY<FLOAT NOT NULL> NOT NULL> NOT NULL,
                targets ARRAY<ARRAY<FLOAT NOT NULL> NOT NULL> NOT NULL,
                actuals ARRAY<ARRAY<DOUBLE NOT NULL> NOT NULL> NOT NULL""",
                SchemaNotation.render(ForecastData.WINDOW_SCHEMA));
    }

    @Test
    void theForecastsAndTheRollingOnesWithTheirActuals() {
        assertEquals(ScoreForecaster.PREDICTION_SCHEMA.add("actual", DataTypes.DoubleType, true),
                ScoreForecaster.ROLLING_SCHEMA);
        assertEquals("""
                key STRING NOT NULL,
                last_time TIMESTAMP_NTZ,
                step INT NOT NULL,
                time TIMESTAMP_NTZ,
                target STRING NOT NULL,
                forecast DOUBLE NOT NULL,
                actual DOUBLE""", SchemaNotation.render(ScoreForecaster.ROLLING_SCHEMA));
    }

    @Test
    void quantileColumnsFollowThePointForecast() {
        assertEquals("""
                key STRING NOT NULL,
                last_time TIMESTAMP_NTZ,
                step INT NOT NULL,
                time TIMESTAMP_NTZ,
                target STRING NOT NULL,
                forecast DOUBLE NOT NULL,
                forecast_q0_025 DOUBLE NOT NULL,
                forecast_q0_5 DOUBLE NOT NULL,
                forecast_q0_975 DOUBLE NOT NULL,
                actual DOUBLE""", SchemaNotation.render(ScoreForecaster.withQuantiles(ScoreForecaster.ROLLING_SCHEMA,
                io.seqpipe.forecast.QuantileLevels.of(0.025, 0.5, 0.975))));
        assertEquals(ScoreForecaster.PREDICTION_SCHEMA, ScoreForecaster.withQuantiles(
                ScoreForecaster.PREDICTION_SCHEMA, io.seqpipe.forecast.QuantileLevels.NONE));
    }
}
