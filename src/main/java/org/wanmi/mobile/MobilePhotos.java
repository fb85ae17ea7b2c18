package org.wanmi.mobile;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wanmi.attachments.AttachmentInfo;
import org.wanmi.attachments.Attachments;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.WanmiPrincipal;

/**
 * Photos taken in the app: the attachment (stored by the attachments module, EXIF read there) plus what the device
 * recorded at the moment of capture. Idempotent per (user, client id), so the app can resend a photo whose answer it
 * never got without making a second attachment.
 */
@Service
class MobilePhotos {

	static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_\\-]{8,64}");

	/** A queued photo may wait a while for the network, but not forever, and a device clock may run slightly ahead. */
	static final Duration MAX_AGE = Duration.ofDays(30);

	static final Duration MAX_AHEAD = Duration.ofMinutes(5);

	private final JdbcClient jdbc;

	private final Attachments attachments;

	private final MessageSource messages;

	MobilePhotos(JdbcClient jdbc, Attachments attachments, MessageSource messages) {
		this.jdbc = jdbc;
		this.attachments = attachments;
		this.messages = messages;
	}

	/** What the device said when the photo was taken. */
	record Capture(String clientId, Instant capturedAt, Double lon, Double lat, Double accuracy) {
	}

	/** The stored photo: the attachment, the device's record of the capture, and whether this was a repeat. */
	record PhotoView(AttachmentInfo attachment, String clientId, Instant capturedAt, Double lon, Double lat,
			Double accuracy, Instant receivedAt, boolean repeated) {
	}

	/** Checks every field, reporting all problems at once (400, nothing stored). */
	Capture validate(String clientId, String capturedAt, Double lon, Double lat, Double accuracy) {
		List<Map<String, Object>> errors = new ArrayList<>();
		if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
			errors.add(error("clientId", "mobile.photo.clientId"));
		}
		Instant at = null;
		if (capturedAt != null && !capturedAt.isBlank()) {
			try {
				at = OffsetDateTime.parse(capturedAt.trim()).toInstant();
				Instant now = Instant.now();
				if (at.isAfter(now.plus(MAX_AHEAD)) || at.isBefore(now.minus(MAX_AGE))) {
					errors.add(error("capturedAt", "mobile.photo.capturedAt.range"));
				}
			}
			catch (DateTimeParseException ex) {
				errors.add(error("capturedAt", "mobile.photo.capturedAt.invalid"));
			}
		}
		if ((lon == null) != (lat == null) || lon != null
				&& !(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90 && !(lon == 0 && lat == 0))) {
			errors.add(error("lon", "mobile.photo.position"));
		}
		if (accuracy != null && !(accuracy >= 0 && accuracy <= 10_000)) {
			errors.add(error("accuracy", "mobile.photo.accuracy"));
		}
		if (!errors.isEmpty()) {
			throw new ProblemException(HttpStatus.BAD_REQUEST, "mobile.photo.invalid", errors, errors.size());
		}
		return new Capture(clientId, at, lon, lat, accuracy);
	}

	private Map<String, Object> error(String field, String code) {
		Locale locale = LocaleContextHolder.getLocale();
		Map<String, Object> e = new LinkedHashMap<>();
		e.put("field", field);
		e.put("code", code);
		e.put("message", messages.getMessage(code, null, code, locale));
		return e;
	}

	/** The photo already stored under this client id by this user, if any. */
	Optional<PhotoView> existing(WanmiPrincipal me, String clientId) {
		return jdbc.sql("select * from mobile_photo where user_id = ? and client_id = ?")
			.params(me.userId(), clientId)
			.query((rs, n) -> view(me.jurisdictionId(), rs, true))
			.optional();
	}

	/** Stores the photo and its capture record in one transaction (a failure leaves neither, nor the file). */
	@Transactional
	PhotoView store(WanmiPrincipal me, Capture capture, String originalName, InputStream in) throws IOException {
		AttachmentInfo info = attachments.store(me.jurisdictionId(), me.username(), originalName, in);
		jdbc.sql("""
				insert into mobile_photo(attachment_id, jurisdiction_id, user_id, client_id, captured_at, lon, lat, accuracy_m)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(info.id(), me.jurisdictionId(), me.userId(), capture.clientId(),
					capture.capturedAt() == null ? null : Timestamp.from(capture.capturedAt()), capture.lon(), capture.lat(),
					capture.accuracy() == null ? null : capture.accuracy().floatValue())
			.update();
		return existing(me, capture.clientId()).map(v -> new PhotoView(v.attachment(), v.clientId(), v.capturedAt(),
				v.lon(), v.lat(), v.accuracy(), v.receivedAt(), false)).orElseThrow();
	}

	/** The capture record of an attachment in the caller's jurisdiction. */
	Optional<PhotoView> of(long jurisdictionId, UUID attachmentId) {
		return jdbc.sql("select * from mobile_photo where jurisdiction_id = ? and attachment_id = ?")
			.params(jurisdictionId, attachmentId)
			.query((rs, n) -> view(jurisdictionId, rs, false))
			.optional();
	}

	private PhotoView view(long jid, java.sql.ResultSet rs, boolean repeated) throws java.sql.SQLException {
		UUID id = rs.getObject("attachment_id", UUID.class);
		Timestamp at = rs.getTimestamp("captured_at");
		Double lon = rs.getObject("lon") == null ? null : rs.getDouble("lon");
		Double lat = rs.getObject("lat") == null ? null : rs.getDouble("lat");
		Double acc = rs.getObject("accuracy_m") == null ? null : (double) rs.getFloat("accuracy_m");
		return new PhotoView(attachments.info(jid, id).orElseThrow(), rs.getString("client_id"),
				at == null ? null : at.toInstant(), lon, lat, acc, rs.getTimestamp("received_at").toInstant(), repeated);
	}

}
