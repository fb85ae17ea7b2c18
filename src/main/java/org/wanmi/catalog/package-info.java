/**
 * Catalog (部件事件分类) and filing standard (立案/结案标准).
 * <p>
 * Owns, per jurisdiction: the categories of components (部件), matters (管理事项, GB/T 47678.5) and events (事件,
 * CJ/T 214) — copied from the standard catalogs shipped in {@code classpath:standards/} and extended with local
 * categories, names, keywords, default departments, example photos and typed extra attributes — and the filing
 * standard: per 小类 its 立案条件 with 处置时限 and 结案条件.
 * <p>
 * Public API: {@link org.wanmi.catalog.Catalog} (look-ups, loading a standard, importing a filing standard),
 * {@link org.wanmi.catalog.Category}, {@link org.wanmi.catalog.FilingCondition}, {@link org.wanmi.catalog.Kind},
 * {@link org.wanmi.catalog.Standard} and the time-limit parser {@link org.wanmi.catalog.TimeLimits}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Catalog and filing standard")
package org.wanmi.catalog;
