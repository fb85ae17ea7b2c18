package org.wanmi.cases;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wanmi.calendar.Calendars;
import org.wanmi.calendar.WorkCalendar;
import org.wanmi.catalog.Catalog;
import org.wanmi.catalog.FilingCondition;
import org.wanmi.catalog.Kind;
import org.wanmi.geography.Gazetteer;
import org.wanmi.geography.Geography;
import org.wanmi.geography.ResponsibilityGrids;
import org.wanmi.identity.Role;
import org.wanmi.identity.Users;
import org.wanmi.organisation.Organisations;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.SystemPrincipal;
import org.wanmi.shared.TimeLimit;
import org.wanmi.shared.WanmiPrincipal;

import tools.jackson.databind.json.JsonMapper;

/**
 * Intake and operations. Every change of a case goes through {@link #perform}: the workflow table decides whether the
 * caller may, the case row is updated under its version (one of two concurrent operations wins, the other gets 409),
 * and an immutable event is appended in the same transaction.
 */
@Service
public class CaseService {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	private final Geography geography;

	private final Catalog catalog;

	private final Calendars calendars;

	private final Organisations organisations;

	private final Users users;

	private final ResponsibilityGrids responsibilityGrids;

	private final int maxExtensions;

	private final org.wanmi.attachments.Attachments attachments;

	private final org.springframework.context.ApplicationEventPublisher events;

	private final WorkflowSettingsStore settingsStore;

	private final org.wanmi.patrol.Patrols patrols;

	private final Gazetteer gazetteer;

	private final ChannelIntake intake;

	private final CaseNumbers numbers;

	CaseService(ChannelIntake intake, CaseNumbers numbers,
			org.springframework.context.ApplicationEventPublisher events, WorkflowSettingsStore settingsStore,
			org.wanmi.patrol.Patrols patrols, Gazetteer gazetteer, JdbcClient jdbc, Geography geography, Catalog catalog, Calendars calendars, Organisations organisations,
			Users users, ResponsibilityGrids responsibilityGrids, org.wanmi.attachments.Attachments attachments,
			@org.springframework.beans.factory.annotation.Value("${wanmi.cases.max-extensions:2}") int maxExtensions) {
		this.intake = intake;
		this.numbers = numbers;
		this.events = events;
		this.settingsStore = settingsStore;
		this.patrols = patrols;
		this.gazetteer = gazetteer;
		this.maxExtensions = maxExtensions;
		this.attachments = attachments;
		this.jdbc = jdbc;
		this.geography = geography;
		this.catalog = catalog;
		this.calendars = calendars;
		this.organisations = organisations;
		this.users = users;
		this.responsibilityGrids = responsibilityGrids;
	}

	/**
	 * What a reporting channel supplies. The channel-specific fields (from {@code callerName} on) are read by
	 * {@link ChannelIntake}: hotline caller, video detection (confidence, snapshot, camera), IoT device and component.
	 */
	public record ReportDraft(String channel, Double lon, Double lat, String address, String categoryKind,
			String categoryCode, String description, String reporterName, String reporterContact, List<String> photos,
			Boolean urgent, Boolean selfDisposed, List<String> afterPhotos,
			// ---- channel-specific intake (ChannelIntake)
			String callerName, String callerPhone, Boolean callbackWanted, Double confidence, String snapshot,
			String cameraId, String deviceId, String componentId) {

		public ReportDraft(String channel, Double lon, Double lat, String address, String categoryKind, String categoryCode,
				String description, String reporterName, String reporterContact, List<String> photos) {
			this(channel, lon, lat, address, categoryKind, categoryCode, description, reporterName, reporterContact, photos,
					null, null, null);
		}

		public ReportDraft(String channel, Double lon, Double lat, String address, String categoryKind, String categoryCode,
				String description, String reporterName, String reporterContact, List<String> photos, Boolean urgent,
				Boolean selfDisposed, List<String> afterPhotos) {
			this(channel, lon, lat, address, categoryKind, categoryCode, description, reporterName, reporterContact, photos,
					urgent, selfDisposed, afterPhotos, null, null, null, null, null, null, null, null);
		}

	}

