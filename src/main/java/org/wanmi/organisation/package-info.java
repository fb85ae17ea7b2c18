/**
 * Organisations (组织机构): the unit tree of each jurisdiction — supervision center (监督中心), command center
 * (指挥中心), district platforms (区级平台), departments and their sub-units (专业部门/下属单位), external units
 * (utilities, companies) — with CSV import/export validated as a whole.
 * <p>
 * Public API: {@link org.wanmi.organisation.Organisations} (look-ups by id and code, subtrees, creation) and
 * {@link org.wanmi.organisation.UnitKind}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Organisations")
package org.wanmi.organisation;
