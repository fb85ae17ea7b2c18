/**
 * Component inventory (部件普查): managed public facilities — manhole covers, lamps, bins, trees, bus shelters —
 * with the attributes of GB/T 47678.5 table 2 (17-digit 标识码, 小类, 主管部门, 权属单位, 养护单位, unit grid,
 * status, dates, data source, remarks, photo) and a point, line or polygon; bulk CSV/GeoJSON import of millions of
 * rows as a background job (validated before anything is written, streamed with PostgreSQL COPY), streaming export,
 * and the in-process nearest-components index.
 * <p>
 * Public API: {@link org.wanmi.components.Components} (read, nearest, bulk load), {@link org.wanmi.components.Component},
 * {@link org.wanmi.components.ComponentDraft}, {@link org.wanmi.components.ComponentStatus},
 * {@link org.wanmi.components.ComponentCategories} (the pluggable category check the catalog module can provide) and
 * {@link org.wanmi.components.ComponentsChanged} (published after every change).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Components")
package org.wanmi.components;