	/**
	 * The report's position: given as lon/lat (the address, when missing, described from the gazetteer — "XX路与XX路
	 * 交叉口向东约30米"), or geocoded from the address alone (the gazetteer's best hit; 422 when nothing matches).
	 */
	private ReportDraft positioned(long jid, ReportDraft d) {
		boolean hasPoint = d.lon() != null && d.lat() != null;
		boolean hasAddress = d.address() != null && !d.address().isBlank();
		if (!hasPoint && hasAddress) {
			if (d.address().length() > 300) {
				throw ProblemException.badRequest("cases.address.tooLong", 300);
			}
			var hit = gazetteer.search(jid, d.address().trim(), 1).stream().findFirst()
				.orElseThrow(() -> new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "cases.address.notFound", d.address().trim()));
			return new ReportDraft(d.channel(), hit.lon(), hit.lat(), d.address(), d.categoryKind(), d.categoryCode(),
					d.description(), d.reporterName(), d.reporterContact(), d.photos(), d.urgent(), d.selfDisposed(), d.afterPhotos());
		}
		if (hasPoint && !hasAddress && d.lon() >= -180 && d.lon() <= 180 && d.lat() >= -90 && d.lat() <= 90) {
			String described = gazetteer.describe(jid, d.lon(), d.lat()).map(Gazetteer.ReverseResult::description).orElse(null);
			if (described != null) {
				return new ReportDraft(d.channel(), d.lon(), d.lat(), described, d.categoryKind(), d.categoryCode(),
						d.description(), d.reporterName(), d.reporterContact(), d.photos(), d.urgent(), d.selfDisposed(),
						d.afterPhotos());
			}
		}
		return d;
	}

	/** A checked 小类 of the jurisdiction's catalog. */
	record Category(Kind kind, String code) {
	}

	/** The unit grid (and above) of a report's position: 400 without a valid point, 422 outside every grid. */
	Geography.Location locate(long jid, Double lon, Double lat) {
		if (lon == null || lat == null || !(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
			throw ProblemException.badRequest("cases.report.position");
		}
		return geography.locate(jid, lon, lat)
			.orElseThrow(() -> new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "cases.report.outside", lon, lat));
	}

	/** The category a report names, checked against the catalog (400 when unknown); null when it names none. */
	Category category(long jid, String kindText, String codeText) {
		if (codeText == null || codeText.isBlank()) {
			return null;
		}
		Kind kind = kind(kindText);
		String code = codeText.trim();
		if (catalog.category(jid, kind, code).isEmpty()) {
			throw ProblemException.badRequest("cases.category.unknown", kind + ":" + code);
		}
		return new Category(kind, code);
	}

	/** The settings in force for a jurisdiction. */
	WorkflowSettings settings(long jurisdictionId) {
		return settingsStore.current(jurisdictionId);
	}

	// ------------------------------------------------------------------ intake

	/**
	 * Registers a report as a new case in state {@link CaseState#REPORTED}. With an idempotency key, the same key
	 * again returns the case the first call created.
	 */
	@Transactional
	public CaseRow report(WanmiPrincipal actor, ReportDraft d, String idempotencyKey) {
		return report(actor, d, idempotencyKey, null);
	}

	/** @param reviewId the accepted video review ({@link IntakeReviews}) the case comes from, else {@code null} */
	@Transactional
	CaseRow report(WanmiPrincipal actor, ReportDraft d, String idempotencyKey, UUID reviewId) {
		long jid = actor.jurisdictionId();
		if (idempotencyKey != null && !idempotencyKey.isBlank()) {
			if (idempotencyKey.length() > 100) {
				throw ProblemException.badRequest("cases.idempotency.tooLong");
			}
			Optional<UUID> earlier = jdbc.sql("select case_id from report_idempotency where jurisdiction_id = ? and idem_key = ?")
				.params(jid, idempotencyKey).query(UUID.class).optional();
			if (earlier.isPresent()) {
				return load(jid, earlier.get());
			}
		}
		Channel channel = channel(d.channel());
		ChannelIntake.Extras extras = intake.prepare(jid, channel, d, reviewId); // hotline, video, IoT (component)
		d = extras.draft();
		d = positioned(jid, d);
		final ReportDraft draft = d;
		Geography.Location loc = locate(jid, draft.lon(), draft.lat());
		Category category = category(jid, d.categoryKind(), d.categoryCode());
		Kind kind = category == null ? null : category.kind();
		String code = category == null ? null : category.code();
		if (category == null && channel != Channel.PUBLIC) {
			throw ProblemException.badRequest("cases.category.required");
		}
		if (d.description() != null && d.description().length() > 2000) {
			throw ProblemException.badRequest("cases.description.tooLong", 2000);
		}
		checkPhotos(jid, d.photos());
		boolean selfDisposed = Boolean.TRUE.equals(d.selfDisposed());
		if (selfDisposed) {
			// 自处置: only an inspector's own report, with a photo of the result
			if (channel != Channel.INSPECTOR || !actor.hasRole(Role.INSPECTOR.name())) {
				throw ProblemException.badRequest("cases.selfDisposal.inspectorOnly");
			}
			if (d.afterPhotos() == null || d.afterPhotos().isEmpty()) {
				throw ProblemException.badRequest("cases.field.required", "afterPhotos");
			}
			checkPhotos(jid, d.afterPhotos());
		}
		boolean urgent = Boolean.TRUE.equals(d.urgent());
		WorkflowSettings settings = settings(jid);
		CaseState initial = selfDisposed ? CaseState.SELF_DISPOSED : CaseState.REPORTED;
		extras.check(channel);
		UUID id = UUID.randomUUID();
		if (idempotencyKey != null && !idempotencyKey.isBlank()) {
			// a concurrent call with the same key waits here for the first one and then finds its case
			int inserted = jdbc.sql("insert into report_idempotency(jurisdiction_id, idem_key, case_id) values (?,?,?) on conflict do nothing")
				.params(jid, idempotencyKey, id).update();
			if (inserted == 0) {
				UUID earlier = jdbc.sql("select case_id from report_idempotency where jurisdiction_id = ? and idem_key = ?")
					.params(jid, idempotencyKey).query(UUID.class).single();
				return load(jid, earlier);
			}
		}
		String caseNo = numbers.next(jid);
		boolean inspector = channel == Channel.INSPECTOR && actor.hasRole(Role.INSPECTOR.name());
		Instant now = Instant.now();
		Map<String, Object> set = new LinkedHashMap<>();
		stepClock(jid, settings, null, initial, urgent, now, set);
		// one statement: the row with its step clock, answered as stored
		StringBuilder columns = new StringBuilder();
		StringBuilder marks = new StringBuilder();
		List<Object> params = new ArrayList<>(List.of(id, jid, caseNo, initial.name(), channel.name()));
		params.addAll(Arrays.asList(kind == null ? null : kind.name(), code,
				trim(d.description()), d.lon(), d.lat(), trim(d.address()), loc.gridCode(), loc.communityCode(),
				loc.streetCode(), loc.districtCode(), loc.areaClass(),
				trim(d.reporterName() != null ? d.reporterName() : inspector ? actor.displayName() : null),
				trim(d.reporterContact()), inspector ? actor.userId() : null, urgent, selfDisposed,
				extras.callerName(), extras.callerPhone(), extras.callbackWanted(), extras.componentId(), extras.deviceId()));
		set.forEach((k, v) -> {
			columns.append(", ").append(k);
			marks.append(", ?");
			params.add(v);
		});
		CaseRow row = jdbc.sql("""
				insert into case_file(id, jurisdiction_id, case_no, state, channel, category_kind, category_code, description,
				  lon, lat, address, grid_code, community_code, street_code, district_code, area_class,
				  reporter_name, reporter_contact, reporter_user_id, urgent, self_disposed,
				  caller_name, caller_phone, callback_wanted, component_id, device_id""" + columns + """
				)
				values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?, ?,?,?,?,?""" + marks + ") returning *")
			.params(params)
			.query(CaseRow.MAPPER).single();
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("channel", channel.name());
		payload.put("photos", d.photos() == null ? List.of() : d.photos());
		// the report's facts, so the event log alone says where, what and who (evaluation)
		payload.put("caseNo", caseNo);
		payload.put("gridCode", loc.gridCode());
		payload.put("communityCode", loc.communityCode());
		payload.put("streetCode", loc.streetCode());
		payload.put("districtCode", loc.districtCode());
		payload.put("areaClass", loc.areaClass());
		if (kind != null) {
			payload.put("categoryKind", kind.name());
			payload.put("categoryCode", code);
		}
		if (inspector) {
			payload.put("reporterUserId", actor.userId());
		}
		payload.putAll(extras.payload());
		if (selfDisposed) {
			payload.put("selfDisposed", true);
			payload.put("afterPhotos", d.afterPhotos());
		}
		if (urgent) {
			payload.put("urgent", true);
		}
		append(row, Operation.REPORT, null, initial, actor, payload);
		if (!selfDisposed && inspector && settings.autoAcceptInspectorReports()) {
			// 监督员上报自动受理: recorded as the system's acceptance
			Map<String, Object> accept = new LinkedHashMap<>();
			stepClock(jid, settings, CaseState.REPORTED, CaseState.ACCEPTED, urgent, now, accept);
			accept.put("state", CaseState.ACCEPTED.name());
			row = updateColumnsReturning(id, accept);
			append(row, Operation.ACCEPT, CaseState.REPORTED, CaseState.ACCEPTED, SystemPrincipal.caseTimers(jid),
					new LinkedHashMap<>(Map.of("auto", true)));
		}
		return row;
	}

	// ------------------------------------------------------------------ operations

	@Transactional
	public CaseRow perform(WanmiPrincipal actor, UUID id, Operation op, Command cmd) {
		long jid = actor.jurisdictionId();
		CaseRow c = visible(actor, id);
		WorkflowSettings settings = settings(jid);
		Optional<CaseWorkflow.Refusal> refusal = CaseWorkflow.check(c.state(), op, actor.roles(), isAssignee(actor, c),
				isOfUnit(actor, c), settings);
		if (refusal.isPresent()) {
			throw switch (refusal.get()) {
				case WRONG_STATE -> new ProblemException(HttpStatus.CONFLICT, "cases.operation.wrongState",
						List.of(Map.of("currentState", c.state().name())), op.apiName(), c.state().name());
				case NOT_ENABLED -> new ProblemException(HttpStatus.CONFLICT, "cases.operation.notEnabled",
						List.of(Map.of("currentState", c.state().name())), op.apiName());
				case WRONG_ROLE -> new ProblemException(HttpStatus.FORBIDDEN, "cases.operation.wrongRole", op.apiName());
				case NOT_YOURS -> new ProblemException(HttpStatus.FORBIDDEN, "cases.operation.notYours", op.apiName());
			};
		}
		CaseWorkflow.Transition t = CaseWorkflow.rowFor(c.state(), op, actor.roles(), isAssignee(actor, c),
				isOfUnit(actor, c), settings).orElseThrow();
		Command command = cmd == null ? Command.EMPTY : cmd;
		requireDecision(op, command);
		checkPhotos(jid, command.photoIds());
		CaseState to = t.target().apply(command);
		if (to == null) {
			to = c.resumeState(); // a refused request goes back to where it came from
		}
		Map<String, Object> set = new LinkedHashMap<>();
		Map<String, Object> payload = payload(command);
		Instant now = Instant.now();
		switch (op) {
			case ACCEPT -> {
				if (needsVerification(settings, c)) {
					throw new ProblemException(HttpStatus.CONFLICT, "cases.accept.needsVerification");
				}
			}
			case REJECT, REQUEST_RETURN -> require(command.reasonCode(), "reasonCode");
			case SEND_VERIFICATION, SEND_CHECK -> {
				long inspector = assignee(jid, c, command.assignee(),
						op == Operation.SEND_CHECK && !settings.reporterMayCheck());
				set.put("assignee_user_id", inspector);
				payload.put("assigneeUserId", inspector);
			}
			case VERIFY -> {
				set.put("assignee_user_id", null);
				if (command.isPassed()) {
					set.put("verified", true);
				}
			}
			case FILE -> {
				FilingCondition fc = condition(jid, c.categoryKind(), c.categoryCode(), command.conditionId());
				set.put("condition_id", fc.id());
				payload.put("timeLimit", fc.limitFor(c.areaClass()).toString());
				if (command.urgent() != null) {
					set.put("urgent", command.urgent());
					payload.put("urgent", command.urgent());
				}
			}
			case REDISPATCH -> redispatch(jid, c, command, set, payload);
			case MERGE -> merge(actor, c, command, set, payload);
			case UNMERGE -> {
				set.put("master_id", null);
				set.put("resume_state", null);
				payload.put("masterId", String.valueOf(c.masterId()));
			}
			case APPROVE_SELF_DISPOSAL -> {
				if (command.isApproved()) {
					set.put("closed_at", Timestamp.from(now));
				}
			}
			case VOID -> {
				require(command.reasonCode(), "reasonCode");
				set.put("resume_state", c.state().name());
			}
			case APPROVE_VOID -> set.put("resume_state", null);
			case OVERDUE, MERGED_IN, UNMERGED_OUT, REPORT -> throw ProblemException.notFound("cases.operation.unknown", op.apiName());
			case DISPATCH -> {
				if (command.unitId() == null) {
					throw ProblemException.badRequest("cases.field.required", "unitId");
				}
				var unit = organisations.unit(jid, command.unitId()).filter(u -> u.active())
					.orElseThrow(() -> ProblemException.badRequest("cases.unit.unknown", command.unitId()));
				set.put("unit_id", unit.id());
				set.put("signed", false);
				startClock(jid, settings, c, now, set, payload);
				payload.put("unitName", unit.name());
			}
			case SIGN -> {
				if (c.signed()) {
					throw new ProblemException(HttpStatus.CONFLICT, "cases.sign.already");
				}
				set.put("signed", true);
			}
			case DECIDE_RETURN -> {
				if (command.isApproved()) {
					// an approved return counts against the unit, unless the dispatcher rules it a dispatch error (派遣错误)
					payload.put("dispatchError", "DISPATCH_ERROR".equals(command.reasonCode()));
					set.put("unit_id", null);
					set.put("signed", false);
					set.put("handle_started_at", null);
					set.put("handle_due_at", null);
					set.put("next_urge_at", null);
					set.put("return_count", c.returnCount() + 1);
				}
			}
			case REQUEST_EXTENSION -> {
				require(command.reasonCode(), "reasonCode");
				if (c.extensionCount() >= maxExtensions) {
					throw new ProblemException(HttpStatus.CONFLICT, "cases.extension.max", maxExtensions);
				}
			}
			case DECIDE_EXTENSION -> {
				if (c.extensionCount() >= 1 && !actor.hasRole(Role.LEADER.name())) {
					throw new ProblemException(HttpStatus.FORBIDDEN, "cases.extension.leaderNeeded");
				}
				if (command.isApproved()) {
					set.put("extension_count", c.extensionCount() + 1);
					Instant due = due(jid, c, 1, null);
					set.put("handle_due_at", Timestamp.from(due));
					set.put("auto_urge_level", 0);
					set.put("next_urge_at", nextUrge(jid, settings, c, 1, 0, null));
					payload.put("handleDueAt", due.toString());
				}
			}
			case REQUEST_SUSPENSION -> {
				require(command.reasonCode(), "reasonCode");
				if (command.resumeAt() != null && command.resumeAt().isBefore(now)) {
					throw ProblemException.badRequest("cases.suspension.resumeInPast");
				}
			}
			case DECIDE_SUSPENSION -> {
				if (command.isApproved()) {
					if (command.resumeAt() != null && command.resumeAt().isBefore(now)) {
						throw ProblemException.badRequest("cases.suspension.resumeInPast");
					}
					set.put("suspended_at", Timestamp.from(now));
					set.put("resume_at", command.resumeAt() == null ? null : Timestamp.from(command.resumeAt()));
					jdbc.sql("insert into case_pause(case_id, paused_at) values (?, ?)").params(id, Timestamp.from(now)).update();
				}
			}
			case RESUME -> {
				jdbc.sql("update case_pause set resumed_at = ? where case_id = ? and resumed_at is null")
					.params(Timestamp.from(now), id).update();
				set.put("suspended_at", null);
				set.put("resume_at", null);
				Instant due = due(jid, c, 0, now);
				set.put("handle_due_at", Timestamp.from(due));
				set.put("auto_urge_level", 0);
				set.put("next_urge_at", nextUrge(jid, settings, c, 0, 0, now));
				payload.put("handleDueAt", due.toString());
			}
			case FEEDBACK -> require(command.result(), "result");
			case CHECK -> {
				set.put("assignee_user_id", null);
				if (!command.isPassed()) {
					// 返工: back to the same unit, the clock starts again, counted against the unit
					set.put("rework_count", c.reworkCount() + 1);
					set.put("signed", false);
					startClock(jid, settings, c, now, set, payload);
				}
			}
			case RECLASSIFY -> reclassify(jid, settings, c, command, set, payload);
			case CALLBACK -> {
				if (!List.of("PUBLIC", "HOTLINE", "MEDIA").contains(c.channel())) {
					throw new ProblemException(HttpStatus.CONFLICT, "cases.callback.notPublic");
				}
				if (c.satisfaction() != null) {
					throw new ProblemException(HttpStatus.CONFLICT, "cases.callback.done");
				}
				if (intake.callbackDeclined(c.id())) {
					throw new ProblemException(HttpStatus.CONFLICT, "cases.callback.notWanted");
				}
				if (command.satisfaction() == null || command.satisfaction() < 1 || command.satisfaction() > 5) {
					throw ProblemException.badRequest("cases.callback.satisfaction");
				}
				set.put("satisfaction", command.satisfaction().shortValue());
				payload.put("satisfaction", command.satisfaction());
			}
			case APPEAL -> {
				require(command.reasonCode(), "reasonCode");
				if (c.handleDueAt() == null || !wasLate(c)) {
					throw new ProblemException(HttpStatus.CONFLICT, "cases.appeal.notLate");
				}
				if (c.appealState() != null) {
					throw new ProblemException(HttpStatus.CONFLICT, "cases.appeal.already");
				}
				set.put("appeal_state", "PENDING");
			}
			case DECIDE_APPEAL -> {
				if (!"PENDING".equals(c.appealState())) {
					throw new ProblemException(HttpStatus.CONFLICT, "cases.appeal.nonePending");
				}
				set.put("appeal_state", command.isApproved() ? "APPROVED" : "REJECTED");
			}
			case CLOSE -> set.put("closed_at", Timestamp.from(now));
			case URGE -> set.put("urge_count", c.urgeCount() + 1);
			default -> {
			}
		}
		if (to == CaseState.SUSPENDED) {
			set.put("next_urge_at", null);
		}
		if (to == CaseState.HANDLED || to.isFinal() || to == CaseState.SELF_DISPOSED) {
			set.put("next_urge_at", null);
		}
		stepClock(jid, settings, c, to, op, now, set);
		set.put("state", to.name());
		StringBuilder sql = new StringBuilder("update case_file set version = version + 1, updated_at = now()");
		List<Object> params = new ArrayList<>();
		set.forEach((k, v) -> {
			sql.append(", ").append(k).append(" = ?");
			params.add(v);
		});
		sql.append(" where id = ? and version = ?");
		params.add(id);
		params.add(c.version());
		// the updated row comes back with the update: no second read
		sql.append(" returning *");
		Optional<CaseRow> updated = jdbc.sql(sql.toString()).params(params).query(CaseRow.MAPPER).optional();
		if (updated.isEmpty()) {
			CaseRow now2 = load(jid, id);
			throw new ProblemException(HttpStatus.CONFLICT, "cases.operation.concurrent",
					List.of(Map.of("currentState", now2.state().name())), now2.state().name());
		}
		CaseRow after = updated.get();
		append(after, op, c.state(), to, actor, payload);
		if (op == Operation.MERGE || op == Operation.UNMERGE) {
			// the master's timeline records the link too
			UUID masterId = op == Operation.MERGE ? after.masterId() : c.masterId();
			CaseRow master = lockForSystem(jid, masterId);
			Map<String, Object> note = new LinkedHashMap<>();
			note.put(op == Operation.MERGE ? "merged" : "unmerged", id.toString());
			note.put("caseNo", c.caseNo());
			append(master, op == Operation.MERGE ? Operation.MERGED_IN : Operation.UNMERGED_OUT, master.state(),
					master.state(), actor, note);
		}
		return after;
	}

	// ------------------------------------------------------------------ steps and timers

	/** Whether a report must be verified on site before it may be accepted. */
	static boolean needsVerification(WorkflowSettings settings, CaseRow c) {
		return settings.verifyPublicReports() && Channel.PUBLIC.name().equals(c.channel()) && !c.verified();
	}

	/**
	 * Sets the step clock for a transition from {@code c}'s state to {@code to}: a new step starts its clock; the
	 * handling step's due time follows the handling deadline (extensions, suspensions); final states stop it.
	 */
	private void stepClock(long jid, WorkflowSettings settings, CaseRow c, CaseState to, Operation op, Instant now,
			Map<String, Object> set) {
		Optional<Step> before = Step.of(c.state());
		Optional<Step> after = Step.of(to);
		boolean urgent = set.containsKey("urgent") ? (Boolean) set.get("urgent") : c.urgent();
		boolean restart = !before.equals(after) || op == Operation.SEND_BACK;
		if (after.isEmpty()) {
			set.put("step", null);
			set.put("step_started_at", null);
			set.put("step_due_at", null);
			set.put("step_overdue", false);
			return;
		}
		if (after.get() == Step.HANDLE) {
			Object due = set.containsKey("handle_due_at") ? set.get("handle_due_at")
					: c.handleDueAt() == null ? null : Timestamp.from(c.handleDueAt().toInstant());
			if (restart) {
				set.put("step", Step.HANDLE.name());
				set.put("step_started_at", set.getOrDefault("handle_started_at", Timestamp.from(now)));
			}
			// a suspended clock has no due time until it resumes
			Object stepDue = to == CaseState.SUSPENDED ? null : due;
			if (restart || !java.util.Objects.equals(stepDue, c.stepDueAt() == null ? null : Timestamp.from(c.stepDueAt().toInstant()))) {
				set.put("step_due_at", stepDue);
				set.put("step_overdue", stepDue != null && ((Timestamp) stepDue).toInstant().isBefore(now) && c.stepOverdue());
			}
			return;
		}
		if (restart) {
			stepClock(jid, settings, c.state(), to, urgent, now, set);
		}
		else if (set.containsKey("urgent") && c.stepStartedAt() != null) {
			// urgency changed within a step: same start, the other limit
			Instant started = c.stepStartedAt().toInstant();
			WorkflowSettingsStore.limitOf(settings, after.get(), urgent).ifPresent(l -> {
				Instant due = calendars.of(jid).deadline(started, l);
				set.put("step_due_at", Timestamp.from(due));
				set.put("step_overdue", false);
			});
		}
	}

	/** Starts the clock of the step {@code to} belongs to (not the handling step, which starts at dispatch). */
	private void stepClock(long jid, WorkflowSettings settings, CaseState from, CaseState to, boolean urgent, Instant now,
			Map<String, Object> set) {
		Optional<Step> step = Step.of(to);
		set.put("step", step.map(Enum::name).orElse(null));
		set.put("step_started_at", step.isPresent() ? Timestamp.from(now) : null);
		set.put("step_overdue", false);
		set.put("step_due_at", step.flatMap(s -> WorkflowSettingsStore.limitOf(settings, s, urgent))
			.map(l -> Timestamp.from(calendars.of(jid).deadline(now, l)))
			.orElse(null));
	}

	/**
	 * When the next automatic 督办 is due: the handling clock has used {@code urgeLevels[level]} times its limit
	 * (extensions included, suspensions excluded); null when every level has been raised.
	 */
	private Timestamp nextUrge(long jid, WorkflowSettings settings, CaseRow c, int extraExtensions, int levelReached,
			Instant now) {
		List<Integer> levels = settings.urgeLevels();
		if (levelReached >= levels.size() || c.conditionId() == null || c.handleStartedAt() == null) {
			return null;
		}
		return nextUrge(jid, levels.get(levelReached), c.conditionId(), c.areaClass(), c.id(),
				c.handleStartedAt().toInstant(), extensionsSince(c, c.handleStartedAt().toInstant()) + extraExtensions, now);
	}

	private Timestamp nextUrge(long jid, int multiple, long conditionId, String areaClass, UUID caseId, Instant start,
			int extensions, Instant now) {
		FilingCondition fc = catalog.condition(jid, conditionId).orElseThrow();
		TimeLimit base = fc.limitFor(areaClass);
		TimeLimit limit = new TimeLimit(base.amount() * (1 + extensions) * multiple, base.unit());
		return Timestamp.from(calendars.of(jid).deadline(start, limit, pauses(caseId, start, now)));
	}

	/**
	 * Timer: raises the next automatic 督办 level of a case whose time has come (checked again under the row lock,
	 * so two nodes or a restart never raise one level twice). Returns whether it acted.
	 */
	@Transactional
	public boolean raiseUrgeLevel(long jid, UUID id) {
		CaseRow c = lockForSystem(jid, id);
		if (c.nextUrgeAt() == null || c.nextUrgeAt().toInstant().isAfter(Instant.now())
				|| Step.of(c.state()).orElse(null) != Step.HANDLE || c.state() == CaseState.SUSPENDED) {
			return false;
		}
		WorkflowSettings settings = settings(jid);
		int level = c.autoUrgeLevel() + 1;
		Map<String, Object> set = new LinkedHashMap<>();
		set.put("auto_urge_level", level);
		set.put("urge_count", c.urgeCount() + 1);
		set.put("next_urge_at", nextUrge(jid, settings, c, 0, level, null));
		updateColumns(id, set);
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("comment", "超期自动督办（第" + level + "级）");
		payload.put("reasonCode", "OVERDUE");
		payload.put("level", level);
		payload.put("automatic", true);
		append(load(jid, id), Operation.URGE, c.state(), c.state(), SystemPrincipal.caseTimers(jid), payload);
		return true;
	}

	/** Timer: records once that the current step's due time has passed (an {@code overdue} event). */
	@Transactional
	public boolean markOverdue(long jid, UUID id) {
		CaseRow c = lockForSystem(jid, id);
		if (c.stepOverdue() || c.stepDueAt() == null || c.stepDueAt().toInstant().isAfter(Instant.now())) {
			return false;
		}
		updateColumns(id, Map.of("step_overdue", true));
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("step", c.step());
		payload.put("dueAt", c.stepDueAt().toInstant().toString());
		append(load(jid, id), Operation.OVERDUE, c.state(), c.state(), SystemPrincipal.caseTimers(jid), payload);
		return true;
	}

	/** The row under a lock, for changes made beside the workflow (timers, links): serialised with operations. */
	private CaseRow lockForSystem(long jid, UUID id) {
		return jdbc.sql("select * from case_file where jurisdiction_id = ? and id = ? for update")
			.params(jid, id).query(CaseRow.MAPPER).optional()
			.orElseThrow(() -> ProblemException.notFound("cases.notFound", id));
	}

	/** Sets columns of a case and answers the row as it is now (one statement). */
	private CaseRow updateColumnsReturning(UUID id, Map<String, Object> set) {
		StringBuilder sql = new StringBuilder("update case_file set updated_at = now()");
		List<Object> params = new ArrayList<>();
		set.forEach((k, v) -> {
			sql.append(", ").append(k).append(" = ?");
			params.add(v);
		});
		sql.append(" where id = ? returning *");
		params.add(id);
		return jdbc.sql(sql.toString()).params(params).query(CaseRow.MAPPER).single();
	}

	private void updateColumns(UUID id, Map<String, Object> set) {
		if (set.isEmpty()) {
			return;
		}
		StringBuilder sql = new StringBuilder("update case_file set updated_at = now()");
		List<Object> params = new ArrayList<>();
		set.forEach((k, v) -> {
			sql.append(", ").append(k).append(" = ?");
			params.add(v);
		});
		sql.append(" where id = ?");
		params.add(id);
		jdbc.sql(sql.toString()).params(params).update();
	}

	// ------------------------------------------------------------------ merge, redispatch

	/** 合并: this case becomes a duplicate of {@code masterId}, which must be a live case that is not itself merged. */
	private void merge(WanmiPrincipal actor, CaseRow c, Command command, Map<String, Object> set, Map<String, Object> payload) {
		if (command.masterId() == null) {
			throw ProblemException.badRequest("cases.field.required", "masterId");
		}
		if (command.masterId().equals(c.id())) {
			throw ProblemException.badRequest("cases.merge.self");
		}
		CaseRow master;
		try {
			master = visible(actor, command.masterId());
		}
		catch (ProblemException ex) {
			throw ProblemException.badRequest("cases.merge.masterUnknown", command.masterId());
		}
		if (master.state() == CaseState.REJECTED || master.state() == CaseState.VOIDED || master.state() == CaseState.MERGED) {
			throw new ProblemException(HttpStatus.CONFLICT, "cases.merge.masterNotLive", master.caseNo(), master.state().name());
		}
		Integer children = jdbc.sql("select count(*) from case_file where master_id = ?").param(c.id()).query(Integer.class).single();
		if (children > 0) {
			throw new ProblemException(HttpStatus.CONFLICT, "cases.merge.hasDuplicates", children);
		}
		set.put("master_id", master.id());
		set.put("resume_state", c.state().name());
		set.put("assignee_user_id", null);
		payload.put("masterId", master.id().toString());
		payload.put("masterCaseNo", master.caseNo());
	}

	/** 二级派遣: the district platform holding the case passes it to one of its own units; the clock keeps running. */
	private void redispatch(long jid, CaseRow c, Command command, Map<String, Object> set, Map<String, Object> payload) {
		if (command.unitId() == null) {
			throw ProblemException.badRequest("cases.field.required", "unitId");
		}
		var current = organisations.unit(jid, c.unitId()).orElseThrow();
		if (current.kind() != org.wanmi.organisation.UnitKind.DISTRICT_PLATFORM) {
			throw new ProblemException(HttpStatus.CONFLICT, "cases.redispatch.notPlatform", current.name());
		}
		var target = organisations.subtree(jid, current.id()).stream()
			.filter(u -> u.id() == command.unitId() && u.id() != current.id() && u.active())
			.findFirst()
			.orElseThrow(() -> ProblemException.badRequest("cases.redispatch.notSubUnit", command.unitId(), current.name()));
		set.put("unit_id", target.id());
		set.put("signed", false);
		set.put("redispatch_count", c.redispatchCount() + 1);
		payload.put("fromUnitId", current.id());
		payload.put("unitName", target.name());
	}

	/**
	 * The handling deadline from the events' point of view: the start of the clock, the original limit times
	 * (1 + extensions approved since then + {@code extraExtensions}), and the pauses (suspensions) since then.
	 */
	Instant due(long jid, CaseRow c, int extraExtensions, Instant now) {
		FilingCondition fc = catalog.condition(jid, c.conditionId()).orElseThrow();
		TimeLimit base = fc.limitFor(c.areaClass());
		Instant start = c.handleStartedAt().toInstant();
		int extensions = extensionsSince(c, start) + extraExtensions;
		TimeLimit limit = new TimeLimit(base.amount() * (1 + extensions), base.unit());
		return calendars.of(jid).deadline(start, limit, pauses(c.id(), start, now));
	}

	/** Progress of the handling clock (light, remaining working time), pauses and extensions included. */
	WorkCalendar.Progress progress(CaseRow c, Instant now) {
		FilingCondition fc = catalog.condition(c.jurisdictionId(), c.conditionId()).orElseThrow();
		TimeLimit base = fc.limitFor(c.areaClass());
		Instant start = c.handleStartedAt().toInstant();
		TimeLimit limit = new TimeLimit(base.amount() * (1 + extensionsSince(c, start)), base.unit());
		return calendars.of(c.jurisdictionId()).progress(start, limit, now, pauses(c.id(), start, now));
	}

	private int extensionsSince(CaseRow c, Instant start) {
		// approved extensions are counted on the row: none at all means none since the start either
		return c.extensionCount() == 0 ? 0 : extensionsSince(c.id(), start);
	}

	private int extensionsSince(UUID id, Instant start) {
		return jdbc.sql("select count(*) from case_event where case_id = ? and operation = 'decide-extension'"
				+ " and payload ->> 'approved' = 'true' and at >= ?")
			.params(id, Timestamp.from(start)).query(Integer.class).single();
	}

	private List<WorkCalendar.Interval> pauses(UUID id, Instant start, Instant now) {
		Instant end = now == null ? Instant.now() : now;
		return jdbc.sql("select paused_at, resumed_at from case_pause where case_id = ? and paused_at >= ? order by paused_at")
			.params(id, Timestamp.from(start))
			.query((rs, n) -> new WorkCalendar.Interval(rs.getTimestamp(1).toInstant(),
					rs.getTimestamp(2) == null ? end : rs.getTimestamp(2).toInstant()))
			.list();
	}

	private void startClock(long jid, WorkflowSettings settings, CaseRow c, Instant now, Map<String, Object> set,
			Map<String, Object> payload) {
		FilingCondition fc = catalog.condition(jid, c.conditionId()).orElseThrow();
		TimeLimit limit = fc.limitFor(c.areaClass());
		Instant due = calendars.of(jid).deadline(now, limit);
		set.put("handle_started_at", Timestamp.from(now));
		set.put("handle_due_at", Timestamp.from(due));
		set.put("auto_urge_level", 0);
		// a clock that starts now has had no pauses and no extensions yet
		set.put("next_urge_at", settings.urgeLevels().isEmpty() ? null
				: Timestamp.from(calendars.of(jid).deadline(now,
						new TimeLimit(limit.amount() * settings.urgeLevels().get(0), limit.unit()), List.of())));
		payload.put("timeLimit", limit.toString());
		payload.put("handleDueAt", due.toString());
	}

	/** 改类: a new category and/or 立案条件; a running clock gets the new limit from its start. */
	private void reclassify(long jid, WorkflowSettings settings, CaseRow c, Command command, Map<String, Object> set,
			Map<String, Object> payload) {
		String kind = c.categoryKind();
		String code = c.categoryCode();
		Category changed = category(jid, command.categoryKind(), command.categoryCode());
		if (changed != null) {
			kind = changed.kind().name();
			code = changed.code();
		}
		else if (command.conditionId() == null) {
			throw ProblemException.badRequest("cases.field.required", "categoryCode");
		}
		payload.put("fromCategory", c.categoryKind() + ":" + c.categoryCode());
		payload.put("toCategory", kind + ":" + code);
		set.put("category_kind", kind);
		set.put("category_code", code);
		Long conditionId = c.conditionId();
		boolean filed = c.conditionId() != null;
		if (command.conditionId() != null || filed) {
			// once filed, the case keeps a 立案条件 of its (new) category
			FilingCondition fc = condition(jid, kind, code, command.conditionId() != null ? command.conditionId() : c.conditionId());
			conditionId = fc.id();
			set.put("condition_id", conditionId);
			payload.put("timeLimit", fc.limitFor(c.areaClass()).toString());
		}
		if (c.handleStartedAt() != null && conditionId != null && !conditionId.equals(c.conditionId())) {
			FilingCondition fc = catalog.condition(jid, conditionId).orElseThrow();
			TimeLimit base = fc.limitFor(c.areaClass());
			Instant start = c.handleStartedAt().toInstant();
			TimeLimit limit = new TimeLimit(base.amount() * (1 + extensionsSince(c.id(), start)), base.unit());
			Instant due = calendars.of(jid).deadline(start, limit, pauses(c.id(), start, null));
			set.put("handle_due_at", Timestamp.from(due));
			payload.put("handleDueAt", due.toString());
			if (c.state() != CaseState.SUSPENDED && !settings.urgeLevels().isEmpty()
					&& c.autoUrgeLevel() < settings.urgeLevels().size() && Step.of(c.state()).orElse(null) == Step.HANDLE) {
				set.put("next_urge_at", nextUrge(jid, settings.urgeLevels().get(c.autoUrgeLevel()), conditionId,
						c.areaClass(), c.id(), start, extensionsSince(c.id(), start), null));
			}
		}
	}

	/** Photos are attachment ids uploaded first through {@code POST /api/v1/attachments}, in the same jurisdiction. */
	private void checkPhotos(long jid, List<String> photos) {
		if (photos == null) {
			return;
		}
		for (String p : photos) {
			UUID uuid;
			try {
				uuid = UUID.fromString(p);
			}
			catch (IllegalArgumentException | NullPointerException ex) {
				throw ProblemException.badRequest("cases.photo.unknown", String.valueOf(p));
			}
			if (!attachments.exists(jid, uuid)) {
				throw ProblemException.badRequest("cases.photo.unknown", p);
			}
		}
	}

	/** Late: the unit reported back after the handling deadline (the feedback event's time against the due time). */
	private boolean wasLate(CaseRow c) {
		java.sql.Timestamp fed = jdbc.sql("select max(at) from case_event where case_id = ? and operation = 'feedback'")
			.param(c.id()).query(java.sql.Timestamp.class).optional().orElse(null);
		Instant done = fed == null ? Instant.now() : fed.toInstant();
		return done.isAfter(c.handleDueAt().toInstant());
	}

	private static void requireDecision(Operation op, Command c) {
		if ((op == Operation.VERIFY || op == Operation.CHECK) && c.passed() == null) {
			throw ProblemException.badRequest("cases.field.required", "passed");
		}
		if ((op == Operation.APPROVE_VOID || op == Operation.DECIDE_RETURN || op == Operation.DECIDE_EXTENSION
				|| op == Operation.DECIDE_SUSPENSION || op == Operation.DECIDE_APPEAL) && c.approved() == null) {
			throw ProblemException.badRequest("cases.field.required", "approved");
		}
	}

	private FilingCondition condition(long jid, String categoryKind, String categoryCode, Long conditionId) {
		if (conditionId == null) {
			throw ProblemException.badRequest("cases.field.required", "conditionId");
		}
		if (categoryCode == null) {
			throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "cases.file.noCategory");
		}
		FilingCondition fc = catalog.condition(jid, conditionId)
			.orElseThrow(() -> ProblemException.badRequest("cases.condition.unknown", conditionId));
		if (!fc.active() || !fc.kind().name().equals(categoryKind) || !fc.code().equals(categoryCode)) {
			throw ProblemException.badRequest("cases.condition.notOfCategory", conditionId, categoryKind + ":" + categoryCode);
		}
		return fc;
	}

	/**
	 * The named inspector, or by default the nearest on duty, else one patrolling the case's grid (for a check: not
	 * the reporter, unless the workflow settings allow it).
	 */
	private long assignee(long jid, CaseRow c, String username, boolean check) {
		if (username != null && !username.isBlank()) {
			Users.UserView u = users.byUsername(jid, username.trim())
				.orElseThrow(() -> ProblemException.badRequest("cases.assignee.unknown", username));
			long uid = u.id();
			if (!u.roles().contains(Role.INSPECTOR.name()) || !u.enabled()) {
				throw ProblemException.badRequest("cases.assignee.notInspector", username);
			}
			if (check && c.reporterUserId() != null && c.reporterUserId() == uid) {
				throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "cases.assignee.reporter", username);
			}
			return uid;
		}
		// the nearest inspector on duty (a recent position), else the grid's owners, else any inspector
		java.util.Set<Long> inspectors = new java.util.LinkedHashSet<>();
		users.list(jid).stream()
			.filter(u -> u.enabled() && u.roles().contains(Role.INSPECTOR.name()))
			.forEach(u -> inspectors.add(u.id()));
		List<Long> candidates = new ArrayList<>(patrols.nearestOnDuty(jid, c.lon(), c.lat(), inspectors));
		if (c.gridCode() != null) {
			responsibilityGrids.covering(jid, c.gridCode()).forEach(g -> g.inspectorIds().stream()
				.filter(inspectors::contains).forEach(candidates::add));
		}
		candidates.addAll(inspectors);
		return candidates.stream()
			.filter(uid -> !(check && c.reporterUserId() != null && c.reporterUserId().equals(uid)))
			.findFirst()
			.orElseThrow(() -> new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "cases.assignee.none"));
	}

	// ------------------------------------------------------------------ reading

	CaseRow load(long jid, UUID id) {
		return jdbc.sql("select * from case_file where jurisdiction_id = ? and id = ?")
			.params(jid, id).query(CaseRow.MAPPER).optional()
			.orElseThrow(() -> ProblemException.notFound("cases.notFound", id));
	}

	/** The case if the caller may see it (404 otherwise, so nobody learns that it exists). */
	CaseRow visible(WanmiPrincipal actor, UUID id) {
		CaseRow c = load(actor.jurisdictionId(), id);
		if (!canSee(actor, c)) {
			throw ProblemException.notFound("cases.notFound", id);
		}
		return c;
	}

	/** Roles that see every case of their region (the others see their unit's, assigned or own reports). */
	private static final List<String> SEE_ALL = List.of("OPERATOR", "SHIFT_LEADER", "DISPATCHER", "LEADER", "ADMIN");

	/** Whether {@code actor} sees every case whose grid lies in their region (all cases without a region). */
	static boolean seesAllOfRegion(WanmiPrincipal actor) {
		for (String r : SEE_ALL) {
			if (actor.hasRole(r)) {
				return true;
			}
		}
		return false;
	}

	static boolean canSee(WanmiPrincipal actor, CaseRow c) {
		if (actor.regionCode() != null && (c.gridCode() == null || !c.gridCode().startsWith(actor.regionCode()))) {
			return false;
		}
		if (seesAllOfRegion(actor)) {
			return true;
		}
		return (actor.hasRole("HANDLER") && isOfUnit(actor, c))
				|| (actor.hasRole("INSPECTOR") && (isAssignee(actor, c) || Long.valueOf(actor.userId()).equals(c.reporterUserId())));
	}

	static boolean isAssignee(WanmiPrincipal actor, CaseRow c) {
		return c.assigneeUserId() != null && c.assigneeUserId() == actor.userId();
	}

	static boolean isOfUnit(WanmiPrincipal actor, CaseRow c) {
		return c.unitId() != null && c.unitId().equals(actor.unitId());
	}

	/** The operations the caller may perform now, in table order. */
	public List<String> allowedOperations(WanmiPrincipal actor, CaseRow c) {
		return allowedOperations(actor, c, settings(c.jurisdictionId()));
	}

	/** The operations the caller may perform now under {@code settings}, in table order. */
	List<String> allowedOperations(WanmiPrincipal actor, CaseRow c, WorkflowSettings settings) {
		List<String> ops = new ArrayList<>();
		for (Operation op : Operation.values()) {
			if (op.isSystemOnly()) {
				continue;
			}
			if (CaseWorkflow.check(c.state(), op, actor.roles(), isAssignee(actor, c), isOfUnit(actor, c), settings).isEmpty()
					&& !(op == Operation.ACCEPT && needsVerification(settings, c))
					&& !(op == Operation.REDISPATCH && !isPlatform(c))
					&& !(op == Operation.DECIDE_EXTENSION && c.extensionCount() >= 1 && !actor.hasRole(Role.LEADER.name()))
					&& !(op == Operation.REQUEST_EXTENSION && c.extensionCount() >= maxExtensions)
					&& !(op == Operation.SIGN && c.signed())
					&& !(op == Operation.CALLBACK && (c.satisfaction() != null
							|| !List.of("PUBLIC", "HOTLINE", "MEDIA").contains(c.channel()) || intake.callbackDeclined(c.id())))
					&& !(op == Operation.APPEAL && (c.appealState() != null || c.handleDueAt() == null || !wasLate(c)))
					&& !(op == Operation.DECIDE_APPEAL && !"PENDING".equals(c.appealState()))) {
				ops.add(op.apiName());
			}
		}
		return ops;
	}

	private boolean isPlatform(CaseRow c) {
		return c.unitId() != null && organisations.unit(c.jurisdictionId(), c.unitId())
			.map(u -> u.kind() == org.wanmi.organisation.UnitKind.DISTRICT_PLATFORM)
			.orElse(false);
	}

	/** One event of the timeline. */
	public record Event(int seq, String operation, String fromState, String toState, Long actorUserId,
			String actorUsername, String actorRole, Long actorUnitId, java.time.OffsetDateTime at, String payload,
			String deadlineSnapshot) {
	}

	List<Event> events(WanmiPrincipal actor, UUID id) {
		visible(actor, id);
		return jdbc.sql("""
				select seq, operation, from_state, to_state, actor_user_id, actor_username, actor_role, actor_unit_id, at,
				       payload::text as payload, deadline_snapshot::text as deadline_snapshot
				from case_event where case_id = ? order by seq""")
			.param(id).query(Event.class).list();
	}

	// ------------------------------------------------------------------ events

	void append(CaseRow c, Operation op, CaseState from, CaseState to, WanmiPrincipal actor,
			Map<String, Object> payload) {
		Map<String, Object> deadline = new LinkedHashMap<>();
		if (c.handleDueAt() != null) {
			deadline.put("handleStartedAt", c.handleStartedAt().toInstant().toString());
			deadline.put("handleDueAt", c.handleDueAt().toInstant().toString());
		}
		if (c.step() != null) {
			deadline.put("step", c.step());
			deadline.put("stepStartedAt", c.stepStartedAt() == null ? null : c.stepStartedAt().toInstant().toString());
			deadline.put("stepDueAt", c.stepDueAt() == null ? null : c.stepDueAt().toInstant().toString());
		}
		jdbc.sql("""
				insert into case_event(case_id, jurisdiction_id, seq, operation, from_state, to_state, actor_user_id,
				  actor_username, actor_role, actor_unit_id, payload, deadline_snapshot)
				values (?, ?, (select coalesce(max(seq), 0) + 1 from case_event where case_id = ?), ?, ?, ?, ?, ?, ?, ?,
				        cast(? as jsonb), cast(? as jsonb))""")
			.params(c.id(), c.jurisdictionId(), c.id(), op.apiName(), from == null ? null : from.name(), to.name(),
					actor.userId(), actor.username(), actingRole(op, actor, from), actor.unitId(),
					JSON.writeValueAsString(payload), deadline.isEmpty() ? null : JSON.writeValueAsString(deadline))
			.update();
		events.publishEvent(new CaseChanged(c.jurisdictionId(), c.id(), c.caseNo(), op.apiName(),
				from == null ? null : from.name(), to.name(), actor.userId(), c.unitId(), c.assigneeUserId(),
				c.reporterUserId(), c.gridCode(), c.categoryKind(), c.categoryCode(), c.channel(), Instant.now()));
	}

	/** The role the actor acted in: the first of their roles the table allows for this operation. */
	private static String actingRole(Operation op, WanmiPrincipal actor, CaseState from) {
		if (from != null) {
			for (var t : CaseWorkflow.table()) {
				if (t.from() != from || t.operation() != op) {
					continue;
				}
				for (Role r : t.roles()) {
					if (actor.hasRole(r.name())) {
						return r.name();
					}
				}
			}
		}
		return actor.roles().stream().sorted().findFirst().orElse(null);
	}

	private static Map<String, Object> payload(Command c) {
		Map<String, Object> p = new LinkedHashMap<>();
		if (c.comment() != null) {
			p.put("comment", c.comment());
		}
		if (c.reasonCode() != null) {
			p.put("reasonCode", c.reasonCode());
		}
		if (c.conditionId() != null) {
			p.put("conditionId", c.conditionId());
		}
		if (c.unitId() != null) {
			p.put("unitId", c.unitId());
		}
		if (c.passed() != null) {
			p.put("passed", c.passed());
		}
		if (c.approved() != null) {
			p.put("approved", c.approved());
		}
		if (!c.photoIds().isEmpty()) {
			p.put("photos", c.photoIds());
		}
		if (c.result() != null) {
			p.put("result", c.result());
		}
		if (c.resumeAt() != null) {
			p.put("resumeAt", c.resumeAt().toString());
		}
		if (c.satisfaction() != null) {
			p.put("satisfaction", c.satisfaction());
		}
		if (c.categoryCode() != null) {
			p.put("categoryKind", c.categoryKind());
			p.put("categoryCode", c.categoryCode());
		}
		if (c.masterId() != null) {
			p.put("masterId", c.masterId().toString());
		}
		return p;
	}

	private static void require(String value, String field) {
		if (value == null || value.isBlank()) {
			throw ProblemException.badRequest("cases.field.required", field);
		}
	}

	private static Channel channel(String s) {
		if (s == null) {
			throw ProblemException.badRequest("cases.field.required", "channel");
		}
		try {
			return Channel.valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
		}
		catch (IllegalArgumentException ex) {
			throw ProblemException.badRequest("cases.channel.unknown", s);
		}
	}

	static Kind kind(String s) {
		try {
			return Kind.valueOf((s == null ? "MATTER" : s.trim()).toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw ProblemException.badRequest("cases.category.unknown", s);
		}
	}

	private static String trim(String s) {
		return s == null || s.isBlank() ? null : s.trim();
	}

}
