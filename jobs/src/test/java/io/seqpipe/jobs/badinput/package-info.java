/**
 * The bad-input catalogue: every kind of bad input or fault a user or scheduler may produce, each pinned to the
 * behaviour SeqPipe promises for it. One test class per area (config and secrets, delimited and series input, models,
 * concurrency...); in it, one entry per kind, with its own small hand-made fixture under
 * {@code src/test/resources/bad-input/<kind>/} and one group of assertions run through the real CLI
 * ({@link io.seqpipe.jobs.CliRun}): the exit code, the one-line message ({@code seqpipe: error: ...}) or the reject
 * reason, and, where rows are involved, rows read = written + rejected.
 * {@code WellBehavedInputCatalogueTest} pins the kinds that already behave well, one per reject reason too.
 * {@code PrepareRun} is the one {@code prepare} run and summary/rejects reading the data entries share.
 *
 * <p>Entries for config errors never start Spark; an entry that needs Spark keeps to a few rows, one epoch and a tiny
 * model. docs/FORMATS.md ("Bad input: reject reasons and fatal errors") lists every reject reason and fatal error with
 * its exit code and the test that pins it.
 */
package io.seqpipe.jobs.badinput;
