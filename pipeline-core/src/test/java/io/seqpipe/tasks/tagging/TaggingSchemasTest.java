package io.seqpipe.tasks.tagging;

import io.seqpipe.spark.SchemaNotation;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The tagging DataFrames' schemas, exactly (nullability of columns, elements and struct fields). Pure. */
class TaggingSchemasTest {

    @Test
    void thePreparedSentences() {
        assertEquals(new StructType()
                .add("row", DataTypes.LongType, false)
                .add("source", DataTypes.StringType, false)
                .add("line", DataTypes.LongType, false)
                .add("tokens", DataTypes.createArrayType(DataTypes.StringType, false), false)
                .add("tags", DataTypes.createArrayType(DataTypes.StringType, false), false)
                .add("channels", DataTypes.IntegerType, false)
                .add("features", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
                .add("tag_ids", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
                .add("truncated", DataTypes.BooleanType, false), TaggingData.SCHEMA);
        assertEquals("""
                row BIGINT NOT NULL,
                source STRING NOT NULL,
                line BIGINT NOT NULL,
                tokens ARRAY<STRING NOT NULL> NOT NULL,
                tags ARRAY<STRING NOT NULL> NOT NULL,
                channels INT NOT NULL,
                features ARRAY<INT NOT NULL> NOT NULL,
                tag_ids ARRAY<INT NOT NULL> NOT NULL,
                truncated BOOLEAN NOT NULL""", SchemaNotation.render(TaggingData.SCHEMA));
    }

    @Test
    void thePredictionsWithTheirEntities() {
        StructType entity = new StructType()
                .add("text", DataTypes.StringType, false)
                .add("type", DataTypes.StringType, false)
                .add("start", DataTypes.IntegerType, false)
                .add("end", DataTypes.IntegerType, false);
        assertEquals(new StructType()
                .add("source", DataTypes.StringType, false)
                .add("line", DataTypes.LongType, false)
                .add("tokens", DataTypes.createArrayType(DataTypes.StringType, false), false)
                .add("tags", DataTypes.createArrayType(DataTypes.StringType, false), false)
                .add("entities", DataTypes.createArrayType(entity, false), false)
                .add("gold_tags", DataTypes.createArrayType(DataTypes.StringType, false), true), ScoreTagger.SCHEMA);
        assertEquals("""
                source STRING NOT NULL,
                line BIGINT NOT NULL,
                tokens ARRAY<STRING NOT NULL> NOT NULL,
                tags ARRAY<STRING NOT NULL> NOT NULL,
                entities ARRAY<STRUCT<text: STRING NOT NULL, type: STRING NOT NULL, start: INT NOT NULL, \
                end: INT NOT NULL> NOT NULL> NOT NULL,
                gold_tags ARRAY<STRING NOT NULL>""", SchemaNotation.render(ScoreTagger.SCHEMA));
    }
}
