package io.seqpipe.tasks.translation;

import io.seqpipe.spark.SchemaNotation;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The translation DataFrames' schemas, exactly (nullability of columns and elements). Pure. */
class TranslationSchemasTest {

    @Test
    void thePreparedPairs() {
        assertEquals(new StructType()
                .add("row", DataTypes.LongType, false)
                .add("origin", DataTypes.StringType, false)
                .add("line", DataTypes.LongType, false)
                .add("source", DataTypes.StringType, false)
                .add("target", DataTypes.StringType, false)
                .add("source_ids", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
                .add("decoder_input", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
                .add("decoder_output", DataTypes.createArrayType(DataTypes.IntegerType, false), false),
                TranslationData.SCHEMA);
        assertEquals("""
                row BIGINT NOT NULL,
                origin STRING NOT NULL,
                line BIGINT NOT NULL,
                source STRING NOT NULL,
                target STRING NOT NULL,
                source_ids ARRAY<INT NOT NULL> NOT NULL,
                decoder_input ARRAY<INT NOT NULL> NOT NULL,
                decoder_output ARRAY<INT NOT NULL> NOT NULL""", SchemaNotation.render(TranslationData.SCHEMA));
    }

    @Test
    void theTranslations() {
        assertEquals(new StructType()
                .add("source", DataTypes.StringType, false)
                .add("line", DataTypes.LongType, false)
                .add("text", DataTypes.StringType, false)
                .add("source_tokens", DataTypes.createArrayType(DataTypes.StringType, false), false)
                .add("translation", DataTypes.StringType, false)
                .add("translation_tokens", DataTypes.createArrayType(DataTypes.StringType, false), false)
                .add("log_prob", DataTypes.DoubleType, false)
                .add("finished", DataTypes.BooleanType, false)
                .add("attention", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType, false),
                        false), true), ScoreTranslator.SCHEMA);
        assertEquals("""
                source STRING NOT NULL,
                line BIGINT NOT NULL,
                text STRING NOT NULL,
                source_tokens ARRAY<STRING NOT NULL> NOT NULL,
                translation STRING NOT NULL,
                translation_tokens ARRAY<STRING NOT NULL> NOT NULL,
                log_prob DOUBLE NOT NULL,
                finished BOOLEAN NOT NULL,
                attention ARRAY<ARRAY<FLOAT NOT NULL> NOT NULL>""", SchemaNotation.render(ScoreTranslator.SCHEMA));
    }
}
