/**
 * Open311 GeoReport v2 (国际接口): the public API civic-issue clients speak — {@code discovery}, {@code services}
 * (the catalog's 小类 with their 大类 as group), {@code requests} (cases; POST creates a report on the PUBLIC channel
 * through the same intake as every other channel), {@code tokens}, the common extensions (paging, updated_after/before,
 * lat/long/radius, {@code extensions=true}) and mySociety's {@code servicerequestupdates}; XML and JSON.
 * <p>
 * Owns the client API keys ({@code open311_api_key}: hashed, per jurisdiction, revocable, with a per-minute rate
 * limit on POST) and what each Open311 request carried ({@code open311_request}). Public API:
 * {@link org.wanmi.open311.Open311Keys} (for the demo seeder and administrators).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Open311 GeoReport v2")
package org.wanmi.open311;
