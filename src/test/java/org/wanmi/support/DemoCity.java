package org.wanmi.support;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.wanmi.catalog.Catalog;
import org.wanmi.catalog.Kind;
import org.wanmi.geography.Geography;

/**
 * What tests that carry a case through its steps need of the demo city (钦州市 450700): a point inside unit grid
 * 450702001001001, the first 立案条件 of 事件 06010, and the demo handler's unit.
 */
public record DemoCity(long jurisdictionId, double lon, double lat, long conditionId, long handlerUnit) {

	public static DemoCity load(JdbcClient jdbc, Geography geography, Catalog catalog) {
		long jid = jdbc.sql("select id from jurisdiction where code = '450700'").query(Long.class).single();
		var p = geography.division(jid, "450702001001001").orElseThrow().geometry().getInteriorPoint();
		long conditionId = catalog.conditions(jid, Kind.MATTER, "06010").get(0).id();
		long handlerUnit = jdbc.sql("select unit_id from app_user where username = 'handler'").query(Long.class).single();
		return new DemoCity(jid, p.getX(), p.getY(), conditionId, handlerUnit);
	}

}
