package org.wanmi.notifications;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import org.wanmi.identity.Users;

/**
 * The users of a jurisdiction (roles, unit, region code), read through the identity module's public
 * {@link Users#list(long)} and kept for {@code wanmi.notifications.directory-ttl} (default 30 s): finding the recipients
 * of every case operation would otherwise read every user of the jurisdiction each time. A user created or changed
 * meanwhile is therefore notified at most that much later.
 */
@Component
class Directory {

	private final Users users;

	private final long ttlMillis;

	private final Map<Long, Entry> cache = new ConcurrentHashMap<>();

	private record Entry(List<Users.UserView> users, long loadedAt) {
	}

	Directory(Users users, NotificationProperties props) {
		this.users = users;
		this.ttlMillis = props.directoryTtl().toMillis();
	}

	List<Users.UserView> users(long jurisdictionId) {
		long now = System.currentTimeMillis();
		Entry e = cache.get(jurisdictionId);
		if (e == null || now - e.loadedAt() >= ttlMillis) {
			e = new Entry(users.list(jurisdictionId), now);
			cache.put(jurisdictionId, e);
		}
		return e.users();
	}

}
