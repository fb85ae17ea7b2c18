/**
 * Evaluation (综合评价): regions, departments and posts scored from the case event log — every indicator of the
 * primer (结案率, 按期处置率, 返工率, 有效上报率, 按时派遣率 …) with numerator and denominator, each figure explained by the
 * cases behind it, scored 0–100, weighted into a composite, graded and ranked under configurable, versioned schemes.
 * <p>
 * Source of facts: the cases module's append-only event log {@code case_event} (read through SQL), plus the case's
 * identity as recorded at report time in {@code case_file} (case number, grid, channel, reporting inspector) — never
 * the mutable columns of {@code case_file}. The facts tables ({@code eval_case}, {@code eval_step},
 * {@code eval_deadline}) are a projection of those events: refreshed for a case whenever it changes
 * ({@link org.wanmi.cases.CaseChanged}, inside the operation's transaction) and rebuildable from scratch.
 * Definitions: {@code docs/evaluation.md}.
 * <p>
 * Publication ({@code docs/evaluation.md} §10): console ranking pages and dashboards, the monthly report archived by a
 * scheduled job ({@code eval_report}) with its PDF, the public page {@code /public/rankings} (archived months only, no
 * persons), and {@code format=xlsx} on every table, streamed in bounded memory.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Evaluation")
package org.wanmi.evaluation;
