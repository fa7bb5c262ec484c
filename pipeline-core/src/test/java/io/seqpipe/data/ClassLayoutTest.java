package io.seqpipe.data;

import com.typesafe.config.ConfigFactory;
import io.seqpipe.config.ConfigReader;
import io.seqpipe.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClassLayoutTest {
    private static final ClassLayout BY_EXTENSION = new ClassLayout(ClassLayout.Kind.FILE_PER_CLASS,
            ClassLayout.LabelSource.EXTENSION);
    private static final ClassLayout BY_NAME = new ClassLayout(ClassLayout.Kind.FILE_PER_CLASS,
            ClassLayout.LabelSource.NAME);
    private static final ClassLayout BY_DIRECTORY = new ClassLayout(ClassLayout.Kind.DIRECTORY_PER_CLASS,
            ClassLayout.LabelSource.DIRECTORY);

    private static ClassLayout read(String layout, String labelFrom) {
        return ClassLayout.from(new ConfigReader(ConfigFactory.parseString("input { layout = \"" + layout
                + "\", labelFrom = \"" + labelFrom + "\" }")), "input");
    }

    @Test
    void labelsComeFromTheConfiguredPartOfThePath() {
        assertEquals("pos", BY_EXTENSION.labelOf("hdfs://nn:8020/mr/rt-polarity.pos"));
        assertEquals("neg", BY_EXTENSION.labelOf("file:/tmp/rt-polarity.neg"));
        assertNull(BY_EXTENSION.labelOf("file:/tmp/README"), "no extension, no label");
        assertNull(BY_EXTENSION.labelOf("file:/tmp/.pos"), "a hidden name is not an extension");
        assertEquals("pos", BY_NAME.labelOf("file:/tmp/pos.txt"));
        assertEquals("neg", BY_NAME.labelOf("file:/tmp/neg"));
        assertEquals("pos", BY_DIRECTORY.labelOf("hdfs://nn/aclImdb/train/pos/0_9.txt"));
        assertNull(BY_DIRECTORY.labelOf("file:/0_9.txt"), "a file at the root has no class directory");
    }

    @Test
    void configDefaultsTheLabelSourceToTheLayoutsOwn() {
        assertEquals(ClassLayout.DELIMITED, read("delimited", ""));
        assertEquals(BY_EXTENSION, read("file-per-class", ""));
        assertEquals(BY_NAME, read("file-per-class", "name"));
        assertEquals(new ClassLayout(ClassLayout.Kind.FILE_PER_CLASS, ClassLayout.LabelSource.DIRECTORY),
                read("file-per-class", "directory"));
        assertEquals(BY_DIRECTORY, read("directory-per-class", ""));
        assertEquals("input.labelFrom must be directory (or empty) for input.layout = directory-per-class, got "
                + "extension", assertThrows(InvalidConfigException.class,
                () -> read("directory-per-class", "extension")).getMessage());
        assertEquals("input.labelFrom = name applies to input.layout = file-per-class or directory-per-class only"
                + " (delimited input takes its label from input.labelColumn)",
                assertThrows(InvalidConfigException.class, () -> read("delimited", "name")).getMessage());
        assertEquals("input.layout must be one of delimited | file_per_class | directory_per_class, got 'folders'",
                assertThrows(InvalidConfigException.class, () -> read("folders", "")).getMessage());
    }

    @Test
    void linesOfAClassFileAreTextsOfItsClass() {
        ClassTextParser parser = new ClassTextParser(BY_EXTENSION, "UTF-8");
        byte[] line = "\uFEFFa gripping , funny film .\r".getBytes(StandardCharsets.UTF_8);
        ParseOutcome ok = parser.parseLine("file:/mr/rt-polarity.pos", 0, line, line.length);
        assertEquals(new TextRecord("file:/mr/rt-polarity.pos", 0, null, "a gripping , funny film .", "pos"),
                ok.record());

        byte[] latin1 = "caf\u00e9 noir".getBytes(StandardCharsets.ISO_8859_1);
        ParseOutcome bad = parser.parseLine("file:/mr/rt-polarity.neg", 812, latin1, latin1.length);
        assertEquals(RejectReason.UNDECODABLE_BYTES, bad.rejection().reason());
        assertEquals(812, bad.rejection().offset());
        assertEquals("bytes not valid UTF-8 (MalformedInputException)", bad.rejection().detail());
        ParseOutcome decoded = new ClassTextParser(BY_EXTENSION, "ISO-8859-1")
                .parseLine("file:/mr/rt-polarity.neg", 812, latin1, latin1.length);
        assertEquals("caf\u00e9 noir", decoded.record().text());
    }

    @Test
    void aDocumentIsOneTextWithItsClassDirectoryAsLabel() {
        ClassTextParser parser = new ClassTextParser(BY_DIRECTORY, "UTF-8");
        byte[] doc = "Great acting.\nA weak ending,\r\nbut worth it.\n".getBytes(StandardCharsets.UTF_8);
        ParseOutcome ok = parser.parseDocument("hdfs://nn/imdb/train/pos/12_8.txt", doc);
        assertEquals(new TextRecord("hdfs://nn/imdb/train/pos/12_8.txt", 0, "pos/12_8.txt",
                "Great acting. A weak ending, but worth it.", "pos"), ok.record());
        ParseOutcome empty = parser.parseDocument("hdfs://nn/imdb/train/neg/3_1.txt", " \n".getBytes());
        assertEquals(RejectReason.EMPTY_TEXT, empty.rejection().reason());
    }
}
