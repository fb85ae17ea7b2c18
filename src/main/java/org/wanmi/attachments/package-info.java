/**
 * Attachments (附件): photos and short videos sent with reports, verifications, feedback and checks. Files are stored
 * once on disk under their SHA-256 (content-addressed), their type is sniffed from the bytes and checked against
 * configurable size limits, thumbnails are made on upload, and capture time and GPS position are read from EXIF and
 * kept apart from the server's upload time (anti-gaming: staged or recycled photos show up).
 * <p>
 * Public API: {@link org.wanmi.attachments.Attachments} (store, read metadata, existence checks) and
 * {@link org.wanmi.attachments.AttachmentInfo}. HTTP: {@code /api/v1/attachments}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Attachments")
package org.wanmi.attachments;
