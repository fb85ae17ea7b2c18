package org.wanmi.cases;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A jurisdiction's workflow variant and step limits (流程配置). The default is the seven-step flow of the primer.
 *
 * @param fourStep Qinzhou's four steps (信息采集、任务派遣、处理反馈、核查结案): the intake operator files (a report may go
 * straight from 待受理 to 待派遣) and closes checked cases; the shift leader may still do both
 * @param autoAcceptInspectorReports an inspector's own report is accepted by the system at once
 * @param verifyPublicReports a report from the public channel must be verified on site before it is accepted
 * @param twoLevelDispatch a district platform that receives a case may pass it on (redispatch) to its streets and
 * departments
 * @param reporterMayCheck the inspector who reported a case may also check its result
 * @param stepLimits limits of the intake and checking steps, normal and urgent, e.g. {@code "30分钟"}, {@code "2工作时"};
 * the handling step's limit comes from the filing standard (立案条件) and is not set here
 * @param urgeLevels automatic 督办: level k is raised when the handling clock has used {@code urgeLevels[k-1]} times its
 * limit (whole multiples, ascending; default 1, 2, 3)
 */
public record WorkflowSettings(boolean fourStep, boolean autoAcceptInspectorReports, boolean verifyPublicReports,
		boolean twoLevelDispatch, boolean reporterMayCheck, Map<Step, StepLimit> stepLimits, List<Integer> urgeLevels) {

	/** A step's limit for normal and for urgent cases, as text ({@code 30分钟}, {@code 2工作时}, …). */
	public record StepLimit(String normal, String urgent) {
	}

	public static final WorkflowSettings DEFAULT = new WorkflowSettings(false, false, true, false, false,
			defaultLimits(), List.of(1, 2, 3));

	private static Map<Step, StepLimit> defaultLimits() {
		Map<Step, StepLimit> m = new EnumMap<>(Step.class);
		// intake steps in minutes (Taiyuan: file + dispatch within 10 min urgent / 30 min normal; check within 1–2 h)
		m.put(Step.ACCEPT, new StepLimit("30分钟", "10分钟"));
		m.put(Step.VERIFY, new StepLimit("120分钟", "60分钟"));
		m.put(Step.FILE, new StepLimit("30分钟", "10分钟"));
		m.put(Step.DISPATCH, new StepLimit("30分钟", "10分钟"));
		m.put(Step.CHECK, new StepLimit("120分钟", "60分钟"));
		m.put(Step.CLOSE, new StepLimit("60分钟", "30分钟"));
		return m;
	}

	/** Missing entries take the defaults; used when reading stored settings written by an older version. */
	public WorkflowSettings withDefaults() {
		Map<Step, StepLimit> limits = new LinkedHashMap<>(DEFAULT.stepLimits);
		if (stepLimits != null) {
			stepLimits.forEach((k, v) -> {
				if (v != null && k != Step.HANDLE) {
					limits.put(k, v);
				}
			});
		}
		return new WorkflowSettings(fourStep, autoAcceptInspectorReports, verifyPublicReports, twoLevelDispatch,
				reporterMayCheck, Map.copyOf(limits),
				urgeLevels == null || urgeLevels.isEmpty() ? DEFAULT.urgeLevels : List.copyOf(urgeLevels));
	}

}
