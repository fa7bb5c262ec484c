package io.seqpipe.tasks.forecast;

import io.seqpipe.spark.SchemaNotation;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The forecast DataFrames' schemas, exactly (nullability of columns and elements). Pure. */
class ForecastSchemasTest {

    @Test
    void theWindows() {
        assertEquals(new StructType()
                .add("row", DataTypes.LongType, false)
                .add("key", DataTypes.StringType, false)
                .add("first_target_step", DataTypes.IntegerType, false)
                .add("first_target_time", DataTypes.TimestampNTZType, true)
                .add("inputs", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType, false), false),
                        false)
                .add("targets", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType, false),
                        false), false)
                .add("actuals", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.DoubleType, false),
                        false), false), ForecastData.WINDOW_SCHEMA);
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
        StructType prediction = new StructType()
                .add("key", DataTypes.StringType, false)
                .add("last_time", DataTypes.TimestampNTZType, true)
                .add("step", DataTypes.IntegerType, false)
                .add("time", DataTypes.TimestampNTZType, true)
                .add("target", DataTypes.StringType, false)
                .add("forecast", DataTypes.DoubleType, false);
        assertEquals(prediction, ScoreForecaster.PREDICTION_SCHEMA);
        assertEquals(prediction.add("actual", DataTypes.DoubleType, true), ScoreForecaster.ROLLING_SCHEMA);
        assertEquals("""
                key STRING NOT NULL,
                last_time TIMESTAMP_NTZ,
                step INT NOT NULL,
                time TIMESTAMP_NTZ,
                target STRING NOT NULL,
                forecast DOUBLE NOT NULL,
                actual DOUBLE""", SchemaNotation.render(ScoreForecaster.ROLLING_SCHEMA));
    }
}
