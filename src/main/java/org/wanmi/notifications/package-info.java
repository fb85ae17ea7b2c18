/**
 * Notifications (通知): the in-app inbox of each user and the live stream of case changes for the consoles.
 * <p>
 * Owns the {@code notification} table (one row per recipient; title as message code + arguments, rendered in the
 * reader's language), the rules deciding who must hear about a case operation ({@code NotificationRules}: new tasks,
 * approvals needed, urges, overdue cases; never the actor), the pluggable outgoing channels
 * ({@link org.wanmi.notifications.NotificationSender}, called after commit only; {@code wanmi.notifications.senders}
 * turns them on), the inbox API {@code /api/v1/notifications} and the server-sent-events stream
 * {@code GET /api/v1/cases/stream} (sub-package {@code live}: case changes filtered by the caller's data scope, and the
 * caller's new notifications).
 * <p>
 * Listens to {@link org.wanmi.cases.CaseChanged}; reads users through {@link org.wanmi.identity.Users}. Public API:
 * {@link org.wanmi.notifications.NotificationSender}, {@link org.wanmi.notifications.NotificationKind},
 * {@link org.wanmi.notifications.NotificationProperties}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications")
package org.wanmi.notifications;
