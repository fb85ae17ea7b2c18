package org.wanmi.shared;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The jurisdictions (辖区) hosted by this deployment: a prefecture city and the counties sharing its platform
 * (Henan art. 13). Each one's data is isolated from the others'.
 */
@Service
public class Jurisdictions {

	private final JdbcClient jdbc;

	public Jurisdictions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public record Jurisdiction(long id, String code, String name, Double centerLon, Double centerLat) {
	}

	public List<Jurisdiction> all() {
		return jdbc.sql("select id, code, name, center_lon, center_lat from jurisdiction order by code")
			.query(Jurisdiction.class)
			.list();
	}

	public Optional<Jurisdiction> byCode(String code) {
		return jdbc.sql("select id, code, name, center_lon, center_lat from jurisdiction where code = ?")
			.param(code)
			.query(Jurisdiction.class)
			.optional();
	}

	public Jurisdiction get(long id) {
		return jdbc.sql("select id, code, name, center_lon, center_lat from jurisdiction where id = ?")
			.param(id)
			.query(Jurisdiction.class)
			.optional()
			.orElseThrow(() -> ProblemException.notFound("jurisdiction.notFound", id));
	}

	public Jurisdiction current() {
		return get(Scope.jurisdictionId());
	}

	/** Creates the jurisdiction or returns the existing one with that code. */
	public Jurisdiction ensure(String code, String name, Double centerLon, Double centerLat) {
		if (code == null || !code.matches("\\d{6}")) {
			throw ProblemException.badRequest("jurisdiction.code.invalid", code);
		}
		jdbc.sql("""
				insert into jurisdiction(code, name, center_lon, center_lat) values (?, ?, ?, ?)
				on conflict (code) do nothing""").params(code, name, centerLon, centerLat).update();
		return byCode(code).orElseThrow();
	}

}
