package io.seqpipe.translation;

import io.seqpipe.SeqPipeException;

/** The two files of a line-aligned parallel corpus have different numbers of lines. */
public final class MisalignedCorpusException extends SeqPipeException {
    private static final long serialVersionUID = 1L;

    public MisalignedCorpusException(String sourceFile, long sourceLines, String targetFile, long targetLines) {
        super("parallel corpus files are not aligned: " + sourceFile + " has " + sourceLines + " lines but "
                + targetFile + " has " + targetLines + " (line i of one must translate line i of the other; check that"
                + " both files are the same split and neither was cut short)");
    }
}
