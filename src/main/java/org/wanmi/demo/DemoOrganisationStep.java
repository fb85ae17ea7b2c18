package org.wanmi.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.geom.Coordinate;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.wanmi.dispatch.AreaType;
import org.wanmi.dispatch.Dispatch;
import org.wanmi.geography.Geography;
import org.wanmi.identity.Users;
import org.wanmi.organisation.Organisations;
import org.wanmi.organisation.UnitKind;
import org.wanmi.shared.Jurisdictions.Jurisdiction;
import org.wanmi.shared.geo.GeoJson;

/**
 * The demo city's organisations (监督中心, 指挥中心, district platforms, departments, district 环卫站, utilities) and a
 * responsibility list mapping the GB/T 47678.5 大类/小类 to them per district, plus a river layer; puts the demo
 * {@code handler} into 市政管理处. Idempotent: existing units, an existing rule list and an assigned handler are kept.
 */
@Component
@Order(30)
class DemoOrganisationStep implements DemoStep {

	static final String ACTOR = "demo";

	/** Districts of the demo city: code → unit-code prefix. */
	static final Map<String, String> DISTRICTS = Map.of("450702", "QN", "450703", "QB");

	private final Organisations organisations;

	private final Dispatch dispatch;

	private final Geography geography;

	private final Users users;

	DemoOrganisationStep(Organisations organisations, Dispatch dispatch, Geography geography, Users users) {
		this.organisations = organisations;
		this.dispatch = dispatch;
		this.geography = geography;
		this.users = users;
	}

	private record U(String code, String name, UnitKind kind, String parent, String region, String phone) {
	}

	static List<U> units() {
		List<U> u = new ArrayList<>();
		u.add(new U("JDZX", "钦州市数字城管监督中心", UnitKind.SUPERVISION_CENTER, null, null, "0777-12319"));
		u.add(new U("ZHZX", "钦州市数字城管指挥中心", UnitKind.COMMAND_CENTER, null, null, "0777-12319"));
		u.add(new U("QN-PT", "钦南区数字城管平台", UnitKind.DISTRICT_PLATFORM, "ZHZX", "450702", null));
		u.add(new U("QB-PT", "钦北区数字城管平台", UnitKind.DISTRICT_PLATFORM, "ZHZX", "450703", null));
		u.add(new U("SZGLC", "市政管理处", UnitKind.DEPARTMENT, null, null, "0777-2821001"));
		u.add(new U("SZ-LDS", "路灯管理所", UnitKind.SUB_UNIT, "SZGLC", null, null));
		u.add(new U("YLLHS", "园林绿化所", UnitKind.DEPARTMENT, null, null, "0777-2821002"));
		u.add(new U("HJWSC", "环境卫生处", UnitKind.DEPARTMENT, null, null, "0777-2821003"));
		u.add(new U("QN-HWZ", "钦南区环卫站", UnitKind.SUB_UNIT, "HJWSC", "450702", null));
		u.add(new U("QB-HWZ", "钦北区环卫站", UnitKind.SUB_UNIT, "HJWSC", "450703", null));
		u.add(new U("CGZFZD", "城管执法支队", UnitKind.DEPARTMENT, null, null, "0777-2821004"));
		u.add(new U("QN-ZFDD", "钦南区城管执法大队", UnitKind.SUB_UNIT, "CGZFZD", "450702", null));
		u.add(new U("QB-ZFDD", "钦北区城管执法大队", UnitKind.SUB_UNIT, "CGZFZD", "450703", null));
		u.add(new U("JJZD", "交警支队", UnitKind.DEPARTMENT, null, null, "0777-122"));
		u.add(new U("ZJJ", "住房和城乡建设局", UnitKind.DEPARTMENT, null, null, null));
		u.add(new U("SLJ", "水利局", UnitKind.DEPARTMENT, null, null, null));
		u.add(new U("GDGS", "供电公司", UnitKind.EXTERNAL, null, null, "95598"));
		u.add(new U("ZLSGS", "自来水公司", UnitKind.EXTERNAL, null, null, "0777-96111"));
		u.add(new U("RQGS", "燃气公司", UnitKind.EXTERNAL, null, null, null));
		return u;
	}

	private record R(String category, String unit, int priority, String note) {
	}

