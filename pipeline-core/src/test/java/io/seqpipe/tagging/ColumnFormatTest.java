package io.seqpipe.tagging;

import com.typesafe.config.ConfigFactory;
import io.seqpipe.config.ConfigReader;
import io.seqpipe.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.seqpipe.tagging.ColumnFormat.LineKind.COMMENT;
import static io.seqpipe.tagging.ColumnFormat.LineKind.CONTENT;
import static io.seqpipe.tagging.ColumnFormat.LineKind.SEPARATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ColumnFormatTest {

    static ColumnFormat from(String hocon) {
        return ColumnFormat.from(new ConfigReader(ConfigFactory.parseString(hocon)), "input");
    }

    @Test
    void configPicksTheKindsDefaultsAndOverrides() {
        assertEquals(ColumnFormat.conll2003(), from("input.format = conll2003"));
        assertEquals(new ColumnFormat(ColumnFormat.Kind.CONLL2003, 0, 2, 4),
                from("input { format = conll2003, tagColumn = 2 }"));
        assertEquals(new ColumnFormat(ColumnFormat.Kind.CONLLU, 1, 4, 10),
                from("input { format = conllu, tagColumn = xpos }"));
        assertEquals(ColumnFormat.conllu("upos"), from("input.format = conllu"));
        assertEquals(ColumnFormat.columns(0, 1), from("input.format = columns"));
        assertEquals(new ColumnFormat(ColumnFormat.Kind.COLUMNS, 2, 0, 3),
                from("input { format = columns, tokenColumn = 2, tagColumn = 0, columnCount = 3 }"));
    }

    @Test
    void badConfigFailsNamingTheKeyAndValue() {
        assertEquals("input.tagColumn for conllu must be upos or xpos, got 'lemma'",
                assertThrows(InvalidConfigException.class,
                        () -> from("input { format = conllu, tagColumn = lemma }")).getMessage());
        assertEquals("input.tagColumn must be a 0-based column index for conll2003 input, got 'ner'",
                assertThrows(InvalidConfigException.class,
                        () -> from("input { format = conll2003, tagColumn = ner }")).getMessage());
        assertThrows(InvalidConfigException.class, () -> from("input { format = conllu, tokenColumn = 2 }"));
        assertEquals("input.format must be one of conll2003 | conllu | columns, got 'bio'",
                assertThrows(InvalidConfigException.class, () -> from("input.format = bio")).getMessage());
        assertEquals("input.tokenColumn and input.tagColumn must differ, both are 1",
                assertThrows(InvalidConfigException.class, () -> ColumnFormat.columns(1, 1)).getMessage());
        assertEquals("input.columnCount 3 cannot hold token column 0 and tag column 3",
                assertThrows(InvalidConfigException.class,
                        () -> new ColumnFormat(ColumnFormat.Kind.CONLL2003, 0, 3, 3)).getMessage());
    }

    @Test
    void linesAreClassifiedPerKind() {
        ColumnFormat conll = ColumnFormat.conll2003();
        assertEquals(SEPARATOR, conll.classify(""));
        assertEquals(SEPARATOR, conll.classify(" \t "));
        assertEquals(SEPARATOR, conll.classify("-DOCSTART- -X- O O"));
        assertEquals(CONTENT, conll.classify("# NN I-NP O"), "# is a token in CoNLL-2003");
        ColumnFormat ud = ColumnFormat.conllu("upos");
        assertEquals(COMMENT, ud.classify("# sent_id = 1"));
        assertEquals(CONTENT, ud.classify("-DOCSTART-\t_\t_\t_\t_\t_\t_\t_\t_\t_"));
        assertEquals(SEPARATOR, ColumnFormat.columns(0, 1).classify("\t"));
    }

    @Test
    void conll2003SplitsOnWhitespaceRunsAndTabFormatsKeepEmptyFields() {
        assertEquals(List.of("EU", "NNP", "I-NP", "I-ORG"), ColumnFormat.conll2003().split(" EU  NNP\tI-NP I-ORG "));
        assertEquals(List.of("", "O", ""), ColumnFormat.columns(0, 1).split("\tO\t"));
    }
}
