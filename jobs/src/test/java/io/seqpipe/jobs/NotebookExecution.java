package io.seqpipe.jobs;

import io.seqpipe.io.Json;
import io.seqpipe.testing.MiniHdfs;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs a notebook of {@code notebooks/} top to bottom against one run directory, as a user would: Jupyter's
 * {@code nbconvert --execute} from the Debian packages {@link #PACKAGES}, the Debian interpreter ({@value #PYTHON})
 * and its {@code python3} kernel, with {@code SEQPIPE_WORK} naming the run. The executed notebook must have no error
 * output, and every code cell that draws (calls {@code plt.} or {@code .plot}) a PNG. Without those packages the run
 * is skipped, except under CI ({@code CI=true}), where it fails, as {@link ReportInBrowser} does without Chromium.
 */
final class NotebookExecution {
    static final List<String> PACKAGES = List.of("jupyter-nbconvert", "python3-ipykernel", "python3-pandas",
            "python3-matplotlib");
    static final String PYTHON = "/usr/bin/python3";
    static final Path NOTEBOOKS = Path.of("..", "notebooks");

    private NotebookExecution() {
    }

    /**
     * Copies {@code files} (paths relative to the run directory {@code hdfsRun}) out of HDFS into {@code local},
     * keeping their relative paths, so that a notebook reads them as a local run directory.
     *
     * @return {@code local}
     */
    static Path copyRun(MiniHdfs hdfs, String hdfsRun, Path local, String... files) {
        try {
            for (String f : files) {
                Path target = local.resolve(f);
                Files.createDirectories(target.getParent());
                hdfs.fs().copyToLocalFile(false, new org.apache.hadoop.fs.Path(hdfsRun + "/" + f),
                        new org.apache.hadoop.fs.Path(target.toUri()), true);
            }
            return local;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Executes {@code notebooks/<notebook>} against the run directory {@code work} into {@code tmp} and asserts that it
     * ran without an error and drew every plot.
     *
     * @return the executed notebook (nbformat JSON)
     */
    static Map<String, Object> execute(String notebook, Path work, Path tmp) throws IOException,
            InterruptedException {
        Path source = NOTEBOOKS.resolve(notebook);
        assertTrue(Files.isRegularFile(source), "no notebook " + source.toAbsolutePath());
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        String missing = missingPackages();
        if (missing != null) {
            String why = "notebooks run with Jupyter nbconvert from Debian (" + PYTHON + "): " + missing
                    + "; apt-get install " + String.join(" ", PACKAGES);
            if (ci) {
                fail("CI=true but " + why + " (.ci/run installs them)");
            }
            assumeTrue(false, "the notebook run is skipped: " + why);
        }
        Path out = Files.createDirectories(tmp.resolve("notebook-out"));
        Path log = tmp.resolve("nbconvert.log");
        ProcessBuilder nbconvert = new ProcessBuilder(PYTHON, "-m", "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.kernel_name=python3", "--ExecutePreprocessor.timeout=120",
                "--output-dir", out.toString(), source.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = nbconvert.environment();
        env.put("SEQPIPE_WORK", work.toAbsolutePath().toString());
        env.put("MPLBACKEND", "module://matplotlib_inline.backend_inline");
        env.put("JUPYTER_RUNTIME_DIR", tmp.resolve("jupyter-runtime").toString());
        env.put("IPYTHONDIR", tmp.resolve("ipython").toString());
        env.put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
        Process p = nbconvert.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("nbconvert did not finish " + notebook + " in 180 s: " + Files.readString(log));
        }
        assertEquals(0, p.exitValue(), "nbconvert failed on " + notebook + " against " + work + ":\n"
                + Files.readString(log));
        Map<String, Object> executed = Json.readMap(Files.readString(out.resolve(notebook), StandardCharsets.UTF_8));
        assertRanAndDrew(notebook, executed);
        return executed;
    }

    /** Asserts a notebook (nbformat JSON) has no error output and a PNG output in every code cell that draws. */
    @SuppressWarnings("unchecked")
    static void assertRanAndDrew(String notebook, Map<String, Object> nb) {
        List<String> problems = new ArrayList<>();
        int cell = 0;
        for (Map<String, Object> c : (List<Map<String, Object>>) nb.get("cells")) {
            cell++;
            if (!"code".equals(c.get("cell_type"))) {
                continue;
            }
            String code = text(c.get("source"));
            boolean png = false;
            for (Map<String, Object> o : (List<Map<String, Object>>) c.get("outputs")) {
                if ("error".equals(o.get("output_type"))) {
                    problems.add("cell " + cell + " failed: " + o.get("ename") + ": " + o.get("evalue"));
                }
                Object data = o.get("data");
                png |= data instanceof Map && ((Map<String, Object>) data).containsKey("image/png");
            }
            if ((code.contains("plt.") || code.contains(".plot")) && !png) {
                problems.add("cell " + cell + " draws but has no image/png output: "
                        + code.lines().findFirst().orElse(""));
            }
        }
        assertTrue(problems.isEmpty(), notebook + ": " + problems);
    }

    /** What of {@link #PACKAGES} the Debian interpreter lacks, or null when it has them all. */
    private static String missingPackages() throws IOException, InterruptedException {
        if (!new File(PYTHON).canExecute()) {
            return "no " + PYTHON;
        }
        Process probe = new ProcessBuilder(PYTHON, "-c", "import nbconvert, ipykernel, pandas, matplotlib")
                .redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        probe.waitFor(60, TimeUnit.SECONDS);
        return probe.exitValue() == 0 ? null : output.lines().reduce((a, b) -> b).orElse("import failed");
    }

    private static String text(Object source) {
        return source instanceof List<?> lines ? String.join("", lines.stream().map(String::valueOf).toList())
                : String.valueOf(source);
    }
}
