package io.seqpipe.tagging;

import io.seqpipe.config.InvalidConfigException;
import io.seqpipe.data.RejectReason;
import io.seqpipe.data.Rejection;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites tags from one {@link TagScheme} to another: IOB1 → IOB2 or IOBES (CoNLL-2003 files are IOB1; models are
 * usually trained on IOB2 or IOBES), IOB2 → IOBES, and back (IOBES → IOB2, to score an IOBES model with conlleval).
 * Tags are decoded into chunks and re-encoded, so a conversion to the same scheme normalizes ill-formed sequences
 * (IOB2 {@code O I-PER} becomes {@code O B-PER}). {@link TagScheme#NONE} (POS) converts only to itself, unchanged.
 * A tag that is invalid in the source scheme is returned as a {@link TagProblem}, never thrown. Pure and
 * serializable: it runs on executors.
 */
public final class TagSchemeConverter implements Serializable {
    private static final long serialVersionUID = 1L;
    private final TagScheme from;
    private final TagScheme to;

    /** @throws InvalidConfigException when the schemes cannot be converted (a chunk scheme and NONE) */
    public TagSchemeConverter(TagScheme from, TagScheme to) {
        if (!from.canConvertTo(to)) {
            throw new InvalidConfigException("tags cannot be converted from " + from + " to " + to + ": NONE (plain"
                    + " labels such as POS tags) converts only to NONE, the chunk schemes IOB1, IOB2, IOBES among"
                    + " themselves");
        }
        this.from = from;
        this.to = to;
    }

    public TagScheme from() {
        return from;
    }

    public TagScheme to() {
        return to;
    }

    /** The converted tags, or one problem per tag that is not valid in {@link #from()}. */
    public TagConversion convert(List<String> tags) {
        if (!from.hasChunks()) {
            return TagConversion.ok(tags);
        }
        List<TagProblem> problems = from.validate(tags);
        if (!problems.isEmpty()) {
            return TagConversion.invalid(problems);
        }
        return TagConversion.ok(to.encode(from.decode(tags), tags.size()));
    }

    /**
     * The sentence with converted tags, or its rejection: one {@link RejectReason#INVALID_TAG_SEQUENCE} per bad tag,
     * with {@code offset} = the sentence's first line number, a detail naming the token position, and
     * {@code line} = {@code token<TAB>tag}.
     */
    public SentenceOutcome convert(TaggedSentence sentence) {
        TagConversion c = convert(sentence.tags());
        if (c.isValid()) {
            return SentenceOutcome.ok(sentence.withTags(c.tags()));
        }
        List<Rejection> rejections = new ArrayList<>();
        for (TagProblem p : c.problems()) {
            rejections.add(new Rejection(sentence.source(), sentence.firstLine(), RejectReason.INVALID_TAG_SEQUENCE,
                    "token " + (p.position() + 1) + " of the sentence from line " + sentence.firstLine() + ": "
                            + p.problem(), sentence.tokens().get(p.position()) + "\t" + p.tag()));
        }
        return SentenceOutcome.rejected(rejections);
    }
}
