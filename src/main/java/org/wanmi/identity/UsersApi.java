package org.wanmi.identity;

import java.util.List;

import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** User administration, limited to the administrator's own jurisdiction. */
@RestController
@RequestMapping("/api/v1/admin/users")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "users", description = "用户管理 / user administration")
class UsersApi {

	private final Users users;

	private final ApiTokens tokens;

	UsersApi(Users users, ApiTokens tokens) {
		this.users = users;
		this.tokens = tokens;
	}

	@GetMapping
	List<Users.UserView> list(@AuthenticationPrincipal WanmiUser me) {
		return users.list(me.jurisdictionId());
	}

	@GetMapping("/{id}")
	Users.UserView get(@AuthenticationPrincipal WanmiUser me, @PathVariable long id) {
		return users.get(me.jurisdictionId(), id);
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Users.UserView create(@AuthenticationPrincipal WanmiUser me, @RequestBody Users.UserDraft draft) {
		users.guardGrant(me, draft.roles(), null, me.jurisdictionId());
		return users.create(me.jurisdictionId(), draft, me.username());
	}

	@PutMapping("/{id}")
	Users.UserView update(@AuthenticationPrincipal WanmiUser me, @PathVariable long id, @RequestBody Users.UserDraft draft) {
		users.guardGrant(me, draft.roles(), id, me.jurisdictionId());
		return users.update(me.jurisdictionId(), id, draft, me.username());
	}

	@PostMapping("/{id}/unlock")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void unlock(@AuthenticationPrincipal WanmiUser me, @PathVariable long id) {
		users.unlock(me.jurisdictionId(), id, me.username());
	}

	@PostMapping("/{id}/revoke-tokens")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void revokeTokens(@AuthenticationPrincipal WanmiUser me, @PathVariable long id) {
		users.get(me.jurisdictionId(), id);
		tokens.revokeAll(id);
	}

}
