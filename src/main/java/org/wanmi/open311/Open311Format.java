package org.wanmi.open311;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.springframework.http.MediaType;

import tools.jackson.databind.json.JsonMapper;

/**
 * The two formats of GeoReport v2, chosen by the extension of the path. A response is a root list of items (maps in
 * field order); in XML a list field becomes an element holding one child per entry ({@link #SINGULAR}), a map field a
 * nested element, {@code null} an empty element. JSON is the same tree: a top-level array of objects.
 */
enum Open311Format {

	XML(MediaType.parseMediaType("text/xml;charset=UTF-8")), JSON(MediaType.parseMediaType("application/json;charset=UTF-8"));

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final XMLOutputFactory XML_OUT = XMLOutputFactory.newFactory();

	/** Element name of one entry of a list field, by the list's name. */
	private static final Map<String, String> SINGULAR = Map.of("attributes", "attribute", "values", "value", "formats",
			"format", "endpoints", "endpoint", "duplicates", "service_request_id");

	final MediaType mediaType;

	Open311Format(MediaType mediaType) {
		this.mediaType = mediaType;
	}

	/** The format named by a path extension ({@code xml} or {@code json}), or null. */
	static Open311Format of(String extension) {
		if ("xml".equals(extension)) {
			return XML;
		}
		if ("json".equals(extension)) {
			return JSON;
		}
		return null;
	}

	/** A list response: {@code <root><item>…</item>…</root>} or a JSON array. */
	byte[] list(String root, String item, List<? extends Map<String, ?>> items) {
		if (this == JSON) {
			return MAPPER.writeValueAsBytes(items);
		}
		return xml(w -> {
			w.writeStartElement(root);
			for (Map<String, ?> i : items) {
				element(w, item, i);
			}
			w.writeEndElement();
		});
	}

	/**
	 * One item of a list response on its own ({@code <item>…</item>} or a JSON object), to be joined by
	 * {@link #join}: the same bytes as the item has inside {@link #list}.
	 */
	byte[] fragment(String item, Map<String, ?> fields) {
		if (this == JSON) {
			return MAPPER.writeValueAsBytes(fields);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
		try {
			XMLStreamWriter w = XML_OUT.createXMLStreamWriter(out, "UTF-8");
			element(w, item, fields);
			w.flush();
			w.close();
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException(ex);
		}
		return out.toByteArray();
	}

	private static final byte[] XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>".getBytes(StandardCharsets.UTF_8);

	/** A list response made of {@link #fragment}s: the same bytes as {@link #list} of their items. */
	byte[] join(String root, List<byte[]> fragments) {
		byte[] open = (this == JSON ? "[" : "<" + root + ">").getBytes(StandardCharsets.UTF_8);
		byte[] close = (this == JSON ? "]" : "</" + root + ">").getBytes(StandardCharsets.UTF_8);
		byte[] head = this == JSON ? new byte[0] : XML_DECLARATION;
		int n = head.length + open.length + close.length + (this == JSON ? Math.max(0, fragments.size() - 1) : 0);
		for (byte[] f : fragments) {
			n += f.length;
		}
		byte[] out = new byte[n];
		int at = 0;
		System.arraycopy(head, 0, out, at, head.length);
		at += head.length;
		System.arraycopy(open, 0, out, at, open.length);
		at += open.length;
		for (int i = 0; i < fragments.size(); i++) {
			if (i > 0 && this == JSON) {
				out[at++] = ',';
			}
			byte[] f = fragments.get(i);
			System.arraycopy(f, 0, out, at, f.length);
			at += f.length;
		}
		System.arraycopy(close, 0, out, at, close.length);
		return out;
	}

	/** A single-object response: {@code <root>…</root>} or a JSON object (discovery, service definition). */
	byte[] object(String root, Map<String, ?> fields) {
		if (this == JSON) {
			return MAPPER.writeValueAsBytes(fields);
		}
		return xml(w -> element(w, root, fields));
	}

	private interface XmlBody {

		void write(XMLStreamWriter w) throws XMLStreamException;

	}

	private static byte[] xml(XmlBody body) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
		try {
			XMLStreamWriter w = XML_OUT.createXMLStreamWriter(out, "UTF-8");
			w.writeStartDocument("UTF-8", "1.0");
			body.write(w);
			w.writeEndDocument();
			w.close();
		}
		catch (XMLStreamException ex) {
			throw new IllegalStateException(ex);
		}
		return out.toByteArray();
	}

	private static void element(XMLStreamWriter w, String name, Object value) throws XMLStreamException {
		if (value == null) {
			w.writeEmptyElement(name);
			return;
		}
		w.writeStartElement(name);
		if (value instanceof Map<?, ?> m) {
			for (Map.Entry<?, ?> e : m.entrySet()) {
				element(w, String.valueOf(e.getKey()), e.getValue());
			}
		}
		else if (value instanceof List<?> l) {
			String child = SINGULAR.getOrDefault(name, "item");
			for (Object o : l) {
				element(w, child, o);
			}
		}
		else {
			w.writeCharacters(String.valueOf(value));
		}
		w.writeEndElement();
	}

}
