package org.wanmi.notifications;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.wanmi.notifications.live.CaseStream;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.Scope;
import org.wanmi.shared.WanmiPrincipal;

/** The caller's inbox, and the live stream of case changes and notifications. Only ever the caller's own. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "notifications", description = "站内通知与实时推送 / in-app notifications and the live stream")
class NotificationsApi {

	static final int MAX_SIZE = 100;

	private final NotificationStore store;

	private final Titles titles;

	private final CaseStream stream;

	NotificationsApi(NotificationStore store, Titles titles, CaseStream stream) {
		this.store = store;
		this.titles = titles;
		this.stream = stream;
	}

	/** One notification, its title in the caller's language. */
	record Item(long id, NotificationKind kind, UUID caseId, String caseNo, String operation, String title,
			Instant createdAt, Instant readAt) {
	}

	/** A page of the inbox, newest first, with the number of unread notifications. */
	record Inbox(List<Item> items, long unreadCount, long total, int page, int size) {
	}

	record ReadAll(int marked, long unreadCount) {
	}

	/** First event of a stream. */
	record Ready(long unreadCount) {
	}

	private Item item(NotificationStore.Row n, Locale locale) {
		return new Item(n.id(), n.kind(), n.caseId(), n.caseNo(), n.operation(), titles.render(n, locale), n.createdAt(),
				n.readAt());
	}

	@GetMapping("/notifications")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "我的通知（最新在前）及未读数 / The caller's notifications, newest first, with the unread count")
	Inbox list(@Parameter(description = "only unread ones") @RequestParam(defaultValue = "false") boolean unread,
			@Parameter(description = "page, from 0") @RequestParam(defaultValue = "0") int page,
			@Parameter(description = "page size, 1–" + MAX_SIZE) @RequestParam(defaultValue = "20") int size) {
		if (page < 0) {
			throw ProblemException.badRequest("notifications.page.invalid", page);
		}
		if (size < 1 || size > MAX_SIZE) {
			throw ProblemException.badRequest("notifications.size.invalid", size, MAX_SIZE);
		}
		WanmiPrincipal me = Scope.require();
		Locale locale = LocaleContextHolder.getLocale();
		List<Item> items = store.page(me.jurisdictionId(), me.userId(), unread, size, page * size).stream()
			.map(n -> item(n, locale))
			.toList();
		return new Inbox(items, store.count(me.jurisdictionId(), me.userId(), true),
				store.count(me.jurisdictionId(), me.userId(), unread), page, size);
	}

	@PostMapping("/notifications/{id}/read")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "标记为已读 / Mark one notification read",
			description = "Idempotent: the first reading time is kept. Another user's notification: 404.")
	Item read(@PathVariable long id) {
		WanmiPrincipal me = Scope.require();
		return store.markRead(me.jurisdictionId(), me.userId(), id)
			.map(n -> item(n, LocaleContextHolder.getLocale()))
			.orElseThrow(() -> ProblemException.notFound("notifications.notFound", id));
	}

	@PostMapping("/notifications/read-all")
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "全部标记为已读 / Mark all of the caller's notifications read")
	ReadAll readAll() {
		WanmiPrincipal me = Scope.require();
		int marked = store.markAllRead(me.jurisdictionId(), me.userId());
		return new ReadAll(marked, store.count(me.jurisdictionId(), me.userId(), true));
	}

	@GetMapping(path = "/cases/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "实时推送：案件变化与我的新通知（SSE）/ Live stream of case changes and the caller's notifications",
			description = """
					Server-sent events. `ready` first (data `{"unreadCount":n}`), then `case` after each committed \
					operation on a case the caller may see (data: caseId, caseNo, operation, fromState, toState, unitId, \
					gridCode, at) and `notification` for each new notification of the caller (data: id, kind, caseId, \
					caseNo, operation, title, createdAt, unreadCount). A comment line every 15 s keeps the connection \
					open; the server ends it after `wanmi.notifications.stream-timeout` (EventSource reconnects). \
					Last-Event-ID is not supported: reload after reconnecting.""",
			responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE,
					schema = @Schema(type = "string"))))
	SseEmitter stream() {
		WanmiPrincipal me = Scope.require();
		return stream.subscribe(me, LocaleContextHolder.getLocale(),
				() -> new Ready(store.count(me.jurisdictionId(), me.userId(), true)));
	}

}
