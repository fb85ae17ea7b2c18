package org.wanmi.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.Scope;
import org.wanmi.shared.WanmiPrincipal;

/** Rankings of regions, departments and posts; the cases behind any figure; schemes; rebuilding the facts. */
@RestController
@RequestMapping("/api/v1/evaluation")
@Tag(name = "evaluation", description = "综合评价：区域、部门、岗位的指标、得分、等级、排名与明细 / evaluation")
class EvaluationApi {

	private static final String READERS = Evaluations.READERS;

	private final Evaluations evaluations;

	private final SchemeStore schemes;

	private final FactsProjection projection;

	private final MessageSource messages;

	EvaluationApi(Evaluations evaluations, SchemeStore schemes, FactsProjection projection, MessageSource messages) {
		this.evaluations = evaluations;
		this.schemes = schemes;
		this.projection = projection;
		this.messages = messages;
	}

	@GetMapping("/regions")
	@PreAuthorize(READERS)
	@Operation(summary = "区域评价（网格/社区/街道/区/辖区）/ Regions ranked: period by period=2024-05 | 2024-Q2 | 2024-W18 | 2024 | 2024-05-03, or from/to dates")
	Evaluations.RankingView regions(@RequestParam(required = false) String period,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String scheme, @RequestParam(required = false) String level,
			@RequestParam(required = false) String compare) {
		WanmiPrincipal me = Scope.require();
		return evaluations.regions(me, Period.parse(period, from, to), scheme, Evaluations.RegionLevel.parse(level),
				flag("compare", compare));
	}

	@GetMapping("/departments")
	@PreAuthorize(READERS)
	@Operation(summary = "部门评价（subunits=true 含下属单位）/ Departments ranked, optionally with their sub-units")
	Evaluations.RankingView departments(@RequestParam(required = false) String period,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String scheme, @RequestParam(required = false) String subunits,
			@RequestParam(required = false) String compare) {
		WanmiPrincipal me = Scope.require();
		return evaluations.departments(me, Period.parse(period, from, to), scheme, flag("subunits", subunits),
				flag("compare", compare));
	}

	@GetMapping("/posts")
	@PreAuthorize(READERS)
	@Operation(summary = "岗位评价（监督员/受理员/值班长/派遣员）/ Posts ranked within each post: post=inspector,operator,shift_leader,dispatcher")
	Evaluations.RankingView posts(@RequestParam(required = false) String period,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String scheme, @RequestParam(required = false) String post,
			@RequestParam(required = false) String compare) {
		WanmiPrincipal me = Scope.require();
		List<ObjectType> types = new ArrayList<>();
		if (post == null || post.isBlank()) {
			types.addAll(ObjectType.POSTS);
		}
		else {
			for (String p : post.split(",")) {
				ObjectType t = ObjectType.parse(p).filter(ObjectType::isPost)
					.orElseThrow(() -> ProblemException.badRequest("evaluation.post.invalid", p.trim()));
				if (!types.contains(t)) {
					types.add(t);
				}
			}
		}
		return evaluations.posts(me, Period.parse(period, from, to), scheme, types, flag("compare", compare));
	}

	@GetMapping("/cases")
	@PreAuthorize(READERS)
	@Operation(summary = "指标明细：分子/分母/豁免背后的案件 / The cases behind a figure: object=region:450702 | department:12 | inspector:7 …, indicator, term=numerator|denominator|exempt")
	Evaluations.CasesView cases(@RequestParam(required = false) String object,
			@RequestParam(required = false) String indicator, @RequestParam(required = false) String term,
			@RequestParam(required = false) String period, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String subunits,
			@RequestParam(required = false) String limit, @RequestParam(required = false) String offset) {
		WanmiPrincipal me = Scope.require();
		return evaluations.explain(me, object, indicator, term, Period.parse(period, from, to), flag("subunits", subunits),
				integer("limit", limit, 1000), integer("offset", offset, 0));
	}

	/** An indicator as the scheme editor needs it. */
	record IndicatorInfo(String id, String name, String kind, List<String> objectTypes, String direction,
			Scheme.Scoring defaultScoring) {
	}

	@GetMapping("/indicators")
	@PreAuthorize(READERS)
	@Operation(summary = "指标目录 / Every indicator: object types, kind, direction, default scoring")
	List<IndicatorInfo> indicators() {
		Locale locale = LocaleContextHolder.getLocale();
		return java.util.Arrays.stream(Indicator.values())
			.map(i -> new IndicatorInfo(i.id(), messages.getMessage("evaluation.indicator." + i.id(), null, i.id(), locale),
					i.kind().name().toLowerCase(Locale.ROOT),
					i.objectTypes().stream().sorted().map(ObjectType::apiName).toList(),
					i.direction().name().toLowerCase(Locale.ROOT), Scheme.defaultScoring(i)))
			.toList();
	}

	@GetMapping("/schemes")
	@PreAuthorize(READERS)
	@Operation(summary = "考评方案及其历史版本 / Every scheme version (built-in defaults: version 0)")
	List<Scheme> schemes() {
		return schemes.all(Scope.require().jurisdictionId());
	}

	@GetMapping("/schemes/{code}/{objectType}")
	@PreAuthorize(READERS)
	@Operation(summary = "某日生效的方案 / The version in force on a date (default: today)")
	Scheme scheme(@PathVariable String code, @PathVariable String objectType,
			@RequestParam(required = false) String date) {
		WanmiPrincipal me = Scope.require();
		java.time.LocalDate day;
		try {
			day = date == null || date.isBlank() ? java.time.LocalDate.now() : java.time.LocalDate.parse(date.trim());
		}
		catch (java.time.format.DateTimeParseException ex) {
			throw ProblemException.badRequest("evaluation.date.invalid", "date", date);
		}
		return schemes.inForce(me.jurisdictionId(), code, type(objectType), day);
	}

	@PutMapping("/schemes/{code}/{objectType}")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "保存方案新版本（自生效日起适用，历史保留）/ Save a new version, in force from effectiveFrom")
	ResponseEntity<Scheme> saveScheme(@PathVariable String code, @PathVariable String objectType,
			@RequestBody(required = false) SchemeStore.Draft draft) {
		WanmiPrincipal me = Scope.require();
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(schemes.save(me.jurisdictionId(), code, type(objectType), draft, me.username()));
	}

	@PostMapping("/rebuild")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "从事件日志重建评价事实表 / Rebuild the facts from the whole event log (case operations wait meanwhile)")
	FactsProjection.Rebuilt rebuild() {
		Scope.require();
		return projection.rebuild();
	}

	private static ObjectType type(String s) {
		return ObjectType.parse(s).orElseThrow(() -> ProblemException.badRequest("evaluation.objectType.invalid", s));
	}

	private static boolean flag(String name, String value) {
		if (value == null || value.isBlank()) {
			return false;
		}
		return switch (value.trim().toLowerCase(Locale.ROOT)) {
			case "true", "1", "yes" -> true;
			case "false", "0", "no" -> false;
			default -> throw ProblemException.badRequest("evaluation.flag.invalid", name, value);
		};
	}

	private static int integer(String name, String value, int otherwise) {
		if (value == null || value.isBlank()) {
			return otherwise;
		}
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			throw ProblemException.badRequest("evaluation.paging.invalid", name, value);
		}
	}

}
