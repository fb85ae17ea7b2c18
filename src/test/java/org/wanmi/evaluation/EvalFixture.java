package org.wanmi.evaluation;

import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.wanmi.identity.Role;
import org.wanmi.identity.Users;
import org.wanmi.organisation.Organisations;
import org.wanmi.organisation.UnitKind;
import org.wanmi.shared.Jurisdictions;

/**
 * A jurisdiction of its own for the evaluation tests (459900 评价测试市), so that no other test's cases reach these
 * figures: its people (password {@value #PASSWORD}), three units (U1 with its sub-unit U1a, and U2) and two
 * 责任网格 (ev-insp1 patrols grid G1, ev-insp2 grid G2). Idempotent: the shared test database keeps it across classes.
 */
final class EvalFixture {

	static final String PASSWORD = "evalpass";

	static final String CODE = "459900";

	final long jid;

	final long admin;

	final long leader;

	final long streetLeader;

	final long insp1;

	final long insp2;

	final long op;

	final long sl;

	final long disp;

	final long handler;

	final long u1;

	final long u1a;

	final long u2;

	private EvalFixture(long jid, long admin, long leader, long streetLeader, long insp1, long insp2, long op, long sl,
			long disp, long handler, long u1, long u1a, long u2) {
		this.jid = jid;
		this.admin = admin;
		this.leader = leader;
		this.streetLeader = streetLeader;
		this.insp1 = insp1;
		this.insp2 = insp2;
		this.op = op;
		this.sl = sl;
		this.disp = disp;
		this.handler = handler;
		this.u1 = u1;
		this.u1a = u1a;
		this.u2 = u2;
	}

	static synchronized EvalFixture ensure(Jurisdictions jurisdictions, Users users, Organisations organisations,
			JdbcClient jdbc) {
		long jid = jurisdictions.ensure(CODE, "评价测试市", null, null).id();
		long u1 = unit(organisations, jid, "EV-U1", "评价测试市政处", UnitKind.DEPARTMENT, null);
		long u1a = unit(organisations, jid, "EV-U1A", "评价测试路灯所", UnitKind.SUB_UNIT, u1);
		long u2 = unit(organisations, jid, "EV-U2", "评价测试环卫处", UnitKind.DEPARTMENT, null);
		long admin = user(users, jid, "ev-admin", Set.of(Role.ADMIN, Role.LEADER), null, null);
		long leader = user(users, jid, "ev-leader", Set.of(Role.LEADER), null, null);
		long street = user(users, jid, "ev-street", Set.of(Role.LEADER), "459902001", null);
		long insp1 = user(users, jid, "ev-insp1", Set.of(Role.INSPECTOR), null, null);
		long insp2 = user(users, jid, "ev-insp2", Set.of(Role.INSPECTOR), null, null);
		long op = user(users, jid, "ev-op", Set.of(Role.OPERATOR), null, null);
		long sl = user(users, jid, "ev-sl", Set.of(Role.SHIFT_LEADER), null, null);
		long disp = user(users, jid, "ev-disp", Set.of(Role.DISPATCHER), null, null);
		long handler = user(users, jid, "ev-handler", Set.of(Role.HANDLER), null, u1);
		user(users, jid, "ev-handler-a", Set.of(Role.HANDLER), null, u1a);
		responsibilityGrid(jdbc, jid, "EV-RG1", IndicatorsIT.G1, insp1);
		responsibilityGrid(jdbc, jid, "EV-RG2", IndicatorsIT.G2, insp2);
		return new EvalFixture(jid, admin, leader, street, insp1, insp2, op, sl, disp, handler, u1, u1a, u2);
	}

	private static long unit(Organisations organisations, long jid, String code, String name, UnitKind kind, Long parent) {
		return organisations.unitByCode(jid, code)
			.orElseGet(() -> organisations.create(jid, new Organisations.UnitDraft(code, name, kind, parent, null, null, null),
					"test"))
			.id();
	}

	private static long user(Users users, long jid, String username, Set<Role> roles, String region, Long unit) {
		return users.idOf(username)
			.orElseGet(() -> users.create(jid, new Users.UserDraft(username, username, PASSWORD, roles, unit, region, null,
					true), "test").id());
	}

	private static void responsibilityGrid(JdbcClient jdbc, long jid, String code, String grid, long inspector) {
		List<Long> ids = jdbc.sql("select id from responsibility_grid where jurisdiction_id = ? and code = ?")
			.params(jid, code).query(Long.class).list();
		if (!ids.isEmpty()) {
			return;
		}
		// straight into the tables: this jurisdiction has no geography for the module's validation to find the grid in
		long id = jdbc.sql("insert into responsibility_grid(jurisdiction_id, code, name) values (?, ?, ?) returning id")
			.params(jid, code, code).query(Long.class).single();
		jdbc.sql("insert into responsibility_grid_cell(responsibility_grid_id, grid_code) values (?, ?)").params(id, grid).update();
		jdbc.sql("insert into responsibility_grid_inspector(responsibility_grid_id, user_id) values (?, ?)")
			.params(id, inspector).update();
	}

}
