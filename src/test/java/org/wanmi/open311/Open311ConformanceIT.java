package org.wanmi.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.wanmi.catalog.Catalog;
import org.wanmi.catalog.Category;
import org.wanmi.catalog.Kind;
import org.wanmi.geography.Geography;
import org.wanmi.shared.Jurisdictions;
import org.wanmi.support.Api;
import org.wanmi.support.WanmiTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Open311 GeoReport v2 conformance: every method in XML (parsed with the JDK's DOM; element names, order and value
 * types checked against the spec's field lists) and JSON, every error code, the defaults, and privacy.
 */
@WanmiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Open311ConformanceIT {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String J = "450700";

	static final String KEY = "demo-open311-key";

	static final List<String> SERVICE_FIELDS = List.of("service_code", "service_name", "description", "metadata", "type",
			"keywords", "group");

	static final List<String> REQUEST_FIELDS = List.of("service_request_id", "status", "status_notes", "service_name",
			"service_code", "description", "agency_responsible", "service_notice", "requested_datetime",
			"updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url");

	static final List<String> ATTRIBUTE_FIELDS = List.of("variable", "code", "datatype", "required",
			"datatype_description", "order", "description");

	static final List<String> UPDATE_FIELDS = List.of("update_id", "service_request_id", "status", "updated_datetime",
			"description", "media_url");

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Jurisdictions jurisdictions;

	@Autowired
	org.wanmi.attachments.Attachments attachments;

	long jid;

	double lon;

	double lat;

	/** A 小类 with every kind of extra attribute, and one without. */
	String attrService;

	String plainService;

	@BeforeAll
	void setUp(@Autowired Geography geography, @Autowired Catalog catalog) throws Exception {
		jid = jurisdictions.byCode(J).orElseThrow().id();
		var p = geography.division(jid, "450702001001001").orElseThrow().geometry().getInteriorPoint();
		lon = p.getX();
		lat = p.getY();
		List<Category> components = catalog.categories(jid, Kind.COMPONENT);
		Category withAttrs = components.get(components.size() - 1);
		attrService = "C-" + withAttrs.code();
		plainService = "M-06010";
		mvc.perform(put("/api/v1/catalog/categories/COMPONENT/" + withAttrs.code() + "/attributes")
			.header("Authorization", Api.bearer(mvc, "admin")).contentType(MediaType.APPLICATION_JSON).content("""
					[{"key":"material","label":"材质","type":"SINGLE_CHOICE","options":["铸铁","水泥"],"required":true},
					 {"key":"depth","label":"深度","type":"NUMBER","required":false},
					 {"key":"damage","label":"损坏情况","type":"MULTI_CHOICE","options":["破损","缺失","移位"],"required":false},
					 {"key":"note","label":"备注","type":"TEXT","required":false}]"""))
			.andExpect(status().isOk());
	}

	// ------------------------------------------------------------------ helpers

	MockHttpServletResponse call(org.springframework.test.web.servlet.RequestBuilder req) throws Exception {
		MockHttpServletResponse r = mvc.perform(req).andReturn().getResponse();
		r.setCharacterEncoding("UTF-8");
		return r;
	}

	static Document xml(MockHttpServletResponse r) throws Exception {
		assertThat(r.getContentType()).startsWith("text/xml");
		byte[] body = r.getContentAsByteArray();
		assertThat(new String(body, StandardCharsets.UTF_8)).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
		var f = DocumentBuilderFactory.newInstance();
		f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		return f.newDocumentBuilder().parse(new ByteArrayInputStream(body));
	}

	static JsonNode json(MockHttpServletResponse r) throws Exception {
		assertThat(r.getContentType()).startsWith("application/json");
		return JSON.readTree(r.getContentAsString(StandardCharsets.UTF_8));
	}

	static List<Element> children(Element e) {
		List<Element> out = new ArrayList<>();
		for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
			if (n instanceof Element c) {
				out.add(c);
			}
		}
		return out;
	}

	static List<String> names(Element e) {
		return children(e).stream().map(Element::getTagName).toList();
	}

	static Element child(Element e, String name) {
		return children(e).stream().filter(c -> c.getTagName().equals(name)).findFirst().orElseThrow(
				() -> new AssertionError("no <" + name + "> in <" + e.getTagName() + ">"));
	}

	static String text(Element e, String name) {
		return child(e, name).getTextContent();
	}

	static List<String> fieldNames(JsonNode o) {
		return new ArrayList<>(o.propertyNames());
	}

	MockHttpServletRequestBuilder postRequest(String format, String key, Map<String, String> params) {
		var req = post("/open311/v2/requests." + format).contentType(MediaType.APPLICATION_FORM_URLENCODED);
		if (key != null) {
			req = req.param("api_key", key);
		}
		for (var e : params.entrySet()) {
			req = req.param(e.getKey(), e.getValue());
		}
		return req;
	}

	Map<String, String> valid(String description) {
		Map<String, String> m = new LinkedHashMap<>();
		m.put("service_code", plainService);
		m.put("lat", String.valueOf(lat));
		m.put("long", String.valueOf(lon));
		m.put("description", description);
		return m;
	}

	String create(String description) throws Exception {
		var r = call(postRequest("json", KEY, valid(description)));
		assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(201);
		return json(r).get(0).get("service_request_id").asString();
	}

	long casesDescribed(String d) {
		return jdbc.sql("select count(*) from case_file where description like ?").param(d + "%").query(Long.class).single();
	}

	void assertXmlError(MockHttpServletResponse r, int status) throws Exception {
		assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(status);
		Element root = xml(r).getDocumentElement();
		assertThat(root.getTagName()).isEqualTo("errors");
		assertThat(names(root)).containsOnly("error").isNotEmpty();
		Element e = children(root).get(0);
		assertThat(names(e)).containsExactly("code", "description");
		assertThat(text(e, "code")).isEqualTo(String.valueOf(status));
		assertThat(text(e, "description")).isNotBlank();
	}

	void assertJsonError(MockHttpServletResponse r, int status) throws Exception {
		assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(status);
		JsonNode n = json(r);
		assertThat(n.isArray()).isTrue();
		assertThat(fieldNames(n.get(0))).containsExactly("code", "description");
		assertThat(n.get(0).get("code").asInt()).isEqualTo(status);
		assertThat(n.get(0).get("description").asString()).isNotBlank();
	}

	// ------------------------------------------------------------------ discovery and services

	@Test
	void discoveryListsTheEndpointWithBothFormats() throws Exception {
		Element d = xml(call(get("/open311/v2/discovery.xml"))).getDocumentElement();
		assertThat(d.getTagName()).isEqualTo("discovery");
		assertThat(names(d)).containsExactly("changeset", "contact", "key_service", "endpoints");
		OffsetDateTime.parse(text(d, "changeset"));
		Element endpoint = children(child(d, "endpoints")).get(0);
		assertThat(endpoint.getTagName()).isEqualTo("endpoint");
		assertThat(names(endpoint)).containsExactly("specification", "url", "changeset", "type", "formats");
		assertThat(text(endpoint, "specification")).isEqualTo("http://wiki.open311.org/GeoReport_v2");
		assertThat(text(endpoint, "url")).endsWith("/open311/v2");
		assertThat(children(child(endpoint, "formats")).stream().map(Element::getTextContent))
			.containsExactly("text/xml", "application/json");

		JsonNode j = json(call(get("/open311/v2/discovery.json")));
		assertThat(fieldNames(j)).containsExactly("changeset", "contact", "key_service", "endpoints");
		assertThat(j.get("endpoints").get(0).get("formats").get(1).asString()).isEqualTo("application/json");
	}

	@Test
	void servicesAreTheSubcategoriesWithTheirMajorCategoryAsGroup() throws Exception {
		Element root = xml(call(get("/open311/v2/services.xml").param("jurisdiction_id", J))).getDocumentElement();
		assertThat(root.getTagName()).isEqualTo("services");
		List<Element> services = children(root);
		assertThat(services).hasSizeGreaterThan(50);
		Set<String> codes = new java.util.HashSet<>();
		for (Element s : services) {
			assertThat(s.getTagName()).isEqualTo("service");
			assertThat(names(s)).containsExactlyElementsOf(SERVICE_FIELDS);
			assertThat(text(s, "service_code")).matches("[CME]-\\d{4,5}");
			assertThat(text(s, "metadata")).isIn("true", "false");
			assertThat(text(s, "type")).isEqualTo("realtime");
			assertThat(text(s, "group")).isNotBlank();
			assertThat(codes.add(text(s, "service_code"))).as("unique service_code").isTrue();
		}
		Element attr = services.stream().filter(s -> text(s, "service_code").equals(attrService)).findFirst().orElseThrow();
		assertThat(text(attr, "metadata")).isEqualTo("true");
		Element plain = services.stream().filter(s -> text(s, "service_code").equals(plainService)).findFirst().orElseThrow();
		assertThat(text(plain, "metadata")).isEqualTo("false");
		assertThat(text(plain, "service_name")).isNotBlank();

		JsonNode j = json(call(get("/open311/v2/services.json").param("jurisdiction_id", J)));
		assertThat(j.isArray()).isTrue();
		assertThat(j.size()).isEqualTo(services.size());
		for (JsonNode s : j) {
			assertThat(fieldNames(s)).containsExactlyElementsOf(SERVICE_FIELDS);
			assertThat(s.get("service_code").isString()).isTrue();
			assertThat(s.get("metadata").isBoolean()).isTrue();
		}
	}

	@Test
	void aServiceDefinitionExposesTheTypedAttributes() throws Exception {
		Element d = xml(call(get("/open311/v2/services/" + attrService + ".xml").param("jurisdiction_id", J)))
			.getDocumentElement();
		assertThat(d.getTagName()).isEqualTo("service_definition");
		assertThat(names(d)).containsExactly("service_code", "attributes");
		assertThat(text(d, "service_code")).isEqualTo(attrService);
		List<Element> attrs = children(child(d, "attributes"));
		assertThat(attrs).hasSize(4).allSatisfy(a -> assertThat(a.getTagName()).isEqualTo("attribute"));
		List<String> withValues = new ArrayList<>(ATTRIBUTE_FIELDS);
		withValues.add("values");
		assertThat(names(attrs.get(0))).containsExactlyElementsOf(withValues);
		assertThat(names(attrs.get(1))).containsExactlyElementsOf(ATTRIBUTE_FIELDS);
		assertThat(attrs.stream().map(a -> text(a, "datatype")))
			.containsExactly("singlevaluelist", "number", "multivaluelist", "string");
		assertThat(attrs.stream().map(a -> text(a, "code"))).containsExactly("material", "depth", "damage", "note");
		assertThat(attrs.stream().map(a -> text(a, "order"))).containsExactly("1", "2", "3", "4");
		assertThat(text(attrs.get(0), "required")).isEqualTo("true");
		assertThat(text(attrs.get(0), "variable")).isEqualTo("true");
		List<Element> values = children(child(attrs.get(0), "values"));
		assertThat(values).hasSize(2);
		assertThat(names(values.get(0))).containsExactly("key", "name");
		assertThat(text(values.get(0), "key")).isEqualTo("铸铁");

		JsonNode j = json(call(get("/open311/v2/services/" + attrService + ".json").param("jurisdiction_id", J)));
		assertThat(fieldNames(j)).containsExactly("service_code", "attributes");
		assertThat(j.get("attributes").get(2).get("datatype").asString()).isEqualTo("multivaluelist");
		assertThat(j.get("attributes").get(2).get("values").get(1).get("name").asString()).isEqualTo("缺失");
		assertThat(j.get("attributes").get(0).get("required").isBoolean()).isTrue();
		assertThat(j.get("attributes").get(0).get("order").isNumber()).isTrue();

		assertXmlError(call(get("/open311/v2/services/C-99999.xml").param("jurisdiction_id", J)), 404);
		assertJsonError(call(get("/open311/v2/services/nonsense.json").param("jurisdiction_id", J)), 404);
	}

	// ------------------------------------------------------------------ POST requests

	@Test
	void aPostCreatesAPublicCaseThatTheConsoleFinds() throws Exception {
		String d = "Open311 井盖上报 " + UUID.randomUUID();
		Map<String, String> p = valid(d);
		p.put("email", "citizen@example.org");
		p.put("first_name", "小明");
		p.put("last_name", "李");
		p.put("phone", "13900001111");
		p.put("media_url", "https://example.org/photo.jpg");
		Element root = xml(call(postRequest("xml", KEY, p))).getDocumentElement();
		assertThat(root.getTagName()).isEqualTo("service_requests");
		Element req = children(root).get(0);
		assertThat(req.getTagName()).isEqualTo("request");
		assertThat(names(req)).containsExactly("service_request_id", "service_notice", "account_id");
		String id = text(req, "service_request_id");
		assertThat(id).matches("\\d{4}-\\d{6}");

		Map<String, Object> row = jdbc.sql("""
				select channel, state, reporter_name, reporter_contact, category_kind, category_code from case_file
				where jurisdiction_id = ? and case_no = ?""").params(jid, id).query().singleRow();
		assertThat(row).containsEntry("channel", "PUBLIC").containsEntry("state", "REPORTED")
			.containsEntry("reporter_name", "李小明").containsEntry("reporter_contact", "13900001111")
			.containsEntry("category_kind", "MATTER").containsEntry("category_code", "06010");
		assertThat(jdbc.sql("""
				select actor_username from case_event e join case_file c on c.id = e.case_id
				where c.case_no = ? and c.jurisdiction_id = ? and e.operation = 'report'""").params(id, jid)
			.query(String.class).single()).isEqualTo("open311:演示客户端");

		// the console's case search finds it on the PUBLIC channel
		JsonNode page = JSON.readTree(mvc.perform(get("/api/v1/cases").param("channel", "public").param("q", id)
			.header("Authorization", Api.bearer(mvc, "operator"))).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8));
		assertThat(page.get("items").size()).isEqualTo(1);
		assertThat(page.get("items").get(0).get("caseNo").asString()).isEqualTo(id);
		assertThat(page.get("items").get(0).get("channel").asString()).isEqualTo("PUBLIC");

		// reading it back never shows the reporter's name or contact
		for (String format : List.of("xml", "json")) {
			for (String ext : List.of("true", "false")) {
				String body = call(get("/open311/v2/requests/" + id + "." + format).param("jurisdiction_id", J)
					.param("extensions", ext)).getContentAsString(StandardCharsets.UTF_8);
				assertThat(body).contains(id).contains("https://example.org/photo.jpg")
					.doesNotContain("13900001111").doesNotContain("citizen@example.org").doesNotContain("小明");
			}
			String list = call(get("/open311/v2/requests." + format).param("jurisdiction_id", J))
				.getContentAsString(StandardCharsets.UTF_8);
			assertThat(list).contains(id).doesNotContain("13900001111").doesNotContain("citizen@example.org")
				.doesNotContain("李小明");
		}
	}

	@Test
	void attributesAreCheckedAgainstTheServiceDefinition() throws Exception {
		String d = "Open311 属性 " + UUID.randomUUID();
		Map<String, String> p = valid(d);
		p.put("service_code", attrService);
		// the required attribute missing, a value not offered, a bad number, an unknown attribute: 400, nothing written
		assertJsonError(call(postRequest("json", KEY, p)), 400);
		p.put("attribute[material]", "木头");
		assertJsonError(call(postRequest("json", KEY, p)), 400);
		p.put("attribute[material]", "铸铁");
		p.put("attribute[depth]", "深");
		assertXmlError(call(postRequest("xml", KEY, p)), 400);
		p.put("attribute[depth]", "1.5");
		p.put("attribute[colour]", "red");
		assertXmlError(call(postRequest("xml", KEY, p)), 400);
		p.remove("attribute[colour]");
		assertThat(casesDescribed(d)).isZero();

		var req = postRequest("json", KEY, p).param("attribute[damage][]", "破损").param("attribute[damage][]", "移位");
		var r = call(req);
		assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(201);
		String id = json(r).get(0).get("service_request_id").asString();
		String stored = jdbc.sql("select attributes::text from open311_request r join case_file c on c.id = r.case_id where c.case_no = ? and c.jurisdiction_id = ?")
			.params(id, jid).query(String.class).single();
		assertThat(JSON.readTree(stored).get("material").asString()).isEqualTo("铸铁");
		assertThat(JSON.readTree(stored).get("depth").asDouble()).isEqualTo(1.5);
		assertThat(JSON.readTree(stored).get("damage").size()).isEqualTo(2);
		String description = jdbc.sql("select description from case_file where case_no = ? and jurisdiction_id = ?")
			.params(id, jid).query(String.class).single();
		assertThat(description).contains("[材质] 铸铁").contains("[损坏情况] 破损、移位");
	}

	@Test
	void anAddressAloneIsGeocodedAndAPhotoIsStoredAsAnAttachment() throws Exception {
		String d = "Open311 地址 " + UUID.randomUUID();
		// the door number nearest to a point inside the grids (the test city's doors reach beyond its 400 grids)
		String address = jdbc.sql("""
				select road || number || '号' from gazetteer_door where jurisdiction_id = ?
				order by (lon - ?) * (lon - ?) + (lat - ?) * (lat - ?) limit 1""")
			.params(jid, lon, lon, lat, lat).query(String.class).single();
		// a phone photo: EXIF with the citizen's GPS position and the capture time, taken rotated (orientation 6)
		byte[] png = org.wanmi.attachments.TestImages.withExif(org.wanmi.attachments.TestImages.jpeg(40, 20, System.nanoTime()),
				6, "2026:11:20 09:30:15", 22.0123, 108.3456);
		var r = call(multipart("/open311/v2/requests.json").file(new MockMultipartFile("media", "p.jpg", "image/jpeg", png))
			.param("api_key", KEY).param("service_code", plainService).param("address_string", address)
			.param("description", d));
		assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(201);
		String id = json(r).get(0).get("service_request_id").asString();
		Map<String, Object> row = jdbc.sql("select address, lon, lat from case_file where case_no = ? and jurisdiction_id = ?")
			.params(id, jid).query().singleRow();
		assertThat(row.get("address")).isEqualTo(address);
		String photos = jdbc.sql("""
				select e.payload -> 'photos' ->> 0 from case_event e join case_file c on c.id = e.case_id
				where c.case_no = ? and c.jurisdiction_id = ? and e.operation = 'report'""").params(id, jid)
			.query(String.class).single();
		assertThat(jdbc.sql("select count(*) from attachment where id = cast(? as uuid)").param(photos).query(Long.class).single())
			.isEqualTo(1);
		// the photo comes back as a public media_url (one request and the list alike), served with caching headers
		String media = json(call(get("/open311/v2/requests/" + id + ".json").param("jurisdiction_id", J))).get(0).get("media_url").asString();
		assertThat(media).isEqualTo("http://localhost/open311/v2/media/" + J + "/" + id + "/" + photos);
		assertThat(text(child(xml(call(get("/open311/v2/requests.xml").param("jurisdiction_id", J).param("service_request_id", id))).getDocumentElement(),
				"request"), "media_url")).isEqualTo(media);
		String path = media.substring("http://localhost".length());
		var photo = call(get(path));
		assertThat(photo.getStatus()).isEqualTo(200);
		assertThat(photo.getContentType()).startsWith("image/jpeg"); // (call() sets a charset on the mock response)
		// published without its metadata (no GPS position, no capture time), turned upright
		byte[] served = photo.getContentAsByteArray();
		assertThat(served).isNotEqualTo(png);
		var metadata = com.drew.imaging.ImageMetadataReader.readMetadata(new ByteArrayInputStream(served));
		assertThat(metadata.getFirstDirectoryOfType(com.drew.metadata.exif.GpsDirectory.class)).isNull();
		assertThat(metadata.getFirstDirectoryOfType(com.drew.metadata.exif.ExifIFD0Directory.class)).isNull();
		var upright = javax.imageio.ImageIO.read(new ByteArrayInputStream(served));
		assertThat(upright.getWidth()).isEqualTo(20);
		assertThat(upright.getHeight()).isEqualTo(40);
		assertThat(photo.getHeader("Cache-Control")).contains("public").contains("max-age=86400");
		assertThat(call(get(path).header("If-None-Match", photo.getHeader("ETag"))).getStatus()).isEqualTo(304);
		// only public photos of that case: not under another case, not an attachment the case's report does not show
		// (a staff upload), not another jurisdiction, not garbage
		String other = create("Open311 另一案件 " + UUID.randomUUID());
		assertThat(call(get("/open311/v2/media/" + J + "/" + other + "/" + photos)).getStatus()).isEqualTo(404);
		String staffOnly = attachments.store(jid, "operator", "internal.png", new ByteArrayInputStream(png)).id().toString();
		assertThat(call(get("/open311/v2/media/" + J + "/" + id + "/" + staffOnly)).getStatus()).isEqualTo(404);
		assertThat(call(get("/open311/v2/media/" + J + "/" + id + "/not-a-uuid")).getStatus()).isEqualTo(404);
		assertThat(call(get("/open311/v2/media/999999/" + id + "/" + photos)).getStatus()).isEqualTo(404);
		// an address the gazetteer does not know: 400 in the Open311 format
		var bad = call(postRequest("json", KEY, Map.of("service_code", plainService, "address_string", "不存在的路999号",
				"description", d + " x")));
		assertJsonError(bad, 400);
	}

	@Test
	void aListedRequestThatChangesIsListedChangedAndPollsCanBeConditionalAndGzipped() throws Exception {
		String d = "Open311 缓存 " + UUID.randomUUID();
		String id = create(d);
		var list = get("/open311/v2/requests.json").param("jurisdiction_id", J).param("service_request_id", id);
		var first = call(list);
		assertThat(first.getStatus()).isEqualTo(200);
		String etag = first.getHeader("ETag");
		assertThat(etag).isNotBlank();
		assertThat(json(first).get(0).get("status_notes").asString()).isNotEqualTo("外部系统：已派人");
		// the same list again: the same bytes; with its ETag: 304 without a body
		assertThat(call(list).getContentAsByteArray()).isEqualTo(first.getContentAsByteArray());
		var notModified = call(get("/open311/v2/requests.json").param("jurisdiction_id", J).param("service_request_id", id)
			.header("If-None-Match", etag));
		assertThat(notModified.getStatus()).isEqualTo(304);
		assertThat(notModified.getContentAsByteArray()).isEmpty();
		// gzip when the client takes it: the same document compressed
		var gz = call(get("/open311/v2/requests.json").param("jurisdiction_id", J).header("Accept-Encoding", "gzip, br"));
		var plain = call(get("/open311/v2/requests.json").param("jurisdiction_id", J));
		if (plain.getContentAsByteArray().length > 2048) {
			assertThat(gz.getHeader("Content-Encoding")).isEqualTo("gzip");
			assertThat(new java.util.zip.GZIPInputStream(new ByteArrayInputStream(gz.getContentAsByteArray())).readAllBytes())
				.isEqualTo(plain.getContentAsByteArray());
		}
		// a change of the case (a back-office note raises its version): listed changed at once, with a new ETag
		assertThat(call(post("/open311/v2/servicerequestupdates.json").param("api_key", KEY).param("service_request_id", id)
			.param("status", "IN_PROGRESS").param("description", "外部系统：已派人")).getStatus()).isEqualTo(201);
		var changed = call(list);
		assertThat(json(changed).get(0).get("status_notes").asString()).isEqualTo("外部系统：已派人");
		assertThat(changed.getHeader("ETag")).isNotEqualTo(etag);
		assertThat(call(get("/open311/v2/requests.json").param("jurisdiction_id", J).param("service_request_id", id)
			.header("If-None-Match", etag)).getStatus()).isEqualTo(200);
		// XML and English are lists of their own, rendered from the same case
		Element x = child(xml(call(get("/open311/v2/requests.xml").param("jurisdiction_id", J).param("service_request_id", id)
			.header("Accept-Language", "en"))).getDocumentElement(), "request");
		assertThat(text(x, "status_notes")).isEqualTo("外部系统：已派人");
		assertThat(text(x, "description")).isEqualTo(d);
	}

	@Test
	void anAddressIdIsAPlaceOfTheGazetteerElse400() throws Exception {
		String d = "Open311 address_id " + UUID.randomUUID();
		Map<String, Object> door = jdbc.sql("""
				select road, number, lon, lat from gazetteer_door where jurisdiction_id = ?
				order by (lon - ?) * (lon - ?) + (lat - ?) * (lat - ?) limit 1""")
			.params(jid, lon, lon, lat, lat).query().singleRow();
		String addressId = door.get("road") + "" + door.get("number") + "号";
		var r = call(postRequest("xml", KEY, Map.of("service_code", plainService, "address_id", addressId,
				"description", d)));
		assertThat(r.getStatus()).as(r.getContentAsString()).isEqualTo(201);
		String id = text(child(xml(r).getDocumentElement(), "request"), "service_request_id");
		Map<String, Object> row = jdbc.sql("select address, lon, lat from case_file where case_no = ? and jurisdiction_id = ?")
			.params(id, jid).query().singleRow();
		// the door's own position, not a guess near it
		assertThat((Double) row.get("lon")).isEqualTo((Double) door.get("lon"));
		assertThat((Double) row.get("lat")).isEqualTo((Double) door.get("lat"));
		assertThat(row.get("address")).isEqualTo(addressId);
		// an id the gazetteer does not have (an unknown road; a number that road does not have): 400, nothing written
		assertJsonError(call(postRequest("json", KEY, Map.of("service_code", plainService, "address_id", "不存在的路999号",
				"description", d + " x"))), 400);
		assertXmlError(call(postRequest("xml", KEY, Map.of("service_code", plainService, "address_id",
				door.get("road") + "987654号", "description", d + " y"))), 400);
		assertThat(casesDescribed(d)).isEqualTo(1);
	}

	@Test
	void postErrorsAre400And403And404WithNothingWritten() throws Exception {
		String d = "Open311 错误 " + UUID.randomUUID();
		// no key, a wrong key: 403
		assertXmlError(call(postRequest("xml", null, valid(d))), 403);
		assertJsonError(call(postRequest("json", "wrong-key", valid(d))), 403);
		// a key of the jurisdiction but jurisdiction_id of another: 403
		Map<String, String> other = valid(d);
		jurisdictions.ensure("450721", "灵山县", 109.29, 22.42);
		other.put("jurisdiction_id", "450721");
		// (jurisdictions are cached up to 30 s; an unknown code is 404, a known other one 403)
		int st = call(postRequest("json", KEY, other)).getStatus();
		assertThat(st).isEqualTo(403);
		// no service_code: 400; unknown: 404
		Map<String, String> p = valid(d);
		p.remove("service_code");
		assertXmlError(call(postRequest("xml", KEY, p)), 400);
		p.put("service_code", "M-99999");
		assertJsonError(call(postRequest("json", KEY, p)), 404);
		// no location; half a point; a point outside every grid; nonsense numbers: 400
		p = valid(d);
		p.remove("lat");
		p.remove("long");
		assertJsonError(call(postRequest("json", KEY, p)), 400);
		p.put("lat", String.valueOf(lat));
		assertJsonError(call(postRequest("json", KEY, p)), 400);
		p.put("long", "0.5");
		p.put("lat", "0.5");
		assertXmlError(call(postRequest("xml", KEY, p)), 400);
		p.put("long", "east");
		assertXmlError(call(postRequest("xml", KEY, p)), 400);
		// an unknown format is 404
		assertThat(call(postRequest("csv", KEY, valid(d))).getStatus()).isEqualTo(404);
		assertThat(casesDescribed(d)).isZero();
		// in English when asked
		String en = call(postRequest("json", null, valid(d)).header("Accept-Language", "en")).getContentAsString(StandardCharsets.UTF_8);
		assertThat(en).contains("api_key");
		String zh = call(postRequest("json", null, valid(d))).getContentAsString(StandardCharsets.UTF_8);
		assertThat(zh).contains("无效");
	}

	@Test
	void theSameIdempotencyKeyTwiceGivesTheSameRequest() throws Exception {
		String d = "Open311 幂等 " + UUID.randomUUID();
		String k = UUID.randomUUID().toString();
		String a = json(call(postRequest("json", KEY, valid(d)).header("Idempotency-Key", k))).get(0).get("service_request_id").asString();
		String b = json(call(postRequest("json", KEY, valid(d)).header("Idempotency-Key", k))).get(0).get("service_request_id").asString();
		assertThat(b).isEqualTo(a);
		assertThat(casesDescribed(d)).isEqualTo(1);
	}

	@Test
	void aRevokedKeyIsRefusedAndTheRateLimitAnswers429() throws Exception {
		// administrators only, jurisdiction-scoped; the key is shown once
		mvc.perform(post("/api/v1/open311/keys").header("Authorization", Api.bearer(mvc, "operator"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"x\"}")).andExpect(status().isForbidden());
		String name = "限流测试 " + UUID.randomUUID().toString().substring(0, 8);
		JsonNode created = JSON.readTree(mvc.perform(post("/api/v1/open311/keys").header("Authorization", Api.bearer(mvc, "admin"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"" + name + "\",\"rateLimitPerMinute\":2}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
		String key = created.get("key").asString();
		long id = created.get("apiKey").get("id").asLong();
		assertThat(key).startsWith("o311_").hasSizeGreaterThan(30);
		String list = mvc.perform(get("/api/v1/open311/keys").header("Authorization", Api.bearer(mvc, "admin")))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(list).contains(name).doesNotContain(key);
		mvc.perform(post("/api/v1/open311/keys").header("Authorization", Api.bearer(mvc, "admin"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"" + name + "\"}")).andExpect(status().isConflict());
		mvc.perform(post("/api/v1/open311/keys").header("Authorization", Api.bearer(mvc, "admin"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"\"}")).andExpect(status().isBadRequest());

		String d = "Open311 限流 " + UUID.randomUUID();
		assertThat(call(postRequest("json", key, valid(d))).getStatus()).isEqualTo(201);
		assertThat(call(postRequest("json", key, valid(d))).getStatus()).isEqualTo(201);
		var limited = call(postRequest("xml", key, valid(d)));
		if (limited.getStatus() == 201) {
			// the minute turned between the posts: the third of the new minute is the one refused
			limited = call(postRequest("xml", key, valid(d)));
			limited = limited.getStatus() == 429 ? limited : call(postRequest("xml", key, valid(d)));
		}
		assertXmlError(limited, 429);
		assertThat(limited.getHeader("Retry-After")).matches("\\d+");

		mvc.perform(post("/api/v1/open311/keys/" + id + "/revoke").header("Authorization", Api.bearer(mvc, "operator")))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/open311/keys/" + id + "/revoke").header("Authorization", Api.bearer(mvc, "admin")))
			.andExpect(status().isOk());
		mvc.perform(post("/api/v1/open311/keys/999999/revoke").header("Authorization", Api.bearer(mvc, "admin")))
			.andExpect(status().isNotFound());
		assertJsonError(call(postRequest("json", key, valid(d))), 403);
	}

	// ------------------------------------------------------------------ GET requests

	@Test
	void requestsAreListedInTheSpecsFieldsAndTypes() throws Exception {
		String a = create("Open311 列表 A " + UUID.randomUUID());
		String b = create("Open311 列表 B " + UUID.randomUUID());
		Element root = xml(call(get("/open311/v2/requests.xml").param("jurisdiction_id", J)
			.param("service_request_id", a + "," + b))).getDocumentElement();
		assertThat(root.getTagName()).isEqualTo("service_requests");
		List<Element> reqs = children(root);
		assertThat(reqs.stream().map(e -> text(e, "service_request_id"))).containsExactlyInAnyOrder(a, b);
		for (Element r : reqs) {
			assertThat(r.getTagName()).isEqualTo("request");
			assertThat(names(r)).containsExactlyElementsOf(REQUEST_FIELDS);
			assertThat(text(r, "status")).isEqualTo("open");
			assertThat(text(r, "service_code")).isEqualTo(plainService);
			OffsetDateTime.parse(text(r, "requested_datetime"));
			OffsetDateTime.parse(text(r, "updated_datetime"));
			assertThat(Double.parseDouble(text(r, "lat"))).isCloseTo(lat, org.assertj.core.data.Offset.offset(1e-9));
			assertThat(Double.parseDouble(text(r, "long"))).isCloseTo(lon, org.assertj.core.data.Offset.offset(1e-9));
			assertThat(text(r, "status_notes")).isEqualTo("待受理");
		}
		JsonNode j = json(call(get("/open311/v2/requests.json").param("jurisdiction_id", J).param("service_request_id", a)));
		assertThat(j.size()).isEqualTo(1);
		assertThat(fieldNames(j.get(0))).containsExactlyElementsOf(REQUEST_FIELDS);
		assertThat(j.get(0).get("service_request_id").isString()).isTrue();
		assertThat(j.get(0).get("service_code").isString()).isTrue();
		assertThat(j.get(0).get("lat").isNumber()).isTrue();
		assertThat(j.get(0).get("agency_responsible").isNull()).isTrue();

		// a single request is a list of one; an unknown one 404
		Element one = xml(call(get("/open311/v2/requests/" + a + ".xml").param("jurisdiction_id", J))).getDocumentElement();
		assertThat(one.getTagName()).isEqualTo("service_requests");
		assertThat(children(one)).hasSize(1);
		assertXmlError(call(get("/open311/v2/requests/1999-000000.xml").param("jurisdiction_id", J)), 404);
		assertJsonError(call(get("/open311/v2/requests/1999-000000.json").param("jurisdiction_id", J)), 404);

		// filters: status, service_code, dates, paging, updated_after, radius
		assertThat(json(call(get("/open311/v2/requests.json").param("jurisdiction_id", J).param("service_request_id", a)
			.param("status", "closed"))).size()).isZero();
		assertThat(json(call(get("/open311/v2/requests.json").param("jurisdiction_id", J).param("service_request_id", a)
			.param("status", "open"))).size()).isEqualTo(1);
		assertThat(json(call(get("/open311/v2/requests.json").param("jurisdiction_id", J).param("service_request_id", a)
			.param("service_code", attrService))).size()).isZero();
		JsonNode paged = json(call(get("/open311/v2/requests.json").param("jurisdiction_id", J)
			.param("service_request_id", a + "," + b).param("page_size", "1").param("page", "2")));
		assertThat(paged.size()).isEqualTo(1);
		assertThat(paged.get(0).get("service_request_id").asString()).isEqualTo(a); // newest first: b, then a
		assertThat(json(call(get("/open311/v2/requests.json").param("jurisdiction_id", J).param("service_request_id", a)
			.param("updated_after", "2999-01-01T00:00:00Z"))).size()).isZero();
		assertThat(json(call(get("/open311/v2/requests.json").param("jurisdiction_id", J).param("service_request_id", a)
			.param("lat", String.valueOf(lat)).param("long", String.valueOf(lon)).param("radius", "50"))).size()).isEqualTo(1);
		assertThat(json(call(get("/open311/v2/requests.json").param("jurisdiction_id", J).param("service_request_id", a)
			.param("lat", String.valueOf(lat + 0.01)).param("long", String.valueOf(lon)).param("radius", "500"))).size()).isZero();
		// bad parameters: 400 in the asked format
		assertXmlError(call(get("/open311/v2/requests.xml").param("jurisdiction_id", J).param("start_date", "yesterday")), 400);
		assertJsonError(call(get("/open311/v2/requests.json").param("jurisdiction_id", J).param("status", "pending")), 400);
		assertJsonError(call(get("/open311/v2/requests.json").param("jurisdiction_id", J).param("page", "0")), 400);
		assertJsonError(call(get("/open311/v2/requests.json").param("jurisdiction_id", J).param("lat", "21")), 400);
		assertJsonError(call(get("/open311/v2/requests.json").param("jurisdiction_id", J)
			.param("start_date", "2026-02-01T00:00:00Z").param("end_date", "2026-01-01T00:00:00Z")), 400);
		assertXmlError(call(get("/open311/v2/requests.xml").param("jurisdiction_id", "999999")), 404);
	}

	@Test
	void extensionsAddTheDetailedStateUnitDeadlineAndMerges(@Autowired Catalog catalog) throws Exception {
		String master = create("Open311 主案 " + UUID.randomUUID());
		String dup = create("Open311 重复 " + UUID.randomUUID());
		String masterId = jdbc.sql("select id::text from case_file where case_no = ? and jurisdiction_id = ?").params(master, jid)
			.query(String.class).single();
		String dupId = jdbc.sql("select id::text from case_file where case_no = ? and jurisdiction_id = ?").params(dup, jid)
			.query(String.class).single();
		long conditionId = catalog.conditions(jid, Kind.MATTER, "06010").get(0).id();
		String op = "/api/v1/cases/%s/operations/%s";
		mvc.perform(post(op.formatted(dupId, "merge")).header("Authorization", Api.bearer(mvc, "operator"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"masterId\":\"" + masterId + "\"}")).andExpect(status().isOk());
		mvc.perform(post(op.formatted(masterId, "accept")).header("Authorization", Api.bearer(mvc, "operator"))
			.contentType(MediaType.APPLICATION_JSON).content("{}"));
		if (conditionId > 0) {
			mvc.perform(post(op.formatted(masterId, "file")).header("Authorization", Api.bearer(mvc, "shiftlead"))
				.contentType(MediaType.APPLICATION_JSON).content("{\"conditionId\":" + conditionId + "}"));
			long unit = JSON.readTree(mvc.perform(get("/api/v1/auth/me").header("Authorization", Api.bearer(mvc, "handler")))
				.andReturn().getResponse().getContentAsString()).get("unitId").asLong();
			mvc.perform(post(op.formatted(masterId, "dispatch")).header("Authorization", Api.bearer(mvc, "dispatcher"))
				.contentType(MediaType.APPLICATION_JSON).content("{\"unitId\":" + unit + "}"));
		}
		Map<String, Object> m = jdbc.sql("select state, unit_id, handle_due_at from case_file where id = cast(? as uuid)")
			.param(masterId).query().singleRow();

		Element root = xml(call(get("/open311/v2/requests.xml").param("jurisdiction_id", J)
			.param("service_request_id", master + "," + dup).param("extensions", "true"))).getDocumentElement();
		Map<String, Element> byId = new LinkedHashMap<>();
		for (Element r : children(root)) {
			List<String> expected = new ArrayList<>(REQUEST_FIELDS);
			expected.add("extended_attributes");
			assertThat(names(r)).containsExactlyElementsOf(expected);
			byId.put(text(r, "service_request_id"), r);
		}
		Element dupX = child(byId.get(dup), "extended_attributes");
		assertThat(names(dupX)).containsExactly("detailed_status", "detailed_status_name", "duplicate_of", "duplicates");
		assertThat(text(dupX, "detailed_status")).isEqualTo("MERGED");
		assertThat(text(dupX, "duplicate_of")).isEqualTo(master);
		assertThat(text(byId.get(dup), "status")).isEqualTo("closed");
		Element masterX = child(byId.get(master), "extended_attributes");
		assertThat(children(child(masterX, "duplicates")).stream().map(Element::getTextContent)).containsExactly(dup);
		assertThat(text(masterX, "detailed_status")).isEqualTo(m.get("state"));
		if (m.get("unit_id") != null) {
			assertThat(text(byId.get(master), "agency_responsible")).isNotBlank();
			assertThat(OffsetDateTime.parse(text(byId.get(master), "expected_datetime")).toInstant())
				.isEqualTo(((java.sql.Timestamp) m.get("handle_due_at")).toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
		}
		JsonNode j = json(call(get("/open311/v2/requests/" + dup + ".json").param("jurisdiction_id", J).param("extensions", "true")));
		assertThat(j.get(0).get("extended_attributes").get("duplicate_of").asString()).isEqualTo(master);
		assertThat(j.get(0).get("extended_attributes").get("duplicates").isArray()).isTrue();
	}

	@Test
	void theDefaultsAre90DaysAndAtMost1000Requests() throws Exception {
		long county = jurisdictions.ensure("450795", "Open311测试县", 108.9, 22.3).id();
		long existing = jdbc.sql("select count(*) from case_file where jurisdiction_id = ?").param(county).query(Long.class).single();
		if (existing == 0) {
			// 1,005 recent cases and 5 older than 90 days, written directly (this county has no grids)
			jdbc.sql("""
					insert into case_file(id, jurisdiction_id, case_no, state, channel, category_kind, category_code, description,
					  lon, lat, created_at, updated_at)
					select gen_random_uuid(), ?, '2026-' || lpad(g::text, 6, '0'), 'REPORTED', 'PUBLIC', 'MATTER', '06010',
					       'bulk ' || g, 108.9, 22.3,
					       case when g <= 5 then now() - interval '100 days' else now() - (g || ' minutes')::interval end, now()
					from generate_series(1, 1010) g""").param(county).update();
		}
		JsonNode all = json(call(get("/open311/v2/requests.json").param("jurisdiction_id", "450795")));
		assertThat(all.size()).isEqualTo(1000);
		assertThat(all.get(0).get("service_request_id").asString()).isEqualTo("2026-000006"); // newest first
		JsonNode page2 = json(call(get("/open311/v2/requests.json").param("jurisdiction_id", "450795").param("page", "2")));
		assertThat(page2.size()).isEqualTo(5); // 1,005 within 90 days
		assertThat(json(call(get("/open311/v2/requests.json").param("jurisdiction_id", "450795").param("page_size", "5000")))
			.size()).isEqualTo(1000);
		// the old ones when the window is asked for
		JsonNode old = json(call(get("/open311/v2/requests.json").param("jurisdiction_id", "450795")
			.param("end_date", OffsetDateTime.now().minusDays(95).toString())));
		assertThat(old.size()).isEqualTo(5);
		Element x = xml(call(get("/open311/v2/requests.xml").param("jurisdiction_id", "450795").param("page_size", "10")))
			.getDocumentElement();
		assertThat(children(x)).hasSize(10);
		// a deployment of several jurisdictions needs jurisdiction_id
		assertXmlError(call(get("/open311/v2/requests.xml")), 400);
		assertJsonError(call(get("/open311/v2/services.json")), 400);
	}

	@Test
	void tokensResolveToTheirRequest() throws Exception {
		String id = create("Open311 令牌 " + UUID.randomUUID());
		String token = jdbc.sql("select token::text from open311_request r join case_file c on c.id = r.case_id where c.case_no = ? and c.jurisdiction_id = ?")
			.params(id, jid).query(String.class).single();
		Element root = xml(call(get("/open311/v2/tokens/" + token + ".xml").param("jurisdiction_id", J))).getDocumentElement();
		assertThat(root.getTagName()).isEqualTo("service_requests");
		assertThat(names(children(root).get(0))).containsExactly("service_request_id", "token");
		assertThat(text(children(root).get(0), "service_request_id")).isEqualTo(id);
		JsonNode j = json(call(get("/open311/v2/tokens/" + token + ".json").param("jurisdiction_id", J)));
		assertThat(j.get(0).get("token").asString()).isEqualTo(token);
		assertXmlError(call(get("/open311/v2/tokens/" + UUID.randomUUID() + ".xml").param("jurisdiction_id", J)), 404);
		assertJsonError(call(get("/open311/v2/tokens/abc.json").param("jurisdiction_id", J)), 404);
	}

	// ------------------------------------------------------------------ servicerequestupdates

	@Test
	void updatesAreListedAndABackOfficeUpdateIsRecordedAsAnAuditedEvent() throws Exception {
		String start = OffsetDateTime.now().minusSeconds(5).toString();
		String id = create("Open311 更新 " + UUID.randomUUID());
		String caseId = jdbc.sql("select id::text from case_file where case_no = ? and jurisdiction_id = ?").params(id, jid)
			.query(String.class).single();
		mvc.perform(post("/api/v1/cases/" + caseId + "/operations/reject").header("Authorization", Api.bearer(mvc, "operator"))
			.contentType(MediaType.APPLICATION_JSON).content("{\"reasonCode\":\"NOT_OURS\"}")).andExpect(status().isOk());

		var posted = call(post("/open311/v2/servicerequestupdates.xml").param("api_key", KEY).param("service_request_id", id)
			.param("status", "in_progress").param("description", "外部系统：已安排人员").param("update_id", "ext-1")
			.param("media_url", "https://example.org/u.jpg"));
		assertThat(posted.getStatus()).as(posted.getContentAsString()).isEqualTo(201);
		Element pr = xml(posted).getDocumentElement();
		assertThat(pr.getTagName()).isEqualTo("service_request_updates");
		assertThat(names(children(pr).get(0))).containsExactly("update_id");
		String updateId = text(children(pr).get(0), "update_id");
		Map<String, Object> ev = jdbc.sql("select operation, actor_username, from_state, to_state, payload::text as p from case_event where id = ?")
			.param(Long.parseLong(updateId)).query().singleRow();
		assertThat(ev).containsEntry("operation", "external-update").containsEntry("actor_username", "open311:演示客户端")
			.containsEntry("from_state", "REJECTED").containsEntry("to_state", "REJECTED");
		assertThat((String) ev.get("p")).contains("IN_PROGRESS").contains("ext-1");
		assertThat(jdbc.sql("select state from case_file where id = cast(? as uuid)").param(caseId).query(String.class).single())
			.isEqualTo("REJECTED");

		Element root = xml(call(get("/open311/v2/servicerequestupdates.xml").param("jurisdiction_id", J)
			.param("start_date", start))).getDocumentElement();
		assertThat(root.getTagName()).isEqualTo("service_request_updates");
		List<Element> mine = children(root).stream().filter(u -> text(u, "service_request_id").equals(id)).toList();
		assertThat(mine).hasSize(3); // reported, rejected, the external note
		for (Element u : mine) {
			assertThat(u.getTagName()).isEqualTo("request_update");
			assertThat(names(u)).containsExactlyElementsOf(UPDATE_FIELDS);
			OffsetDateTime.parse(text(u, "updated_datetime"));
		}
		assertThat(mine.stream().map(u -> text(u, "status"))).containsExactly("OPEN", "NO_FURTHER_ACTION", "IN_PROGRESS");
		assertThat(text(mine.get(2), "description")).isEqualTo("外部系统：已安排人员");
		assertThat(text(mine.get(2), "update_id")).isEqualTo(updateId);
		assertThat(text(mine.get(2), "media_url")).isEqualTo("https://example.org/u.jpg");
		// and the latest note is the request's status_notes
		assertThat(json(call(get("/open311/v2/requests/" + id + ".json").param("jurisdiction_id", J))).get(0)
			.get("status_notes").asString()).isEqualTo("外部系统：已安排人员");

		JsonNode j = json(call(get("/open311/v2/servicerequestupdates.json").param("jurisdiction_id", J).param("start_date", start)));
		assertThat(fieldNames(j.get(0))).containsExactlyElementsOf(UPDATE_FIELDS);
		assertThat(j.get(0).get("update_id").isString()).isTrue();

		assertXmlError(call(post("/open311/v2/servicerequestupdates.xml").param("service_request_id", id).param("status", "OPEN")), 403);
		assertJsonError(call(post("/open311/v2/servicerequestupdates.json").param("api_key", KEY)
			.param("service_request_id", "1999-000000").param("status", "OPEN")), 404);
		assertJsonError(call(post("/open311/v2/servicerequestupdates.json").param("api_key", KEY)
			.param("service_request_id", id).param("status", "DONE")), 400);
		assertJsonError(call(get("/open311/v2/servicerequestupdates.json").param("jurisdiction_id", J).param("start_date", "x")), 400);
	}

}
