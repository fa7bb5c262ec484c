/**
 * The HTML report that {@code evaluate} writes beside {@code metrics.json}, and the comparison of several runs that
 * {@code seqpipe report} writes ({@link io.seqpipe.report.RunComparison}, drawn by
 * {@link io.seqpipe.report.ComparisonPage}): {@link io.seqpipe.report.ReportPage} builds
 * one self-contained page (tables as HTML, charts drawn with JFreeChart headless and inlined as base64 PNG, every text
 * escaped), {@link io.seqpipe.report.Charts} makes the charts each task's report shows (learning curves, confusion
 * matrix, scores per class, ROC curve, forecasts against the baselines, bar charts), and
 * {@link io.seqpipe.report.LearningCurve} reads the per-epoch history of a model's provenance. Pure: no Spark, no
 * Hadoop; the tasks hand it what their evaluate computed and write the page through their output, and the
 * {@code report} command hands it the runs it read.
 */
package io.seqpipe.report;
