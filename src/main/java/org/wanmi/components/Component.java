package org.wanmi.components;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;

import org.locationtech.jts.geom.Geometry;
import org.wanmi.shared.geo.GeoJson;

/**
 * A managed component (部件) with the attributes of GB/T 47678.5 table 2.
 *
 * @param id 17-digit 标识码 (6 区划 + 2 大类 + 3 小类 + 6 sequence)
 * @param legacyId 16-digit CJ/T 214 id it was imported with, if any
 * @param category 5-digit 小类 code (kind COMPONENT)
 * @param categoryName the category's name in the jurisdiction's catalog, if known
 * @param department 主管部门
 * @param owner 权属单位
 * @param maintainer 养护单位
 * @param grid 15-digit unit grid (万米单元网格) code
 * @param initialDate 初始日期
 * @param changeDate 变更日期
 * @param dataSource 数据来源
 * @param photo path or URL of a photo
 * @param lon longitude of the component, or of a representative point inside its line or polygon
 * @param lat latitude, likewise
 * @param shape the line or polygon geometry, or {@code null} for a point component
 */
public record Component(String id, String legacyId, String category, String categoryName, String name,
		String department, String owner, String maintainer, String grid, ComponentStatus status, LocalDate initialDate,
		LocalDate changeDate, String dataSource, String remarks, String photo, double lon, double lat,
		@JsonIgnore Geometry shape, OffsetDateTime updatedAt) {

	/** The Chinese status label (完好, 破损, …). */
	@JsonProperty("statusLabel")
	public String statusLabel() {
		return status.label();
	}

	/** The component's geometry: its line or polygon, else its point. */
	public Geometry geometry() {
		return shape != null ? shape
				: GeoJson.FACTORY.createPoint(new org.locationtech.jts.geom.Coordinate(lon, lat));
	}

	/** GeoJSON of {@link #geometry()}. */
	@JsonProperty("geometry")
	@JsonRawValue
	public String geometryJson() {
		return GeoJson.toJson(geometry());
	}

}
