package io.seqpipe.tasks.classification;

import io.seqpipe.spark.SchemaNotation;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The classification DataFrames' schemas, exactly (nullability of columns, elements and values). Pure. */
class ClassificationSchemasTest {

    @Test
    void thePreparedSequences() {
        assertEquals(new StructType()
                .add("row", DataTypes.LongType, false)
                .add("id", DataTypes.StringType, false)
                .add("text", DataTypes.StringType, false)
                .add("label", DataTypes.IntegerType, false)
                .add("label_name", DataTypes.StringType, false)
                .add("ids", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
                .add("mask", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
                .add("length", DataTypes.IntegerType, false)
                .add("truncated", DataTypes.BooleanType, false), ClassificationData.SEQUENCE_SCHEMA);
        assertEquals("""
                row BIGINT NOT NULL,
                id STRING NOT NULL,
                text STRING NOT NULL,
                label INT NOT NULL,
                label_name STRING NOT NULL,
                ids ARRAY<INT NOT NULL> NOT NULL,
                mask ARRAY<INT NOT NULL> NOT NULL,
                length INT NOT NULL,
                truncated BOOLEAN NOT NULL""", SchemaNotation.render(ClassificationData.SEQUENCE_SCHEMA));
    }

    @Test
    void thePredictions() {
        assertEquals(new StructType()
                .add("id", DataTypes.StringType, false)
                .add("text", DataTypes.StringType, false)
                .add("predicted_label", DataTypes.StringType, false)
                .add("probability", DataTypes.DoubleType, false)
                .add("probabilities", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false),
                        false), ScoreClassifier.PREDICTION_SCHEMA);
        assertEquals("""
                id STRING NOT NULL,
                text STRING NOT NULL,
                predicted_label STRING NOT NULL,
                probability DOUBLE NOT NULL,
                probabilities MAP<STRING, DOUBLE NOT NULL> NOT NULL""",
                SchemaNotation.render(ScoreClassifier.PREDICTION_SCHEMA));
    }
}
