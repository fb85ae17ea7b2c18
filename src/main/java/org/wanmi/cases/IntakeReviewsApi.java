package org.wanmi.cases;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wanmi.shared.Scope;
import org.wanmi.shared.WanmiPrincipal;

/**
 * The review queue of video/AI detections ({@code POST /api/v1/reports} with channel {@code video} answers 202 with
 * an item of this queue). Operators and shift leaders accept (→ a case) or dismiss.
 */
@RestController
@RequestMapping("/api/v1/intake/reviews")
@Tag(name = "intake reviews", description = "视频/AI识别结果的人工审核队列 / review queue of video and AI detections")
class IntakeReviewsApi {

	private final IntakeReviews reviews;

	private final CasesApi casesApi;

	IntakeReviewsApi(IntakeReviews reviews, CasesApi casesApi) {
		this.reviews = reviews;
		this.casesApi = casesApi;
	}

	/** Body of a dismissal: a reason code (FALSE_ALARM, DUPLICATE, NOT_OUR_DUTY, …) and an optional comment. */
	record Dismissal(String reasonCode, String comment) {
	}

	@GetMapping
	@PreAuthorize("hasAnyRole('OPERATOR','SHIFT_LEADER')")
	@Operation(summary = "待审核的视频/AI识别结果，置信度高的在前 / Detections by status, highest confidence first, then oldest")
	List<IntakeReviews.Review> list(@RequestParam(defaultValue = "PENDING") String status,
			@RequestParam(defaultValue = "100") int limit) {
		return reviews.list(Scope.require(), status, limit);
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAnyRole('OPERATOR','SHIFT_LEADER')")
	@Operation(summary = "一条识别结果 / One detection")
	IntakeReviews.Review get(@PathVariable UUID id) {
		return reviews.get(Scope.require(), id);
	}

	@PostMapping("/{id}/accept")
	@PreAuthorize("hasAnyRole('OPERATOR','SHIFT_LEADER')")
	@Operation(summary = "确认为问题：生成案件（可改类别和描述）/ Accept: report the case (category and description may be corrected)",
			description = "The case is reported through the normal intake with channel VIDEO, the snapshot as its photo and "
					+ "the camera as reporter. A review decided before answers 409.")
	ResponseEntity<CasesApi.CaseView> accept(@PathVariable UUID id,
			@RequestBody(required = false) IntakeReviews.Override override) {
		WanmiPrincipal me = Scope.require();
		CaseRow c = reviews.accept(me, id, override);
		return ResponseEntity.status(HttpStatus.CREATED).body(casesApi.view(me, c));
	}

	@PostMapping("/{id}/dismiss")
	@PreAuthorize("hasAnyRole('OPERATOR','SHIFT_LEADER')")
	@Operation(summary = "误报等：不生成案件 / Dismiss with a reason code; no case is made")
	IntakeReviews.Review dismiss(@PathVariable UUID id, @RequestBody(required = false) Dismissal body) {
		return reviews.dismiss(Scope.require(), id, body == null ? null : body.reasonCode(),
				body == null ? null : body.comment());
	}

}
