package io.seqpipe.spark;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The schema notation: Spark's DDL plus the nullability of array elements and map values. Pure. */
class SchemaNotationTest {

    @Test
    void everyLevelOfNullabilityIsDeclaredAndRenderedBack() {
        StructType schema = SchemaNotation.parse("""
                id STRING NOT NULL,
                note string,
                ids ARRAY<INT NOT NULL> NOT NULL,
                maybe_ids ARRAY<INT>,
                grid ARRAY<ARRAY<FLOAT NOT NULL> NOT NULL> NOT NULL,
                probabilities MAP<STRING, DOUBLE NOT NULL> NOT NULL,
                loose MAP<STRING, DOUBLE>,
                span STRUCT<text: STRING NOT NULL, start INT>,
                time TIMESTAMP_NTZ""");
        StructType expected = new StructType()
                .add("id", DataTypes.StringType, false)
                .add("note", DataTypes.StringType, true)
                .add("ids", DataTypes.createArrayType(DataTypes.IntegerType, false), false)
                .add("maybe_ids", DataTypes.createArrayType(DataTypes.IntegerType, true), true)
                .add("grid", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType, false), false),
                        false)
                .add("probabilities", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false), false)
                .add("loose", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, true), true)
                .add("span", new StructType().add("text", DataTypes.StringType, false)
                        .add("start", DataTypes.IntegerType, true), true)
                .add("time", DataTypes.TimestampNTZType, true);
        assertEquals(expected, schema);
        assertEquals("""
                id STRING NOT NULL,
                note STRING,
                ids ARRAY<INT NOT NULL> NOT NULL,
                maybe_ids ARRAY<INT>,
                grid ARRAY<ARRAY<FLOAT NOT NULL> NOT NULL> NOT NULL,
                probabilities MAP<STRING, DOUBLE NOT NULL> NOT NULL,
                loose MAP<STRING, DOUBLE>,
                span STRUCT<text: STRING NOT NULL, start: INT>,
                time TIMESTAMP_NTZ""", SchemaNotation.render(schema));
        assertEquals(schema, SchemaNotation.parse(SchemaNotation.render(schema)));
    }

    @Test
    void theAtomicTypesGoByTheNamesSparksDdlGivesThem() {
        String names = "BOOLEAN TINYINT SMALLINT INT BIGINT FLOAT DOUBLE STRING BINARY DATE TIMESTAMP TIMESTAMP_NTZ";
        StringBuilder declaration = new StringBuilder();
        for (String name : names.split(" ")) {
            declaration.append(declaration.length() == 0 ? "" : ", ").append("c_").append(name).append(' ')
                    .append(name);
        }
        StructType schema = SchemaNotation.parse(declaration.toString());
        assertEquals(StructType.fromDDL(declaration.toString()), schema);
        assertEquals(12, schema.size());
    }

    @Test
    void sparksOwnDdlCannotSayThatArrayElementsOrMapValuesAreNeverNull() {
        StructType spark = StructType.fromDDL("ids ARRAY<INT> NOT NULL, p MAP<STRING, DOUBLE> NOT NULL");
        assertEquals(false, spark.apply("ids").nullable());
        assertEquals(DataTypes.createArrayType(DataTypes.IntegerType, true), spark.apply("ids").dataType());
        assertEquals(DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, true),
                spark.apply("p").dataType());
        assertThrows(Exception.class, () -> StructType.fromDDL("ids ARRAY<INT NOT NULL> NOT NULL"));
    }

    @Test
    void aMalformedDeclarationSaysWhereAndWhatWasExpected() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> SchemaNotation.parse("id STRING NOT NULL, n INTEGER"));
        assertTrue(unknown.getMessage().startsWith("schema declaration at character 22: expected a type [BOOLEAN,"),
                unknown.getMessage());
        assertTrue(unknown.getMessage().endsWith(", got INTEGER in: id STRING NOT NULL, n INTEGER"),
                unknown.getMessage());
        IllegalArgumentException unclosed = assertThrows(IllegalArgumentException.class,
                () -> SchemaNotation.parse("ids ARRAY<INT NOT NULL NOT NULL"));
        assertEquals("schema declaration at character 23: expected '>', got 'NOT NULL' in: "
                + "ids ARRAY<INT NOT NULL NOT NULL", unclosed.getMessage());
        IllegalArgumentException notNull = assertThrows(IllegalArgumentException.class,
                () -> SchemaNotation.parse("id STRING NOT EMPTY"));
        assertEquals("schema declaration at character 14: expected NULL after NOT, got EMPTY in: id STRING NOT EMPTY",
                notNull.getMessage());
        IllegalArgumentException trailing = assertThrows(IllegalArgumentException.class,
                () -> SchemaNotation.parse("id STRING NOT NULL; x INT"));
        assertEquals("schema declaration at character 18: expected ',' or the end, got '; x INT' in: "
                + "id STRING NOT NULL; x INT", trailing.getMessage());
    }

    @Test
    void renderingRefusesWhatTheNotationCannotSay() {
        Metadata comment = new MetadataBuilder().putString("comment", "x").build();
        StructType withMetadata = new StructType().add("id", DataTypes.StringType, false, comment);
        assertEquals("field id carries metadata, which the notation cannot say: {\"comment\":\"x\"}",
                assertThrows(IllegalArgumentException.class, () -> SchemaNotation.render(withMetadata)).getMessage());
        StructType decimal = new StructType().add("d", DataTypes.createDecimalType(10, 2), true);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SchemaNotation.render(decimal)).getMessage()
                .startsWith("type DECIMAL(10,2) is not in the notation; it knows [BOOLEAN,"));
    }

    @Test
    void theSharedSchemasArePinnedAsDeclarations() {
        assertEquals("""
                run_id STRING NOT NULL,
                time TIMESTAMP NOT NULL,
                task STRING NOT NULL,
                model STRING NOT NULL,
                dataset STRING NOT NULL,
                metric STRING NOT NULL,
                value DOUBLE NOT NULL""", SchemaNotation.render(MetricsHistory.SCHEMA));
        assertEquals("""
                split STRING NOT NULL,
                source STRING NOT NULL,
                offset BIGINT NOT NULL,
                reason STRING NOT NULL,
                detail STRING,
                line STRING""", SchemaNotation.render(RejectsOutput.SCHEMA));
        assertEquals(SchemaNotation.render(RejectsOutput.SCHEMA).replaceFirst("split", "stage"),
                SchemaNotation.render(RejectsOutput.schema(RejectsOutput.STAGE)));
    }
}
