/**
 * Shared kernel (共享内核): the jurisdiction registry (辖区) every other module scopes its data by,
 * the current caller's scope, problem+json errors with localised messages, GeoJSON/JTS helpers,
 * and the database bootstrap (embedded PostgreSQL by default, a real server when configured).
 * <p>
 * Open module: every module may use its types.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.wanmi.shared;
