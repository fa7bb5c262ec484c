package io.seqpipe.report;

/** A task's own part of its evaluate report: what it adds to the page after the common sections. */
@FunctionalInterface
public interface ReportSections {
    void addTo(ReportPage page);
}
