/**
 * Patrol (巡查): inspectors' GPS tracks uploaded in batches from the field, their latest positions (who is on duty and
 * where), and the nearest inspector on duty to a point — used to send verification and check tasks.
 * <p>
 * Public API: {@link org.wanmi.patrol.Patrols}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Patrol")
package org.wanmi.patrol;
