package io.seqpipe.tasks.classification;

import io.seqpipe.spark.RawLineSource;
import io.seqpipe.SeqPipeException;
import io.seqpipe.data.ClassLayout;
import io.seqpipe.data.ClassTextParser;
import io.seqpipe.data.ParseOutcome;
import io.seqpipe.io.HadoopFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a labelled corpus whose class is named by its paths ({@link ClassLayout}: {@code file-per-class} or
 * {@code directory-per-class}) from any Hadoop filesystem into {@link ParseOutcome}s, like
 * {@link DelimitedTextSource} does for delimited files. The files are listed and checked on the driver first, so a
 * file outside any class or an empty class fails before any Spark work, naming the file:
 * <ul>
 *   <li>file-per-class: {@code path} is a file, a directory (its visible files) or a glob; every file must give a
 *       label and must not be empty. Lines are read as raw bytes (records carry their 1-based line number), blank lines
 *       skipped.</li>
 *   <li>directory-per-class: {@code path} (or each directory a glob matches) holds one sub-directory per class,
 *       and nothing else but hidden files ({@code _*}, {@code .*}); a glob may also match the documents themselves
 *       ({@code train/{neg,pos}/*}), each then of the class of its directory. Every file is one document.</li>
 * </ul>
 */
public final class ClassCorpusSource {
    private ClassCorpusSource() {
    }

    /** Lists, checks and reads the corpus at {@code path}; {@code what} names it in errors (e.g. paths.train). */
    public static JavaRDD<ParseOutcome> read(JavaSparkContext sc, String path, ClassLayout layout, String charset,
                                             String what) {
        Configuration hadoop = sc.hadoopConfiguration();
        List<Path> files = files(path, layout, hadoop, what);
        ClassTextParser parser = new ClassTextParser(layout, charset);
        if (layout.kind() == ClassLayout.Kind.FILE_PER_CLASS) {
            return RawLineSource.parseNumbered(sc, files, hadoop, false, () -> parser::parseLine);
        }
        String joined = String.join(",", files.stream().map(Path::toString).toList());
        return sc.binaryFiles(joined).map(t -> parser.parseDocument(t._1(), t._2().toArray()));
    }

    /** The corpus' files, sorted, after the checks above. */
    public static List<Path> files(String path, ClassLayout layout, Configuration hadoop, String what) {
        List<Path> files = layout.kind() == ClassLayout.Kind.FILE_PER_CLASS
                ? HadoopFiles.inputFiles(path, hadoop, what) : documents(path, hadoop, what);
        FileSystem fs = HadoopFiles.fs(files.get(0), hadoop);
        CompressionCodecFactory codecs = new CompressionCodecFactory(hadoop);
        for (Path file : files) {
            if (layout.labelOf(file.toString()) == null) {
                throw new SeqPipeException(what + " " + path + ": " + file + " is outside any class: "
                        + layout.describeLabelSource() + " gives no label; rename or move it, or narrow the path");
            }
            if (layout.kind() == ClassLayout.Kind.DIRECTORY_PER_CLASS && codecs.getCodec(file) != null) {
                throw new SeqPipeException(what + " " + path + ": document " + file + " is compressed; "
                        + "directory-per-class reads each document as it is stored: decompress the corpus first");
            }
            if (layout.kind() == ClassLayout.Kind.FILE_PER_CLASS && length(fs, file) == 0) {
                throw new SeqPipeException(what + " " + path + ": class file " + file + " (label '"
                        + layout.labelOf(file.toString()) + "') is empty");
            }
        }
        return files;
    }

    private static List<Path> documents(String path, Configuration hadoop, String what) {
        Path p = new Path(path);
        FileSystem fs = HadoopFiles.fs(p, hadoop);
        List<Path> files = new ArrayList<>();
        try {
            FileStatus[] matches = fs.globStatus(p);
            for (FileStatus m : matches == null ? new FileStatus[0] : matches) {
                if (!m.isDirectory()) {
                    files.add(m.getPath());
                    continue;
                }
                List<FileStatus> children = new ArrayList<>();
                for (FileStatus child : fs.listStatus(m.getPath())) {
                    if (!hidden(child.getPath())) {
                        children.add(child);
                    }
                }
                children.sort((a, b) -> Boolean.compare(a.isDirectory(), b.isDirectory()) != 0
                        ? Boolean.compare(a.isDirectory(), b.isDirectory()) : a.getPath().compareTo(b.getPath()));
                for (FileStatus child : children) { // loose files first: they are the likelier mistake
                    if (!child.isDirectory()) {
                        throw new SeqPipeException(what + " " + path + ": " + child.getPath() + " is outside any class"
                                + " directory (input.layout = directory-per-class reads <path>/<class>/<document>); "
                                + "move it, or glob the chosen class directories' files (e.g. "
                                + "aclImdb/train/{neg,pos}/*)");
                    }
                    List<Path> documents = new ArrayList<>();
                    for (FileStatus doc : fs.listStatus(child.getPath())) {
                        if (doc.isFile() && !hidden(doc.getPath())) {
                            documents.add(doc.getPath());
                        }
                    }
                    if (documents.isEmpty()) {
                        throw new SeqPipeException(what + " " + path + ": class directory " + child.getPath()
                                + " has no files");
                    }
                    files.addAll(documents);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path, e);
        }
        if (files.isEmpty()) {
            throw new SeqPipeException(what + " " + path + " does not exist or has no class directories (resolved "
                    + "against " + fs.getUri() + ")");
        }
        files.sort(null);
        return files;
    }

    private static boolean hidden(Path p) {
        return HadoopFiles.isHidden(p);
    }

    private static long length(FileSystem fs, Path file) {
        try {
            return fs.getFileStatus(file).getLen();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
