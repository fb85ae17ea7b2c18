package org.wanmi.open311;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.wanmi.shared.Scope;
import org.wanmi.shared.WanmiPrincipal;

/** Administrators manage the Open311 client keys of their jurisdiction. */
@RestController
@RequestMapping("/api/v1/open311/keys")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "open311", description = "Open311 接入密钥：创建（只显示一次）、列表、吊销 / Open311 client API keys")
class Open311KeysApi {

	private final Open311Keys keys;

	Open311KeysApi(Open311Keys keys) {
		this.keys = keys;
	}

	/** What creating a key needs; {@code rateLimitPerMinute} defaults to 600. */
	record KeyDraft(String name, Integer rateLimitPerMinute) {
	}

	@GetMapping
	@Operation(summary = "本辖区的接入密钥（不含密钥本身）/ The jurisdiction's keys, without the keys themselves")
	List<Open311Keys.ApiKey> list() {
		return keys.list(Scope.require().jurisdictionId());
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "创建密钥：响应中的 key 只显示这一次 / Create a key: the response shows it this once")
	Open311Keys.CreatedKey create(@RequestBody KeyDraft draft) {
		WanmiPrincipal me = Scope.require();
		return keys.create(me.jurisdictionId(), draft.name(), draft.rateLimitPerMinute(), me.username());
	}

	@PostMapping("/{id}/revoke")
	@Operation(summary = "吊销密钥 / Revoke a key")
	Open311Keys.ApiKey revoke(@PathVariable long id) {
		WanmiPrincipal me = Scope.require();
		return keys.revoke(me.jurisdictionId(), id, me.username());
	}

}