	/** District-level rules; {@code {D}} in a unit code stands for the district's prefix (QN/QB). */
	static List<R> districtRules() {
		List<R> r = new ArrayList<>();
		r.add(new R("*:01", "SZGLC", 100, "市政公用设施：市政管理处"));
		for (String c : List.of("01001", "01019", "01024", "01025")) {
			r.add(new R("*:" + c, "ZLSGS", 100, "供水设施：自来水公司"));
		}
		for (String c : List.of("01005", "01028", "01029", "01030")) {
			r.add(new R("*:" + c, "GDGS", 100, "电力设施：供电公司"));
		}
		r.add(new R("*:01011", "RQGS", 100, "燃气设施：燃气公司"));
		r.add(new R("*:01037", "SZ-LDS", 100, "路灯：路灯管理所"));
		r.add(new R("*:02", "JJZD", 100, "交通设施：交警支队"));
		r.add(new R("*:03", "{D}-HWZ", 100, "市容环卫设施：属地环卫站"));
		r.add(new R("*:04", "YLLHS", 100, "园林绿化：园林绿化所"));
		r.add(new R("*:05", "ZJJ", 100, "其他管理部件：住建局"));
		r.add(new R("MATTER:06", "{D}-HWZ", 100, "市容环境：属地环卫站"));
		r.add(new R("MATTER:06001", "{D}-ZFDD", 100, "私搭乱建：属地执法大队"));
		r.add(new R("MATTER:06013", "SZGLC", 100, "道路破损：市政管理处"));
		for (String c : List.of("06017", "06018", "06021", "06022", "06045", "06047")) {
			r.add(new R("MATTER:" + c, "YLLHS", 100, "绿地相关：园林绿化所"));
		}
		for (String c : List.of("06023", "06024", "06026", "06046")) {
			r.add(new R("MATTER:" + c, "SLJ", 100, "河道水域：水利局"));
		}
		r.add(new R("MATTER:07", "CGZFZD", 100, "宣传广告：城管执法支队"));
		r.add(new R("MATTER:08", "ZJJ", 100, "施工管理：住建局"));
		r.add(new R("MATTER:09", "CGZFZD", 100, "街面秩序：城管执法支队"));
		r.add(new R("MATTER:09", "{D}-ZFDD", 90, "街面秩序：属地执法大队协办"));
		r.add(new R("MATTER:10", "{D}-PT", 100, "其他事项：区级平台研判"));
		return r;
	}

	@Override
	public void seed(Jurisdiction city, String scale) {
		long jid = city.id();
		Map<String, Long> ids = new HashMap<>();
		for (U u : units()) {
			var existing = organisations.unitByCode(jid, u.code());
			if (existing.isPresent()) {
				ids.put(u.code(), existing.get().id());
				continue;
			}
			Long parent = u.parent() == null ? null : ids.get(u.parent());
			// a region the generated geography lacks is left out rather than failing the whole demo
			String region = u.region() != null && geographyPresent(jid) && geography.division(jid, u.region()).isEmpty()
					? null : u.region();
			var created = organisations.create(jid, new Organisations.UnitDraft(u.code(), u.name(), u.kind(), parent,
					region, u.phone(), ids.size()), ACTOR);
			ids.put(u.code(), created.id());
		}
		if (dispatch.rules(jid).isEmpty()) {
			seedRules(jid);
		}
		users.idOf("handler").ifPresent(id -> {
			Users.UserView handler = users.get(jid, id);
			if (handler.unitId() == null) {
				// update() overwrites unit, region and phone: pass the current region and phone; null roles keep roles
				users.update(jid, id, new Users.UserDraft(null, null, null, null, ids.get("SZGLC"), handler.regionCode(),
						handler.phone(), null), ACTOR);
			}
		});
	}

	private boolean geographyPresent(long jid) {
		return !geography.divisions(jid, org.wanmi.geography.Level.DISTRICT).isEmpty();
	}

	private void seedRules(long jid) {
		// a catch-all so every point has at least the command center to dispatch by hand
		dispatch.saveRule(jid, new Dispatch.RuleDraft("*", AreaType.ALL, "", "ZHZX", 0, "兜底：指挥中心人工派遣"), ACTOR);
		boolean geographyPresent = geographyPresent(jid);
		for (var d : DISTRICTS.entrySet()) {
			if (geographyPresent && geography.division(jid, d.getKey()).isEmpty()) {
				continue;
			}
			for (R r : districtRules()) {
				dispatch.saveRule(jid, new Dispatch.RuleDraft(r.category(), AreaType.DISTRICT, d.getKey(),
						r.unit().replace("{D}", d.getValue()), r.priority(), r.note()), ACTOR);
			}
		}
		// 钦江 through the city: river matters within 50 m of it go to 水利局 whatever the district
		var river = GeoJson.FACTORY.createLineString(new Coordinate[] { new Coordinate(108.598, 22.010),
				new Coordinate(108.604, 21.985), new Coordinate(108.611, 21.962), new Coordinate(108.616, 21.935) });
		dispatch.saveLayer(jid, new Dispatch.LayerDraft("QJ", "钦江", "RIVER", river, 50), ACTOR);
		for (String c : List.of("06010", "06015", "06025", "06026", "06030", "06046")) {
			dispatch.saveRule(jid, new Dispatch.RuleDraft("MATTER:" + c, AreaType.LAYER, "QJ", "SLJ", 100,
					"钦江两岸50米：水利局"), ACTOR);
		}
	}

}
