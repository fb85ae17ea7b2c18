package org.wanmi.components;

/**
 * A component as supplied by an import row, an API call or a generator, before validation. Everything is text as
 * it would appear in a CSV file, so every source passes the same checks with the same messages.
 *
 * @param id 17-digit 标识码; blank to generate the next free one; a 16-digit CJ/T 214 id is taken as {@code legacyId}
 * @param legacyId 16-digit CJ/T 214 id
 * @param category 5-digit 小类 code; may be blank when {@code id} is a 17-digit id (its 大类+小类 digits are used)
 * @param grid 15-digit unit grid code; blank to derive it from the position
 * @param status enum name or Chinese label (完好, 破损, 丢失, 废弃, 移除); blank = 完好
 * @param initialDate 初始日期, {@code yyyy-MM-dd} (also {@code yyyy/MM/dd}, {@code yyyyMMdd})
 * @param changeDate 变更日期, same formats
 * @param lon longitude (CGCS2000/WGS84)
 * @param lat latitude
 * @param geometry a geometry as WKT or GeoJSON text (point, line or polygon), instead of or besides lon/lat
 */
public record ComponentDraft(String id, String legacyId, String category, String name, String department,
		String owner, String maintainer, String grid, String status, String initialDate, String changeDate,
		String dataSource, String remarks, String photo, Double lon, Double lat, String geometry) {

	/** A point component with the commonest attributes (for generators). */
	public static ComponentDraft point(String category, String name, String department, String owner,
			String maintainer, String grid, ComponentStatus status, String initialDate, String dataSource, double lon,
			double lat) {
		return new ComponentDraft(null, null, category, name, department, owner, maintainer, grid,
				status == null ? null : status.name(), initialDate, null, dataSource, null, null, lon, lat, null);
	}

}
