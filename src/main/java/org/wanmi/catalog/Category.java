package org.wanmi.catalog;

import java.time.Instant;
import java.util.List;

/**
 * A category (分类) of one jurisdiction's catalog: a 小类 with its 大类.
 *
 * @param id database id (stable; other modules may keep it, but (kind, code) is the business key)
 * @param standard the standard whose code space it belongs to
 * @param kind component, matter or event
 * @param majorCode 大类 code (2 digits)
 * @param majorName 大类 name
 * @param code full code (大类 + 小类), e.g. {@code 01002}
 * @param name the name used in this jurisdiction
 * @param standardName the name as published in the standard ({@code null} for a local category)
 * @param local added by the jurisdiction, not part of the standard
 * @param active offered in lists and pickers (retired categories stay readable for old cases)
 * @param keywords search words (俗称, synonyms)
 * @param defaultUnitId default department (an organisation unit id) or {@code null}
 * @param hasPhoto an example photo exists
 * @param attributes extra attributes collected for this 小类
 * @param updatedAt last change
 * @param updatedBy who made it ({@code standard} for rows loaded from the standard)
 */
public record Category(long id, Standard standard, Kind kind, String majorCode, String majorName, String code,
		String name, String standardName, boolean local, boolean active, List<String> keywords, Long defaultUnitId,
		boolean hasPhoto, List<Attribute> attributes, Instant updatedAt, String updatedBy) {

	/** Type of an extra attribute. */
	public enum AttributeType {

		TEXT, NUMBER, SINGLE_CHOICE, MULTI_CHOICE;

		public boolean hasOptions() {
			return this == SINGLE_CHOICE || this == MULTI_CHOICE;
		}

	}

	/**
	 * An extra attribute collected when a case or component of this 小类 is recorded.
	 * @param key stable identifier (letters, digits, underscore), e.g. {@code material}
	 * @param label shown to users, e.g. 材质
	 * @param type value type
	 * @param options allowed values for the choice types (empty otherwise)
	 * @param required must be given
	 */
	public record Attribute(String key, String label, AttributeType type, List<String> options, boolean required) {

		public Attribute {
			options = options == null ? List.of() : List.copyOf(options);
		}

	}

	/** True when the name differs from the published one. */
	public boolean renamed() {
		return standardName != null && !standardName.equals(name);
	}

}
