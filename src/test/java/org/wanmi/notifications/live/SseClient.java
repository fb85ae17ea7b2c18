package org.wanmi.notifications.live;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A minimal server-sent-events client over {@link HttpClient} against the running server: collects every event and
 * every raw line, and notices when the server ends the stream.
 */
final class SseClient implements AutoCloseable {

	record Event(String name, String data, long receivedNanos) {
	}

	final List<Event> events = new CopyOnWriteArrayList<>();

	final List<String> lines = new CopyOnWriteArrayList<>();

	final HttpResponse<InputStream> response;

	volatile boolean ended;

	private final Thread reader;

	private SseClient(HttpResponse<InputStream> response) {
		this.response = response;
		this.reader = new Thread(this::read, "sse-test-client");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	static SseClient open(HttpClient http, int port, String headerName, String headerValue, String language)
			throws IOException, InterruptedException {
		HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/cases/stream"))
			.header("Accept", "text/event-stream")
			.header("Accept-Language", language)
			.timeout(Duration.ofSeconds(30))
			.GET();
		if (headerName != null) {
			req.header(headerName, headerValue);
		}
		HttpResponse<InputStream> r = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
		return new SseClient(r);
	}

	private void read() {
		String name = null;
		StringBuilder data = new StringBuilder();
		try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = in.readLine()) != null) {
				lines.add(line);
				if (line.isEmpty()) {
					if (name != null || data.length() > 0) {
						events.add(new Event(name == null ? "message" : name, data.toString(), System.nanoTime()));
					}
					name = null;
					data.setLength(0);
				}
				else if (line.startsWith("event:")) {
					name = line.substring(6).strip();
				}
				else if (line.startsWith("data:")) {
					if (data.length() > 0) {
						data.append('\n');
					}
					data.append(line.substring(5).strip());
				}
			}
		}
		catch (IOException ex) {
			// closed by the test
		}
		ended = true;
	}

	Optional<Event> await(Predicate<Event> p, Duration within) throws InterruptedException {
		long until = System.nanoTime() + within.toNanos();
		while (System.nanoTime() < until) {
			Optional<Event> e = events.stream().filter(p).findFirst();
			if (e.isPresent()) {
				return e;
			}
			Thread.sleep(5);
		}
		return events.stream().filter(p).findFirst();
	}

	List<Event> named(String name) {
		List<Event> l = new ArrayList<>();
		events.stream().filter(e -> e.name().equals(name)).forEach(l::add);
		return l;
	}

	@Override
	public void close() throws IOException {
		response.body().close();
	}

}
