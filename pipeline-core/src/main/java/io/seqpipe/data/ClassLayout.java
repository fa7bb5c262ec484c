package io.seqpipe.data;

import io.seqpipe.config.ConfigReader;
import io.seqpipe.config.InvalidConfigException;

import java.io.Serializable;
import java.util.Locale;

/**
 * How a labelled text-classification corpus is laid out ({@code input.layout}) and, for the layouts that carry the
 * label in a path, which part of the path names the class ({@code input.labelFrom}).
 * <ul>
 *   <li>{@code delimited}: one record per line, text and label in columns ({@link DelimitedFormat}).</li>
 *   <li>{@code file-per-class}: every file holds the texts of one class, one text per line; the label comes from the
 *       file's extension ({@code rt-polarity.pos} → {@code pos}), its name without extension ({@code pos.txt} →
 *       {@code pos}) or its directory ({@code neg/all.txt} → {@code neg}).</li>
 *   <li>{@code directory-per-class}: every file is one document, and the directory holding it is its class
 *       ({@code train/pos/0_9.txt} → {@code pos}).</li>
 * </ul>
 *
 * @param kind      the layout
 * @param labelFrom where the label comes from; {@code null} for {@code delimited}
 */
public record ClassLayout(Kind kind, LabelSource labelFrom) implements Serializable {

    /** The layouts ({@code input.layout}). */
    public enum Kind {
        DELIMITED, FILE_PER_CLASS, DIRECTORY_PER_CLASS;

        public String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The part of a file's path that names its class ({@code input.labelFrom}). */
    public enum LabelSource {
        /** the file name after its last dot: {@code rt-polarity.pos} → {@code pos} */
        EXTENSION,
        /** the file name before its last dot (the whole name without one): {@code pos.txt} → {@code pos} */
        NAME,
        /** the name of the directory holding the file: {@code train/pos/0_9.txt} → {@code pos} */
        DIRECTORY
    }

    public static final ClassLayout DELIMITED = new ClassLayout(Kind.DELIMITED, null);

    public ClassLayout {
        if (kind == Kind.DELIMITED) {
            labelFrom = null;
        } else if (kind == Kind.DIRECTORY_PER_CLASS && labelFrom != LabelSource.DIRECTORY) {
            throw new InvalidConfigException("input.labelFrom must be directory (or empty) for input.layout = "
                    + "directory-per-class, got " + (labelFrom == null ? "null" : code(labelFrom)));
        } else if (labelFrom == null) {
            throw new InvalidConfigException("input.labelFrom is required for input.layout = " + kind.code());
        }
    }

    /**
     * Reads {@code <prefix>.layout} and {@code <prefix>.labelFrom}; an empty {@code labelFrom} means the layout's own:
     * {@code extension} for file-per-class, {@code directory} for directory-per-class.
     */
    public static ClassLayout from(ConfigReader r, String prefix) {
        Kind kind = r.enumValue(prefix + ".layout", Kind.class);
        String raw = r.optionalString(prefix + ".labelFrom");
        LabelSource source;
        if (kind == Kind.DELIMITED && raw != null) {
            throw new InvalidConfigException(prefix + ".labelFrom = " + raw + " applies to " + prefix + ".layout = "
                    + "file-per-class or directory-per-class only (delimited input takes its label from "
                    + prefix + ".labelColumn)");
        }
        if (raw == null) {
            source = kind == Kind.DIRECTORY_PER_CLASS ? LabelSource.DIRECTORY : LabelSource.EXTENSION;
        } else {
            source = r.enumValue(prefix + ".labelFrom", LabelSource.class);
        }
        if (kind == Kind.DIRECTORY_PER_CLASS && source != LabelSource.DIRECTORY) {
            throw new InvalidConfigException(prefix + ".labelFrom must be directory (or empty) for " + prefix
                    + ".layout = directory-per-class, got " + raw);
        }
        return new ClassLayout(kind, kind == Kind.DELIMITED ? null : source);
    }

    /** Whether the label comes from the files' paths rather than from a column. */
    public boolean labelsFromPaths() {
        return kind != Kind.DELIMITED;
    }

    /**
     * The label a file's path gives, or null when it gives none (no extension, an empty name, no parent directory).
     * {@code path} is a Hadoop path string, e.g. {@code hdfs://nn/corpus/rt-polarity.pos}.
     */
    public String labelOf(String path) {
        int slash = path.lastIndexOf('/');
        String name = path.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        String label = switch (labelFrom) {
            case EXTENSION -> dot <= 0 ? null : name.substring(dot + 1);
            case NAME -> dot <= 0 ? name : name.substring(0, dot);
            case DIRECTORY -> slash <= 0 ? null : path.substring(path.lastIndexOf('/', slash - 1) + 1, slash);
        };
        return label == null || label.isBlank() || label.contains(":") ? null : label;
    }

    /** What {@link #labelOf} takes, in words, for error messages. */
    public String describeLabelSource() {
        return switch (labelFrom) {
            case EXTENSION -> "the file extension (input.labelFrom = extension)";
            case NAME -> "the file name without extension (input.labelFrom = name)";
            case DIRECTORY -> "the parent directory name (input.labelFrom = directory)";
        };
    }

    private static String code(LabelSource s) {
        return s.name().toLowerCase(Locale.ROOT);
    }
}
