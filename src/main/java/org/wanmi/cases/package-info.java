/**
 * Cases (案件): intake of reports from every channel and the case lifecycle as an explicit state machine
 * ({@link org.wanmi.cases.CaseWorkflow}, one readable transition table of state × operation × role). Every operation
 * appends an immutable event ({@code case_event}); the {@code case_file} row is the projection of those events.
 * Deadlines come from the filing standard (catalog) and the working calendar; the handling clock starts at dispatch.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Cases")
package org.wanmi.cases;
