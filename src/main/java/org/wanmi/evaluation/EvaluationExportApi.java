package org.wanmi.evaluation;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wanmi.calendar.Calendars;
import org.wanmi.organisation.Organisations;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.Scope;
import org.wanmi.shared.WanmiPrincipal;

/**
 * {@code format=xlsx} on the evaluation's table URLs: the same parameters, roles and data scope as the JSON of
 * {@link EvaluationApi}, answered as an Excel file streamed in bounded memory. Parameters are checked before the first
 * byte is written, so a bad request is a problem+json, never half a file.
 */
@RestController
@RequestMapping("/api/v1/evaluation")
@Tag(name = "evaluation")
class EvaluationExportApi {

	static final String READERS = Evaluations.READERS;

	/** Rows fetched from PostgreSQL per round trip while exporting the cases behind a figure. */
	static final int FETCH = 2000;

	private final Evaluations evaluations;

	private final Figures figures;

	private final Calendars calendars;

	private final Organisations organisations;

	private final MessageSource messages;

	private final JdbcClient cursor;

	private final TransactionTemplate readOnly;

	EvaluationExportApi(Evaluations evaluations, Figures figures, Calendars calendars, Organisations organisations,
			MessageSource messages, JdbcTemplate jdbcTemplate, PlatformTransactionManager transactions) {
		this.evaluations = evaluations;
		this.figures = figures;
		this.calendars = calendars;
		this.organisations = organisations;
		this.messages = messages;
		JdbcTemplate fetching = new JdbcTemplate(jdbcTemplate.getDataSource());
		fetching.setFetchSize(FETCH);
		this.cursor = JdbcClient.create(new NamedParameterJdbcTemplate(fetching));
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
	}

	@GetMapping(value = "/regions", params = "format=xlsx")
	@PreAuthorize(READERS)
	@Operation(summary = "区域评价导出 Excel / Regions ranked, as .xlsx (format=xlsx; same parameters as the JSON)")
	void regions(@RequestParam(required = false) String period, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String scheme,
			@RequestParam(required = false) String level, @RequestParam(required = false) String compare,
			HttpServletResponse response) throws IOException {
		WanmiPrincipal me = Scope.require();
		Evaluations.RankingView view = evaluations.regions(me, Period.parse(period, from, to), scheme,
				Evaluations.RegionLevel.parse(level), flag("compare", compare));
		ranking(view, "regions", response);
	}

	@GetMapping(value = "/departments", params = "format=xlsx")
	@PreAuthorize(READERS)
	@Operation(summary = "部门评价导出 Excel / Departments ranked, as .xlsx")
	void departments(@RequestParam(required = false) String period, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String scheme,
			@RequestParam(required = false) String subunits, @RequestParam(required = false) String compare,
			HttpServletResponse response) throws IOException {
		WanmiPrincipal me = Scope.require();
		Evaluations.RankingView view = evaluations.departments(me, Period.parse(period, from, to), scheme,
				flag("subunits", subunits), flag("compare", compare));
		ranking(view, "departments", response);
	}

	@GetMapping(value = "/posts", params = "format=xlsx")
	@PreAuthorize(READERS)
	@Operation(summary = "岗位评价导出 Excel（每个岗位一个工作表）/ Posts ranked, as .xlsx, one sheet per post")
	void posts(@RequestParam(required = false) String period, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String scheme,
			@RequestParam(required = false) String post, @RequestParam(required = false) String compare,
			HttpServletResponse response) throws IOException {
		WanmiPrincipal me = Scope.require();
		Evaluations.RankingView view = evaluations.posts(me, Period.parse(period, from, to), scheme, posts(post),
				flag("compare", compare));
		ranking(view, "posts", response);
	}

	@GetMapping(value = "/cases", params = "format=xlsx")
	@PreAuthorize(READERS)
	@Operation(summary = "指标明细导出 Excel（全部案件，不分页）/ Every case behind a figure, as .xlsx (no paging; streamed)")
	void cases(@RequestParam(required = false) String object, @RequestParam(required = false) String indicator,
			@RequestParam(required = false) String term, @RequestParam(required = false) String period,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String subunits, HttpServletResponse response) throws IOException {
		WanmiPrincipal me = Scope.require();
		Period p = Period.parse(period, from, to);
		Evaluations.Target target = evaluations.target(me, object, indicator, term, p, flag("subunits", subunits));
		ZoneId zone = calendars.of(me.jurisdictionId()).zone();
		Map<Long, String> units = new HashMap<>();
		organisations.units(me.jurisdictionId()).forEach(u -> units.put(u.id(), u.name()));
		start(response, "cases-" + target.indicator().id() + "-" + p.from() + "_" + p.to());
		OutputStream out = response.getOutputStream();
		readOnly.executeWithoutResult(tx -> {
			try {
				new EvaluationXlsx(messages).cases(zone,
						each -> figures.explainEach(cursor, target.window(), target.grouping(), target.key(),
								target.indicator(), target.predicate(), each),
						units::get, out);
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		});
		out.flush();
	}

	private void ranking(Evaluations.RankingView view, String name, HttpServletResponse response) throws IOException {
		start(response, name + "-" + view.from() + "_" + view.to());
		new EvaluationXlsx(messages).ranking(view, response.getOutputStream());
		response.getOutputStream().flush();
	}

	private static void start(HttpServletResponse response, String name) {
		response.setContentType(EvaluationXlsx.CONTENT_TYPE);
		response.setHeader("Content-Disposition", "attachment; filename=\"" + name + ".xlsx\"; filename*=UTF-8''"
				+ URLEncoder.encode(name, StandardCharsets.UTF_8) + ".xlsx");
		response.setHeader("Cache-Control", "no-store");
	}

	static List<ObjectType> posts(String post) {
		List<ObjectType> types = new ArrayList<>();
		if (post == null || post.isBlank()) {
			types.addAll(ObjectType.POSTS);
			return types;
		}
		for (String p : post.split(",")) {
			ObjectType t = ObjectType.parse(p).filter(ObjectType::isPost)
				.orElseThrow(() -> ProblemException.badRequest("evaluation.post.invalid", p.trim()));
			if (!types.contains(t)) {
				types.add(t);
			}
		}
		return types;
	}

	static boolean flag(String name, String value) {
		if (value == null || value.isBlank()) {
			return false;
		}
		return switch (value.trim().toLowerCase(Locale.ROOT)) {
			case "true", "1", "yes", "on" -> true;
			case "false", "0", "no", "off" -> false;
			default -> throw ProblemException.badRequest("evaluation.flag.invalid", name, value);
		};
	}

}
