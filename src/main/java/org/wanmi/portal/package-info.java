/**
 * Public portal (市民随手拍, {@code /public/}): citizens report a problem without an account — photos, a point picked
 * on our own map layers, a category (or "not sure"), a description and an optional contact — through the same intake
 * as every other channel ({@code CaseService.report} as {@link org.wanmi.cases.PublicReporter}, channel PUBLIC, one
 * case per submitted form). The citizen gets the case number and a follow link with an unguessable token (only its
 * hash is stored, {@code portal_follow}); the follow page shows the public timeline and, once the case is closed, takes
 * the citizen's satisfaction rating ({@link org.wanmi.cases.CitizenCases}).
 * <p>
 * Owns {@code portal_follow} and {@code portal_submission} (V35), the per-client rate limits and the plain-text
 * cleaning of citizens' text. No public Java API: other modules do not call it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Public portal")
package org.wanmi.portal;
