package io.seqpipe.tagging;

import java.io.Serializable;
import java.util.List;

/**
 * The result of converting one sentence's tags: the converted tags, or the problems that prevented it (never both).
 */
public record TagConversion(List<String> tags, List<TagProblem> problems) implements Serializable {

    public TagConversion {
        problems = problems == null ? List.of() : List.copyOf(problems);
        tags = tags == null ? null : List.copyOf(tags);
        if ((tags == null) == problems.isEmpty()) {
            throw new IllegalArgumentException("a tag conversion has either tags or problems");
        }
    }

    public static TagConversion ok(List<String> tags) {
        return new TagConversion(tags, List.of());
    }

    public static TagConversion invalid(List<TagProblem> problems) {
        return new TagConversion(null, problems);
    }

    public boolean isValid() {
        return tags != null;
    }
}
