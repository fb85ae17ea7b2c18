package org.wanmi.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wanmi.cases.CaseService;
import org.wanmi.cases.Command;
import org.wanmi.cases.Operation;
import org.wanmi.catalog.Catalog;
import org.wanmi.catalog.FilingCondition;
import org.wanmi.catalog.Kind;
import org.wanmi.dispatch.Dispatch;
import org.wanmi.geography.Geography;
import org.wanmi.geography.Level;
import org.wanmi.identity.Users;
import org.wanmi.shared.Jurisdictions.Jurisdiction;
import org.wanmi.shared.WanmiPrincipal;

/**
 * Demo cases: about 150 (standard and benchmark scale; none for the test suite) reported through the real intake
 * and carried by the demo accounts through the real workflow to every stage — waiting for intake, filing and dispatch,
 * with their units, handled, being checked, closed — so the console shows a working day at once. Deterministic
 * (fixed random seed); does nothing when the city has cases already.
 */
@Component
@Order(70)
class DemoCasesStep implements DemoStep {

	private static final Logger log = LoggerFactory.getLogger(DemoCasesStep.class);

	private final CaseService cases;

	private final Catalog catalog;

	private final Geography geography;

	private final Dispatch dispatch;

	private final Users users;

	private final JdbcClient jdbc;

	DemoCasesStep(CaseService cases, Catalog catalog, Geography geography, Dispatch dispatch, Users users, JdbcClient jdbc) {
		this.cases = cases;
		this.catalog = catalog;
		this.geography = geography;
		this.dispatch = dispatch;
		this.users = users;
		this.jdbc = jdbc;
	}

	/** A kind of problem: category, what people write, and the channel it usually comes from. */
	record Problem(Kind kind, String code, String description, String channel) {
	}

	static final List<Problem> PROBLEMS = List.of(
			new Problem(Kind.MATTER, "06010", "路边垃圾堆积，散发异味", "inspector"),
			new Problem(Kind.MATTER, "01002", "污水井盖破损松动，存在安全隐患", "inspector"),
			new Problem(Kind.MATTER, "01002", "井盖盖框不平，车辆经过异响", "inspector"),
			new Problem(Kind.MATTER, "01002", "井盖丢失，已临时围挡", "hotline"),
			new Problem(Kind.MATTER, "01002", "人行道上井盖破损", "public"),
			new Problem(Kind.MATTER, "06001", "居民楼顶私搭乱建彩钢棚", "public"),
			new Problem(Kind.MATTER, "01037", "连续多盏路灯夜间不亮", "hotline"),
			new Problem(Kind.MATTER, "07001", "电线杆上张贴小广告", "inspector"),
			new Problem(Kind.MATTER, "09006", "早市占道经营，影响通行", "hotline"),
			new Problem(Kind.MATTER, "09009", "机动车停放在人行道上", "inspector"),
			new Problem(Kind.MATTER, "06017", "绿地内有垃圾杂物", "inspector"),
			new Problem(Kind.MATTER, "06012", "道路不洁，落叶和纸屑较多", "inspector"));

