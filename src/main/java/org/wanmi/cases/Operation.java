package org.wanmi.cases;

import java.util.Arrays;
import java.util.Optional;

/** Operations on a case; {@link #apiName()} is the name in {@code POST /api/v1/cases/{id}/operations/{operation}}. */
public enum Operation {

	REPORT("report"), ACCEPT("accept"), REJECT("reject"), SEND_VERIFICATION("send-verification"), VERIFY("verify"),
	FILE("file"), SEND_BACK("send-back"), VOID("void"), APPROVE_VOID("approve-void"), DISPATCH("dispatch"),
	SIGN("sign"), REQUEST_RETURN("request-return"), DECIDE_RETURN("decide-return"),
	REQUEST_EXTENSION("request-extension"), DECIDE_EXTENSION("decide-extension"),
	REQUEST_SUSPENSION("request-suspension"), DECIDE_SUSPENSION("decide-suspension"), RESUME("resume"),
	FEEDBACK("feedback"),
	SEND_CHECK("send-check"), CHECK("check"), CLOSE("close"), URGE("urge"), RECLASSIFY("reclassify"),
	CALLBACK("callback"), APPEAL("appeal"), DECIDE_APPEAL("decide-appeal"), MERGE("merge"), UNMERGE("unmerge"),
	REDISPATCH("redispatch"), APPROVE_SELF_DISPOSAL("approve-self-disposal"),
	/** Recorded by the system on the master when another case is merged into it or unmerged (not an API operation). */
	MERGED_IN("merged-in"), UNMERGED_OUT("unmerged-out"),
	/** Recorded by the system when a step's due time passes (not an API operation). */
	OVERDUE("overdue"),
	/** A status note from an external system (Open311 servicerequestupdates); the state does not change. */
	EXTERNAL_UPDATE("external-update");

	/** Operations only the system records; {@code POST …/operations/{operation}} refuses them. */
	public boolean isSystemOnly() {
		return this == REPORT || this == MERGED_IN || this == UNMERGED_OUT || this == OVERDUE || this == EXTERNAL_UPDATE;
	}

	private final String apiName;

	Operation(String apiName) {
		this.apiName = apiName;
	}

	public String apiName() {
		return apiName;
	}

	public static Optional<Operation> ofApiName(String name) {
		return Arrays.stream(values()).filter(o -> o.apiName.equals(name)).findFirst();
	}

}
