package org.wanmi.cases;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wanmi.components.Components;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.WanmiPrincipal;

/**
 * What each reporting channel adds to a report, kept out of {@link CaseService#report} so that the common path stays
 * short:
 * <ul>
 * <li>热线 (hotline): the caller's name and phone and whether a callback is wanted; the phone is required (the
 * generic {@code reporterContact} counts as the phone), shown in full only to the centre's staff.</li>
 * <li>视频/AI (video): never a case on its own — {@link IntakeReviews} keeps the detection in a review queue; only an
 * accepted review reaches {@link CaseService#report} (with its review id).</li>
 * <li>物联网 (iot) and any channel that names a component: the component (部件, by its 17-digit 标识码) is resolved in
 * the jurisdiction; its point becomes the report's position and its 小类 the category when the report has none.</li>
 * </ul>
 */
@Component
class ChannelIntake {

	/** Loose phone check: digits, {@code +}, {@code -} and spaces, 5–20 characters, at least 5 digits. */
	private static final Pattern PHONE = Pattern.compile("[0-9+\\- ]{5,20}");

	/** Who sees a caller's phone number in full; everybody else gets it masked (138****5678). */
	static final List<String> PHONE_ROLES = List.of("OPERATOR", "SHIFT_LEADER", "LEADER", "ADMIN");

	private final Components components;

	private final JdbcClient jdbc;

	ChannelIntake(Components components, JdbcClient jdbc) {
		this.components = components;
		this.jdbc = jdbc;
	}

	/**
	 * The channel-specific part of one report, resolved before the common checks.
	 *
	 * @param draft the report with the component's position and category filled in where it had none
	 * @param callerName 热线 caller's name (optional)
	 * @param callerPhone 热线 caller's phone
	 * @param callbackWanted whether the caller wants a callback (hotline: true unless said otherwise)
	 * @param componentId the resolved component's 标识码
	 * @param deviceId the reporting device (IoT sensor, camera)
	 * @param reviewId the accepted video review the case comes from
	 * @param confidence the detection's confidence (video)
	 */
	record Extras(CaseService.ReportDraft draft, String callerName, String callerPhone, Boolean callbackWanted,
			String componentId, String deviceId, UUID reviewId, Double confidence) {

		/**
		 * Checks that run after the common ones (position, category, photos), so that those keep their errors:
		 * a hotline report needs the caller's phone.
		 */
		void check(Channel channel) {
			if (channel == Channel.HOTLINE && callerPhone == null) {
				throw ProblemException.badRequest("cases.caller.phoneRequired");
			}
		}

		/** What goes into the report event (never the phone: the timeline is shown to handlers and inspectors). */
		Map<String, Object> payload() {
			Map<String, Object> p = new LinkedHashMap<>();
			if (callbackWanted != null) {
				p.put("callbackWanted", callbackWanted);
			}
			if (componentId != null) {
				p.put("componentId", componentId);
			}
			if (deviceId != null) {
				p.put("deviceId", deviceId);
			}
			if (reviewId != null) {
				p.put("reviewId", reviewId.toString());
				p.put("confidence", confidence);
			}
			return p;
		}

	}