	@Override
	public void seed(Jurisdiction city, String scale) {
		if ("test".equals(scale)) {
			return;
		}
		Long existing = jdbc.sql("select count(*) from case_file where jurisdiction_id = ?").param(city.id()).query(Long.class).single();
		if (existing > 0) {
			return;
		}
		List<Geography.Division> grids = geography.divisions(city.id(), Level.GRID).stream()
			.filter(g -> g.code().startsWith("450702001") || g.code().startsWith("450703001"))
			.toList();
		if (grids.isEmpty()) {
			return;
		}
		WanmiPrincipal operator = principal("operator");
		WanmiPrincipal inspector = principal("inspector");
		WanmiPrincipal shiftlead = principal("shiftlead");
		WanmiPrincipal dispatcher = principal("dispatcher");
		Random random = new Random(20261123L);
		int made = 0;
		for (int i = 0; i < 150; i++) {
			Problem p = PROBLEMS.get(random.nextInt(PROBLEMS.size()));
			List<FilingCondition> conditions = catalog.conditions(city.id(), p.kind(), p.code());
			if (conditions.isEmpty()) {
				continue;
			}
			var grid = grids.get(random.nextInt(grids.size()));
			var point = grid.geometry().getInteriorPoint();
			double lon = point.getX() + (random.nextDouble() - 0.5) * 0.0002;
			double lat = point.getY() + (random.nextDouble() - 0.5) * 0.0002;
			boolean byInspector = p.channel().equals("inspector");
			try {
				var c = cases.report(byInspector ? inspector : operator, new CaseService.ReportDraft(p.channel(), lon, lat, null,
						p.kind().name(), p.code(), p.description(), byInspector ? null : "市民" + "赵钱孙李周吴郑王".charAt(random.nextInt(8)) + "先生",
						byInspector ? null : "1380777" + String.format("%04d", random.nextInt(10000)), List.of()), "demo-" + i);
				int stage = random.nextInt(100);
				if (stage < 12) {
					made++;
					continue; // 待受理
				}
				if (p.channel().equals("public")) {
					cases.perform(operator, c.id(), Operation.SEND_VERIFICATION, Command.EMPTY);
					WanmiPrincipal assigned = principal(jdbc.sql("select u.username from case_file c join app_user u on u.id = c.assignee_user_id where c.id = ?")
						.param(c.id()).query(String.class).single());
					if (stage < 18) {
						made++;
						continue; // 核实中
					}
					cases.perform(assigned, c.id(), Operation.VERIFY, decision(true));
				}
				else {
					cases.perform(operator, c.id(), Operation.ACCEPT, Command.EMPTY);
				}
				if (stage < 24) {
					made++;
					continue; // 待立案
				}
				cases.perform(shiftlead, c.id(), Operation.FILE, new Command(null, null, conditions.get(0).id(), null, null, null,
						null, List.of(), null, null, null, null, null, null, random.nextInt(10) == 0));
				if (stage < 32) {
					made++;
					continue; // 待派遣
				}
				var candidates = dispatch.candidates(city.id(), lon, lat, p.kind().name() + ":" + p.code()).candidates();
				if (candidates.isEmpty()) {
					made++;
					continue;
				}
				long unit = candidates.get(0).unit().id();
				cases.perform(dispatcher, c.id(), Operation.DISPATCH,
						new Command("请尽快处置", null, null, unit, null, null, null, List.of(), null, null, null, null, null, null, null));
				WanmiPrincipal handler = handlerOf(unit);
				if (stage < 62 || handler == null) {
					made++;
					continue; // 处置中
				}
				cases.perform(handler, c.id(), Operation.FEEDBACK,
						new Command(null, null, null, null, null, null, null, List.of(), "已按要求处置完毕", null, null, null, null, null, null));
				if (stage < 70) {
					made++;
					continue; // 待核查
				}
				cases.perform(operator, c.id(), Operation.SEND_CHECK, Command.EMPTY);
				if (stage < 76) {
					made++;
					continue; // 核查中
				}
				WanmiPrincipal checker = principal(jdbc.sql("select u.username from case_file c join app_user u on u.id = c.assignee_user_id where c.id = ?")
					.param(c.id()).query(String.class).single());
				cases.perform(checker, c.id(), Operation.CHECK, decision(true));
				if (stage < 80) {
					made++;
					continue; // 待结案
				}
				cases.perform(shiftlead, c.id(), Operation.CLOSE, Command.EMPTY);
				made++;
			}
			catch (RuntimeException ex) {
				log.info("demo case {} stopped early: {}", i, ex.toString());
			}
		}
		log.info("Demo cases: {} cases at every stage of the lifecycle", made);
	}

	private static Command decision(boolean yes) {
		return new Command(null, null, null, null, null, yes, yes, List.of(), null, null, null, null, null, null, null);
	}

	private WanmiPrincipal principal(String username) {
		return users.loadUserByUsername(username);
	}

	/** A handler account of the unit, the demo's 黄磊 for 市政管理处, else none (the case stays with the unit). */
	private WanmiPrincipal handlerOf(long unitId) {
		List<String> handlers = new ArrayList<>();
		for (var u : users.list(jdbc.sql("select jurisdiction_id from org_unit where id = ?").param(unitId).query(Long.class).single())) {
			if (u.roles().contains("HANDLER") && Long.valueOf(unitId).equals(u.unitId()) && u.enabled()) {
				handlers.add(u.username());
			}
		}
		return handlers.isEmpty() ? null : principal(handlers.get(0));
	}

}
