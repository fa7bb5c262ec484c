package io.seqpipe.spark;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one way SeqPipe declares a DataFrame schema: Spark's DDL ({@code name TYPE [NOT NULL], ...}), where
 * {@code NOT NULL} may also follow the element type of an {@code ARRAY} or the value type of a {@code MAP}:
 * <pre>{@code
 * StructType schema = SchemaNotation.parse("""
 *         id STRING NOT NULL,
 *         ids ARRAY<INT NOT NULL> NOT NULL,
 *         probabilities MAP<STRING, DOUBLE NOT NULL> NOT NULL,
 *         entity STRUCT<text: STRING NOT NULL, start: INT NOT NULL>""");
 * }</pre>
 * Spark's own {@link StructType#fromDDL} keeps {@code NOT NULL} on columns and struct fields but cannot say that an
 * array's elements or a map's values are never null (it always makes them nullable), so it cannot declare the
 * schemas SeqPipe writes. Without {@code NOT NULL} a column, element or value is nullable, as in Spark's DDL. Fields
 * carry no metadata. {@link #render} writes a schema back in this notation ({@code parse(render(s)).equals(s)}).
 * Pure: no SparkSession.
 */
public final class SchemaNotation {
    /** The atomic types by the names Spark's DDL gives them ({@link DataType#sql}). */
    private static final Map<String, DataType> ATOMIC = Stream.of(DataTypes.BooleanType, DataTypes.ByteType,
                    DataTypes.ShortType, DataTypes.IntegerType, DataTypes.LongType, DataTypes.FloatType,
                    DataTypes.DoubleType, DataTypes.StringType, DataTypes.BinaryType, DataTypes.DateType,
                    DataTypes.TimestampType, DataTypes.TimestampNTZType)
            .collect(Collectors.toMap(DataType::sql, t -> t, (a, b) -> a, LinkedHashMap::new));

    private SchemaNotation() {
    }

    /** The schema {@code declaration} declares; a malformed one fails naming the position and what was expected. */
    public static StructType parse(String declaration) {
        Parser p = new Parser(declaration);
        List<StructField> fields = new ArrayList<>();
        do {
            fields.add(p.field(false));
        } while (p.accept(","));
        p.expectEnd();
        return new StructType(fields.toArray(new StructField[0]));
    }

    /** {@code schema} in this notation, one column per line: the text {@link #parse} turns back into it. */
    public static String render(StructType schema) {
        StringJoiner columns = new StringJoiner(",\n");
        for (StructField f : schema.fields()) {
            columns.add(field(f, " "));
        }
        return columns.toString();
    }

    private static String field(StructField f, String separator) {
        if (!f.metadata().equals(Metadata.empty())) {
            throw new IllegalArgumentException("field " + f.name() + " carries metadata, which the notation cannot"
                    + " say: " + f.metadata().json());
        }
        return f.name() + separator + type(f.dataType(), f.nullable());
    }

    private static String type(DataType t, boolean nullable) {
        String text;
        if (t instanceof ArrayType a) {
            text = "ARRAY<" + type(a.elementType(), a.containsNull()) + ">";
        } else if (t instanceof MapType m) {
            text = "MAP<" + type(m.keyType(), true) + ", "
                    + type(m.valueType(), m.valueContainsNull()) + ">";
        } else if (t instanceof StructType s) {
            StringJoiner fields = new StringJoiner(", ", "STRUCT<", ">");
            for (StructField f : s.fields()) {
                fields.add(field(f, ": "));
            }
            text = fields.toString();
        } else {
            text = ATOMIC.entrySet().stream().filter(e -> e.getValue().equals(t)).map(Map.Entry::getKey)
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("type " + t.sql()
                            + " is not in the notation; it knows " + ATOMIC.keySet()));
        }
        return nullable ? text : text + " NOT NULL";
    }

    /** Recursive descent over the declaration; whitespace separates tokens and is otherwise ignored. */
    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        StructField field(boolean inStruct) {
            String name = word("a column name");
            if (inStruct) {
                accept(":");
            }
            DataType type = type();
            return new StructField(name, type, !notNull(), Metadata.empty());
        }

        DataType type() {
            int start = skipSpace();
            String word = word("a type").toUpperCase(Locale.ROOT);
            switch (word) {
                case "ARRAY" -> {
                    expect("<");
                    DataType element = type();
                    boolean elementNullable = !notNull();
                    expect(">");
                    return DataTypes.createArrayType(element, elementNullable);
                }
                case "MAP" -> {
                    expect("<");
                    DataType key = type();
                    expect(",");
                    DataType value = type();
                    boolean valueNullable = !notNull();
                    expect(">");
                    return DataTypes.createMapType(key, value, valueNullable);
                }
                case "STRUCT" -> {
                    expect("<");
                    List<StructField> fields = new ArrayList<>();
                    do {
                        fields.add(field(true));
                    } while (accept(","));
                    expect(">");
                    return new StructType(fields.toArray(new StructField[0]));
                }
                default -> {
                    DataType atomic = ATOMIC.get(word);
                    if (atomic == null) {
                        throw error(start, "a type " + ATOMIC.keySet() + ", ARRAY, MAP or STRUCT", word);
                    }
                    return atomic;
                }
            }
        }

        boolean notNull() {
            int mark = at;
            if (skipSpace() < text.length() && Character.isLetter(text.charAt(at))) {
                String not = word("NOT");
                if (not.equalsIgnoreCase("NOT")) {
                    int start = skipSpace();
                    if (!word("NULL").equalsIgnoreCase("NULL")) {
                        throw error(start, "NULL after NOT", text.substring(start, at));
                    }
                    return true;
                }
            }
            at = mark;
            return false;
        }

        String word(String what) {
            int start = skipSpace();
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
                at++;
            }
            if (at == start || Character.isDigit(text.charAt(start))) {
                throw error(start, what, rest(start));
            }
            return text.substring(start, at);
        }

        boolean accept(String symbol) {
            if (text.startsWith(symbol, skipSpace())) {
                at += symbol.length();
                return true;
            }
            return false;
        }

        void expect(String symbol) {
            int start = skipSpace();
            if (!accept(symbol)) {
                throw error(start, "'" + symbol + "'", rest(start));
            }
        }

        void expectEnd() {
            int start = skipSpace();
            if (start < text.length()) {
                throw error(start, "',' or the end", rest(start));
            }
        }

        int skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
            return at;
        }

        private String rest(int start) {
            return start >= text.length() ? "the end" : "'" + text.substring(start, Math.min(text.length(),
                    start + 20)) + "'";
        }

        private IllegalArgumentException error(int position, String expected, String found) {
            return new IllegalArgumentException("schema declaration at character " + position + ": expected "
                    + expected + ", got " + found + " in: " + text);
        }
    }
}