	/**
	 * Resolves the channel-specific fields of a report. Runs before the position and category checks.
	 *
	 * @param reviewId the accepted review when a video detection becomes a case, else {@code null}
	 */
	Extras prepare(long jid, Channel channel, CaseService.ReportDraft d, UUID reviewId) {
		if (channel == Channel.VIDEO && reviewId == null) {
			// a detection becomes a case only when a person accepts it in the review queue
			throw new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "cases.video.reviewFirst");
		}
		String deviceId = text(d.deviceId(), "deviceId", 100);
		if (channel == Channel.VIDEO && deviceId == null) {
			deviceId = text(d.cameraId(), "cameraId", 100); // the camera is the reporting device
		}
		String componentId = text(d.componentId(), "componentId", 100);
		if (channel == Channel.IOT && componentId == null && deviceId == null) {
			throw ProblemException.badRequest("cases.iot.source");
		}
		Optional<org.wanmi.components.Component> component = Optional.empty();
		if (componentId != null) {
			String cid = componentId;
			component = Optional.of(components.get(jid, cid)
				.orElseThrow(() -> ProblemException.badRequest("cases.component.unknown", cid)));
		}
		else if (channel == Channel.IOT) {
			// a smart device registered as a component (智能井盖) is named by its 标识码 as device id
			component = components.get(jid, deviceId);
		}
		CaseService.ReportDraft out = d;
		if (component.isPresent()) {
			var c = component.get();
			componentId = c.id();
			boolean hasPoint = d.lon() != null && d.lat() != null;
			boolean hasCategory = d.categoryCode() != null && !d.categoryCode().isBlank();
			out = new CaseService.ReportDraft(d.channel(), hasPoint ? d.lon() : c.lon(), hasPoint ? d.lat() : c.lat(),
					d.address(), hasCategory ? d.categoryKind() : "COMPONENT", hasCategory ? d.categoryCode() : c.category(),
					d.description(), d.reporterName(), d.reporterContact(), d.photos(), d.urgent(), d.selfDisposed(),
					d.afterPhotos(), d.callerName(), d.callerPhone(), d.callbackWanted(), d.confidence(), d.snapshot(),
					d.cameraId(), d.deviceId(), d.componentId());
		}
		String callerName = text(d.callerName(), "callerName", 100);
		String callerPhone = text(d.callerPhone(), "callerPhone", 100);
		Boolean callbackWanted = d.callbackWanted();
		if (channel == Channel.HOTLINE) {
			// the generic reporter fields and the caller fields are the same person on the hotline
			if (callerPhone == null) {
				callerPhone = text(d.reporterContact(), "reporterContact", 100);
			}
			if (callerName == null) {
				callerName = text(d.reporterName(), "reporterName", 100);
			}
			if (callbackWanted == null) {
				callbackWanted = true;
			}
			if (d.reporterName() == null || d.reporterContact() == null) {
				out = withReporter(out, d.reporterName() != null ? d.reporterName() : callerName,
						d.reporterContact() != null ? d.reporterContact() : callerPhone);
			}
		}
		if (callerPhone != null) {
			checkPhone(callerPhone);
		}
		return new Extras(out, callerName, callerPhone, callbackWanted, componentId, deviceId, reviewId,
				channel == Channel.VIDEO ? d.confidence() : null);
	}

	static void checkPhone(String phone) {
		if (!PHONE.matcher(phone).matches() || phone.chars().filter(Character::isDigit).count() < 5) {
			throw ProblemException.badRequest("cases.caller.phone", phone);
		}
	}

	private static CaseService.ReportDraft withReporter(CaseService.ReportDraft d, String name, String contact) {
		return new CaseService.ReportDraft(d.channel(), d.lon(), d.lat(), d.address(), d.categoryKind(), d.categoryCode(),
				d.description(), name, contact, d.photos(), d.urgent(), d.selfDisposed(), d.afterPhotos(), d.callerName(),
				d.callerPhone(), d.callbackWanted(), d.confidence(), d.snapshot(), d.cameraId(), d.deviceId(),
				d.componentId());
	}

	/** Trimmed, {@code null} when blank, 400 when longer than {@code max}. */
	static String text(String s, String field, int max) {
		if (s == null || s.isBlank()) {
			return null;
		}
		String t = s.trim();
		if (t.length() > max) {
			throw ProblemException.badRequest("cases.field.tooLong", field, max);
		}
		return t;
	}

	/** {@code true} when the draft names the video channel (routed to the review queue, not to a case). */
	static boolean isVideo(CaseService.ReportDraft d) {
		return d != null && d.channel() != null && d.channel().trim().toUpperCase(Locale.ROOT).equals(Channel.VIDEO.name());
	}

	// ------------------------------------------------------------------ reading

	/**
	 * The channel-specific part of a case as the caller may see it.
	 *
	 * @param callerPhone in full for the centre's staff ({@link #PHONE_ROLES}), masked for everyone else
	 * @param reviewId the video review the case was accepted from
	 * @param confidence that review's confidence
	 */
	record IntakeView(String callerName, String callerPhone, Boolean callbackWanted, String componentId,
			String deviceId, UUID reviewId, Double confidence) {
	}

	/**
	 * The case's intake details, or {@code null} when it has none: from the row itself, and the review it was accepted
	 * from for a video case (only detections accepted from the review queue have one), so an operation's answer does
	 * not read the case again.
	 */
	IntakeView view(WanmiPrincipal me, CaseRow c) {
		UUID reviewId = null;
		Double confidence = null;
		if (Channel.VIDEO.name().equals(c.channel())) {
			var review = jdbc.sql("select id, confidence from intake_review where case_id = ?").param(c.id())
				.query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getDouble(2)))
				.optional();
			if (review.isPresent()) {
				reviewId = review.get().getKey();
				confidence = review.get().getValue();
			}
		}
		if (c.callerName() == null && c.callerPhone() == null && c.callbackWanted() == null && c.componentId() == null
				&& c.deviceId() == null && reviewId == null) {
			return null;
		}
		boolean full = PHONE_ROLES.stream().anyMatch(me::hasRole);
		return new IntakeView(c.callerName(), full ? c.callerPhone() : mask(c.callerPhone()), c.callbackWanted(),
				c.componentId(), c.deviceId(), reviewId, confidence);
	}

	/** Whether the caller said no to a callback (热线 {@code callbackWanted=false}): then no 回访 is offered or done. */
	boolean callbackDeclined(UUID caseId) {
		return jdbc.sql("select callback_wanted is false from case_file where id = ?").param(caseId)
			.query(Boolean.class).optional().orElse(false);
	}

	/** 13812345678 → 138****5678; short numbers keep only their last two characters. */
	static String mask(String phone) {
		if (phone == null) {
			return null;
		}
		String p = phone.trim();
		if (p.length() >= 8) {
			return p.substring(0, 3) + "****" + p.substring(p.length() - 4);
		}
		return "****" + p.substring(Math.max(0, p.length() - 2));
	}

}
