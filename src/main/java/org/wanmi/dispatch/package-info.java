/**
 * Dispatch support (派遣): the responsibility list (权责清单 / 指挥手册 as data) — rules category × area → responsible
 * unit with priority — the named spatial layers (roads, rivers, zones with a buffer) rules may use as areas, and the
 * ranked candidate units for a point and a category, flagged for manual review near area boundaries.
 * <p>
 * Public API: {@link org.wanmi.dispatch.Dispatch} (candidates, rules, layers), {@link org.wanmi.dispatch.AreaType},
 * {@link org.wanmi.dispatch.CategoryDirectory} (optional: lets the catalog say which categories exist).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Dispatch")
package org.wanmi.dispatch;
