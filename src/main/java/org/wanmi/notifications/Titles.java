package org.wanmi.notifications;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Renders a stored title (message code + arguments) in a language; an unknown code falls back to the kind's text. */
@Component
class Titles {

	private final MessageSource messages;

	Titles(MessageSource messages) {
		this.messages = messages;
	}

	String render(NotificationStore.Row n, Locale locale) {
		Object[] args = n.args().toArray();
		String fallback = messages.getMessage("notifications.kind." + n.kind().name(), args, n.kind().name() + " " + n.caseNo(),
				locale);
		return messages.getMessage(n.messageCode(), args, fallback, locale);
	}

}
