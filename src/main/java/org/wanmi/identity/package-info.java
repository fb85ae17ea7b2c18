/**
 * Identity and access (身份与权限): users, roles (the primer's list), memberships in organisation units, data scope
 * (jurisdiction, region subtree, unit), form login for the console, bearer tokens for API and mobile clients,
 * lockout after repeated failures, and the append-only security audit.
 * <p>
 * Public API: {@link org.wanmi.identity.Role}, {@link org.wanmi.identity.Users}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity")
package org.wanmi.identity;
