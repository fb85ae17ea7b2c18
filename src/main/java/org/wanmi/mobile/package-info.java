/**
 * 城管通 — the field app (mobile web app / PWA) at {@code /m/}: the inspector's patrol (GPS track, 责任网格 map),
 * reports with photos, verification and check tasks, and the department handler's light phone page. Offline first:
 * a service worker keeps the app shell, reports and task answers wait in the device's IndexedDB and are sent with
 * their client id as the {@code Idempotency-Key}.
 * <p>
 * The shell is public (no data in it); everything else goes through {@code /api/v1} with a bearer token. This
 * module owns {@code mobile_photo}: what the device recorded when a photo was taken (its clock and position), kept
 * apart from EXIF and from the upload time, and the client id that makes a photo upload idempotent
 * ({@code POST /api/v1/mobile/photos}). It uses the public APIs of attachments, geography and identity; no
 * public API of its own.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Mobile app (城管通)")
package org.wanmi.mobile;
