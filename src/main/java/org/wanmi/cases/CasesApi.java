package org.wanmi.cases;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wanmi.calendar.Calendars;
import org.wanmi.catalog.Catalog;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.Scope;
import org.wanmi.shared.WanmiPrincipal;

/** Reports and cases: intake, the case with what the caller may do, operations, the timeline. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "cases", description = "案件：上报、受理、立案、派遣、处置、核查、结案 / cases")
class CasesApi {

	private final CaseService cases;

	private final Catalog catalog;

	private final Calendars calendars;

	private final JdbcClient jdbc;

	private final Duplicates duplicates;

	private final ChannelIntake intake;

	private final IntakeReviews reviews;

	/** One transaction per request: the operation and the view of its result read and commit together. */
	private final org.springframework.transaction.support.TransactionTemplate tx;

	private final org.springframework.transaction.support.TransactionTemplate readOnly;

	CasesApi(ChannelIntake intake, IntakeReviews reviews,
			CaseService cases, Catalog catalog, Calendars calendars, JdbcClient jdbc, Duplicates duplicates,
			org.springframework.transaction.PlatformTransactionManager transactions) {
		this.tx = new org.springframework.transaction.support.TransactionTemplate(transactions);
		this.readOnly = new org.springframework.transaction.support.TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
		this.intake = intake;
		this.reviews = reviews;
		this.duplicates = duplicates;
		this.cases = cases;
		this.catalog = catalog;
		this.calendars = calendars;
		this.jdbc = jdbc;
	}

	/** Handling deadline: due time, remaining working time and the light. */
	record Deadline(Instant startedAt, Instant dueAt, String timeLimit, long remainingMinutes, double shareUsed,
			String light, boolean overdue) {
	}

	/** The current timed step: which, when it started, when it is due, and its light. */
	record StepClock(Step step, Instant startedAt, Instant dueAt, String light, boolean overdue) {
	}

	/** Another case linked by merging. */
	record Link(UUID id, String caseNo, CaseState state) {
	}

	record CaseView(UUID id, String caseNo, CaseState state, String channel, String categoryKind, String categoryCode,
			String description, double lon, double lat, String address, String gridCode, String communityCode,
			String streetCode, String districtCode, String areaClass, String reporterName, Long conditionId,
			String condition, Long unitId, Long assigneeUserId, boolean signed, Deadline deadline, int reworkCount,
			int returnCount, int urgeCount, int extensionCount, Instant suspendedAt, Instant resumeAt, Short satisfaction,
			String appealState, Instant createdAt,
			Instant updatedAt, Instant closedAt, int version, List<String> allowedOperations, boolean urgent,
			StepClock stepClock, int autoUrgeLevel, Link master, List<Link> duplicates, boolean selfDisposed,
			int redispatchCount, boolean verified,
			ChannelIntake.IntakeView intake) {
	}

	CaseView view(WanmiPrincipal me, CaseRow c) {
		String conditionText = null;
		Deadline deadline = null;
		// the handling clock's progress, computed once for the deadline and the step clock
		org.wanmi.calendar.WorkCalendar.Progress handleNow = null;
		if (c.conditionId() != null) {
			var fc = catalog.condition(c.jurisdictionId(), c.conditionId()).orElse(null);
			if (fc != null) {
				conditionText = fc.condition();
				if (c.handleStartedAt() != null) {
					// the clock runs while the unit holds the case; after feedback it shows where it stopped
					boolean running = switch (c.state()) {
						case DISPATCHED, RETURN_REQUESTED, EXTENSION_REQUESTED, SUSPENSION_REQUESTED, SUSPENDED -> true;
						default -> false;
					};
					Instant end = running ? Instant.now() : c.updatedAt().toInstant();
					var p = cases.progress(c, end);
					if (running) {
						handleNow = p;
					}
					deadline = new Deadline(c.handleStartedAt().toInstant(), c.handleDueAt().toInstant(),
							fc.limitFor(c.areaClass()).toString(), p.remaining().toMinutes(),
							Math.round(p.shareUsed() * 1000) / 1000.0, p.light().name(), p.overdue());
				}
			}
		}
		return new CaseView(c.id(), c.caseNo(), c.state(), c.channel(), c.categoryKind(), c.categoryCode(),
				c.description(), c.lon(), c.lat(), c.address(), c.gridCode(), c.communityCode(), c.streetCode(),
				c.districtCode(), c.areaClass(), c.reporterName(), c.conditionId(), conditionText, c.unitId(),
				c.assigneeUserId(), c.signed(), deadline, c.reworkCount(), c.returnCount(), c.urgeCount(),
				c.extensionCount(), c.suspendedAt() == null ? null : c.suspendedAt().toInstant(),
				c.resumeAt() == null ? null : c.resumeAt().toInstant(), c.satisfaction(), c.appealState(),
				c.createdAt().toInstant(), c.updatedAt().toInstant(), c.closedAt() == null ? null : c.closedAt().toInstant(),
				c.version(), cases.allowedOperations(me, c), c.urgent(), stepClock(c, handleNow), c.autoUrgeLevel(),
				c.masterId() == null ? null : link(c.jurisdictionId(), c.masterId()),
				jdbc.sql("select id, case_no, state from case_file where master_id = ? order by created_at").param(c.id())
					.query(Link.class).list(),
				c.selfDisposed(), c.redispatchCount(), c.verified(),
				intake.view(me, c));
	}

	private Link link(long jid, UUID id) {
		return jdbc.sql("select id, case_no, state from case_file where jurisdiction_id = ? and id = ?").params(jid, id)
			.query(Link.class).optional().orElse(null);
	}

	/** The current step's clock; the light on the step's own limit (the calendar's thresholds). */
	private StepClock stepClock(CaseRow c, org.wanmi.calendar.WorkCalendar.Progress handleNow) {
		if (c.step() == null) {
			return null;
		}
		Step step = Step.valueOf(c.step());
		Instant started = c.stepStartedAt() == null ? null : c.stepStartedAt().toInstant();
		Instant due = c.stepDueAt() == null ? null : c.stepDueAt().toInstant();
		String light = null;
		boolean overdue = false;
		if (started != null && due != null) {
			Instant now = Instant.now();
			long total = java.time.Duration.between(started, due).toMillis();
			double share;
			if (step == Step.HANDLE) {
				share = total <= 0 ? 1 : (handleNow != null ? handleNow : cases.progress(c, now)).shareUsed();
			}
			else {
				var limit = WorkflowSettingsStore.limitOf(cases.settings(c.jurisdictionId()), step, c.urgent());
				share = limit.isPresent() ? calendars.of(c.jurisdictionId()).shareUsed(started, limit.get(), now)
						: total <= 0 ? 1 : (double) java.time.Duration.between(started, now).toMillis() / total;
			}
			light = calendars.of(c.jurisdictionId()).light(share).name();
			overdue = now.isAfter(due);
		}
		return new StepClock(step, started, due, light, overdue);
	}

	@PostMapping("/reports")
	@PreAuthorize("hasAnyRole('OPERATOR','INSPECTOR','SHIFT_LEADER','DISPATCHER','LEADER')")
	@Operation(summary = "上报问题（任何渠道）/ Report a problem from any channel",
			description = "The same Idempotency-Key twice yields the same case. Channel video (视频/AI, operators and shift "
					+ "leaders only) answers 202 with an item of the review queue (/api/v1/intake/reviews), never a case.")
	ResponseEntity<?> report(@RequestBody CaseService.ReportDraft draft,
			@RequestHeader(name = "Idempotency-Key", required = false) String key) {
		WanmiPrincipal me = Scope.require();
		if (ChannelIntake.isVideo(draft)) {
			IntakeReviews.Review r = reviews.submit(me, draft, key);
			return ResponseEntity.accepted().location(java.net.URI.create("/api/v1/intake/reviews/" + r.id())).body(r);
		}
		CaseView v = tx.execute(s -> view(me, cases.report(me, draft, key)));
		return ResponseEntity.status(HttpStatus.CREATED).body(v);
	}

	@GetMapping("/cases/{id}")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "案件详情及当前用户可执行的操作 / A case with the operations the caller may perform")
	CaseView get(@PathVariable UUID id) {
		WanmiPrincipal me = Scope.require();
		return readOnly.execute(s -> view(me, cases.visible(me, id)));
	}

	@PostMapping("/cases/{id}/operations/{operation}")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "执行一个操作 / Perform one operation")
	CaseView perform(@PathVariable UUID id, @PathVariable String operation, @RequestBody(required = false) Command body) {
		WanmiPrincipal me = Scope.require();
		org.wanmi.cases.Operation op = org.wanmi.cases.Operation.ofApiName(operation)
			.filter(o -> !o.isSystemOnly())
			.orElseThrow(() -> ProblemException.notFound("cases.operation.unknown", operation));
		return tx.execute(s -> view(me, cases.perform(me, id, op, body)));
	}

	@GetMapping("/cases/{id}/duplicates")
	@PreAuthorize("hasAnyRole('OPERATOR','SHIFT_LEADER','DISPATCHER','LEADER')")
	@Operation(summary = "可能重复的案件（同类、50米内、未结或7天内结案）/ Possible duplicates: same category nearby, open or recently closed")
	List<Duplicates.Suggestion> duplicates(@PathVariable UUID id) {
		WanmiPrincipal me = Scope.require();
		if (CaseService.seesAllOfRegion(me)) {
			// the caller sees every case of their region: the case, its visibility and its duplicates in one statement
			return duplicates.forCase(me.jurisdictionId(), id, me.regionCode())
				.orElseThrow(() -> ProblemException.notFound("cases.notFound", id));
		}
		CaseRow c = cases.visible(me, id);
		return duplicates.of(c).stream()
			.filter(d -> CaseService.canSee(me, cases.load(me.jurisdictionId(), d.id())))
			.toList();
	}

	@GetMapping("/cases/{id}/events")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "案件时间线（不可修改的事件）/ The case's timeline of immutable events")
	List<CaseService.Event> events(@PathVariable UUID id) {
		return cases.events(Scope.require(), id);
	}

	record CaseSummary(UUID id, String caseNo, CaseState state, String channel, String categoryKind, String categoryCode,
			String gridCode, Long unitId, Instant handleDueAt, Instant createdAt, String description, String address,
			boolean urgent, String step, Instant stepDueAt) {

		static CaseSummary of(CaseRow c) {
			return new CaseSummary(c.id(), c.caseNo(), c.state(), c.channel(), c.categoryKind(), c.categoryCode(),
					c.gridCode(), c.unitId(), c.handleDueAt() == null ? null : c.handleDueAt().toInstant(),
					c.createdAt().toInstant(), c.description(), c.address(), c.urgent(), c.step(),
					c.stepDueAt() == null ? null : c.stepDueAt().toInstant());
		}

	}

	/** Operations that are options on a case rather than work waiting for somebody. */
	static final java.util.Set<String> NOT_TASKS = java.util.Set.of("urge", "appeal", "reclassify", "merge");

	/** A case waiting for the caller, with what the caller can do on it. */
	record Task(CaseSummary caseSummary, List<String> operations) {
	}

	@GetMapping("/tasks")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "我的待办：需要当前用户处理的案件，最紧急的在前 / What the caller must act on now, most urgent first")
	List<Task> tasks(@RequestParam(defaultValue = "100") int limit) {
		return tasksFor(Scope.require(), limit);
	}

	/** What {@code me} must act on now, most urgent step first. */
	List<Task> tasksFor(WanmiPrincipal me, int limit) {
		WorkflowSettings settings = cases.settings(me.jurisdictionId());
		// the states in which one of the caller's roles has an operation other than urging
		List<String> states = CaseWorkflow.table(settings).stream()
			.filter(t -> !NOT_TASKS.contains(t.operation().apiName()))
			.filter(t -> t.roles().stream().anyMatch(r -> me.hasRole(r.name())))
			.map(t -> t.from().name())
			.distinct()
			.toList();
		if (states.isEmpty()) {
			return List.of();
		}
		// the data scope in SQL (as search does), so a unit's or an inspector's work is never cut off by others' rows
		Map<String, Object> params = new java.util.LinkedHashMap<>();
		params.put("states", states);
		return jdbc.sql("select * from case_file c where " + CaseSearch.scope(me, params) + " and c.state in (:states)"
				+ " order by c.step_due_at asc nulls last, c.created_at asc limit 5000")
			.params(params)
			.query(CaseRow.MAPPER)
			.list().stream()
			.filter(c -> CaseService.canSee(me, c))
			.map(c -> new Task(CaseSummary.of(c), cases.allowedOperations(me, c, settings).stream().filter(o -> !NOT_TASKS.contains(o)).toList()))
			.filter(t -> !t.operations().isEmpty())
			.limit(Math.max(1, Math.min(limit, 500)))
			.toList();
	}

}
