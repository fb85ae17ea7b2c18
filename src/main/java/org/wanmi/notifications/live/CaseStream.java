package org.wanmi.notifications.live;

import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.wanmi.cases.CaseChanged;
import org.wanmi.notifications.NotificationProperties;
import org.wanmi.shared.WanmiPrincipal;

/**
 * The open {@code /api/v1/cases/stream} connections (server-sent events) and what is pushed to them:
 * <ul>
 * <li>{@code case}: after each committed {@link CaseChanged}, to every connection of the case's jurisdiction whose user
 * may see the case ({@link CaseVisibility});</li>
 * <li>{@code notification}: a new notification, to the recipient's own connections;</li>
 * <li>a comment every {@code wanmi.notifications.heartbeat} (default 15 s) so proxies keep the connection open and
 * dead connections are found.</li>
 * </ul>
 * All writes happen on one background thread, in commit order, never on the thread of the operation: a slow client
 * cannot hold up a case operation. A connection is dropped when it completes, times out
 * ({@code wanmi.notifications.stream-timeout}), or a write to it fails. The user's roles and scope are those of the
 * moment of connecting. {@code Last-Event-ID} is not supported: events carry no id, a reconnecting client reloads what
 * it shows.
 */
@Component
public class CaseStream implements SmartLifecycle, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(CaseStream.class);

	private final long timeoutMillis;

	private final Map<Long, Set<Subscriber>> byJurisdiction = new ConcurrentHashMap<>();

	private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "wanmi-case-stream");
		t.setDaemon(true);
		return t;
	});

	/** One open connection: who, in which language, and the emitter. */
	record Subscriber(WanmiPrincipal principal, Locale locale, SseEmitter emitter) {
	}

	/** Data of a {@code case} event. */
	public record CaseEvent(UUID caseId, String caseNo, String operation, String fromState, String toState, Long unitId,
			String gridCode, Instant at) {
	}

	public CaseStream(NotificationProperties props) {
		this.timeoutMillis = props.streamTimeout().toMillis();
	}

	/**
	 * Opens a stream for the caller. The first event, {@code ready}, carries {@code ready}'s result (computed on the
	 * writer thread), so a client knows from then on it misses nothing.
	 */
	public SseEmitter subscribe(WanmiPrincipal principal, Locale locale, java.util.function.Supplier<Object> ready) {
		SseEmitter emitter = new SseEmitter(timeoutMillis);
		Subscriber s = new Subscriber(principal, locale, emitter);
		emitter.onCompletion(() -> remove(s));
		emitter.onTimeout(() -> {
			remove(s);
			emitter.complete();
		});
		emitter.onError(ex -> remove(s));
		byJurisdiction.computeIfAbsent(principal.jurisdictionId(), k -> ConcurrentHashMap.newKeySet()).add(s);
		run(() -> send(s, SseEmitter.event().name("ready").data(ready.get(), MediaType.APPLICATION_JSON)));
		return emitter;
	}

	/** After commit: the change goes to everyone of the jurisdiction who may see the case. */
	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void on(CaseChanged e) {
		Set<Subscriber> subs = byJurisdiction.get(e.jurisdictionId());
		if (subs == null || subs.isEmpty()) {
			return;
		}
		CaseEvent data = new CaseEvent(e.caseId(), e.caseNo(), e.operation(), e.fromState(), e.toState(), e.unitId(),
				e.gridCode(), e.at());
		run(() -> {
			for (Subscriber s : subs) {
				if (CaseVisibility.canSee(s.principal(), e)) {
					send(s, SseEmitter.event().name("case").data(data, MediaType.APPLICATION_JSON));
				}
			}
		});
	}

	/**
	 * Pushes an event to one user's open streams; {@code data} is built on the writer thread, once per language of
	 * those streams, and only if the user has one.
	 */
	public void pushToUser(long jurisdictionId, long userId, String name, Function<Locale, Object> data) {
		Set<Subscriber> subs = byJurisdiction.get(jurisdictionId);
		if (subs == null || subs.stream().noneMatch(s -> s.principal().userId() == userId)) {
			return;
		}
		run(() -> {
			Map<Locale, Object> byLocale = new ConcurrentHashMap<>();
			for (Subscriber s : subs) {
				if (s.principal().userId() == userId) {
					Object d = byLocale.computeIfAbsent(s.locale(), data);
					send(s, SseEmitter.event().name(name).data(d, MediaType.APPLICATION_JSON));
				}
			}
		});
	}

	@Scheduled(fixedRateString = "${wanmi.notifications.heartbeat:15s}", initialDelayString = "${wanmi.notifications.heartbeat:15s}")
	void heartbeat() {
		run(() -> byJurisdiction.values().forEach(subs -> subs.forEach(s -> send(s, SseEmitter.event().comment("heartbeat")))));
	}

	/** Open connections (all jurisdictions), or of one user. */
	public int connections(Long userId) {
		return (int) byJurisdiction.values().stream().flatMap(Set::stream)
			.filter(s -> userId == null || s.principal().userId() == userId).count();
	}

	/** Ends a user's open streams from the server side (as a timeout would). */
	public void disconnect(long userId) {
		run(() -> byJurisdiction.values().forEach(subs -> subs.stream()
			.filter(s -> s.principal().userId() == userId)
			.toList()
			.forEach(s -> {
				remove(s);
				s.emitter().complete();
			})));
	}

	/** Runs on the writer thread; never throws into the caller (an operation after its commit, a timer). */
	private void run(Runnable task) {
		try {
			writer.execute(() -> {
				try {
					task.run();
				}
				catch (RuntimeException ex) {
					log.warn("case stream: {}", ex.toString(), ex);
				}
			});
		}
		catch (java.util.concurrent.RejectedExecutionException ex) {
			log.debug("case stream stopped: {}", ex.toString());
		}
	}

	private void send(Subscriber s, SseEmitter.SseEventBuilder event) {
		try {
			s.emitter().send(event);
		}
		catch (IOException | IllegalStateException ex) {
			// the client went away or the emitter completed meanwhile
			log.debug("dropping stream of {}: {}", s.principal().username(), ex.toString());
			remove(s);
		}
		catch (RuntimeException ex) {
			log.warn("stream of {} failed: {}", s.principal().username(), ex.toString());
			remove(s);
		}
	}

	private void remove(Subscriber s) {
		Set<Subscriber> subs = byJurisdiction.get(s.principal().jurisdictionId());
		if (subs != null) {
			subs.remove(s);
		}
	}

	private volatile boolean running;

	@Override
	public void start() {
		running = true;
	}

	/**
	 * On shutdown, first of all (highest phase): ends every open stream, so that the web server's graceful shutdown
	 * does not wait for connections that never end by themselves.
	 */
	@Override
	public void stop() {
		running = false;
		byJurisdiction.values().forEach(subs -> subs.forEach(s -> {
			try {
				s.emitter().complete();
			}
			catch (RuntimeException ignored) {
				// already gone
			}
		}));
		byJurisdiction.clear();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public void destroy() throws InterruptedException {
		stop();
		writer.shutdown();
		writer.awaitTermination(2, TimeUnit.SECONDS);
	}

}
