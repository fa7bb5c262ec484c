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
}
