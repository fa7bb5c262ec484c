package io.seqpipe.testing;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of test fixtures and of the shared real datasets. */
public final class Fixtures {
    private Fixtures() {
    }

    /**
     * A file under {@code src/test/resources/fixtures/} of pipeline-core, as a local file (copied out of the test-jar
     * when another module's tests read it from there).
     */
    public static Path fixture(String name) {
        var url = Fixtures.class.getResource("/fixtures/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no test fixture " + name);
        }
        try {
            if (url.getProtocol().equals("file")) {
                return Path.of(url.toURI());
            }
            Path copy = Files.createTempDirectory("fixture").resolve(name);
            Files.createDirectories(copy.getParent());
            try (var in = url.openStream()) {
                Files.copy(in, copy);
            }
            return copy;
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot read fixture " + name, e);
        }
    }

    /** {@code ../shared/datasets/<name>} beside the repository (set by surefire as seqpipe.shared.datasets). */
    public static Path sharedDataset(String name) {
        String base = System.getProperty("seqpipe.shared.datasets", "../../shared/datasets");
        Path p = Path.of(base, name).normalize().toAbsolutePath();
        if (!Files.exists(p)) {
            throw new IllegalStateException("shared dataset " + p + " is missing: the repository must be checked out"
                    + " with ../shared beside it (as on CI)");
        }
        return p;
    }

    /**
     * Writes a tiny pretrained-vectors file: word w (0-based) has the vector {@code (w + 1) * 0.25 + i * 0.01},
     * i = 0..dimension-1; with {@code word2vecHeader} the word2vec text header {@code <count> <dimension>} first,
     * else GloVe text.
     */
    public static Path vectorFile(Path file, boolean word2vecHeader, int dimension, String... words)
            throws java.io.IOException {
        StringBuilder text = new StringBuilder(word2vecHeader ? words.length + " " + dimension + "\n" : "");
        for (int w = 0; w < words.length; w++) {
            text.append(words[w]);
            for (int i = 0; i < dimension; i++) {
                text.append(' ').append((w + 1) * 0.25f + i * 0.01f);
            }
            text.append('\n');
        }
        return java.nio.file.Files.writeString(file, text.toString());
    }
}
