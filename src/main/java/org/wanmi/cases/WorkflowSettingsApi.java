package org.wanmi.cases;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.wanmi.shared.Scope;
import org.wanmi.shared.WanmiPrincipal;

/** The jurisdiction's workflow variant and step limits. */
@RestController
@RequestMapping("/api/v1/workflow/settings")
@Tag(name = "workflow", description = "流程配置：四步/七步、自动受理、公众上报核实、二级派遣、环节时限、自动督办 / workflow variants")
class WorkflowSettingsApi {

	private final WorkflowSettingsStore store;

	WorkflowSettingsApi(WorkflowSettingsStore store) {
		this.store = store;
	}

	@GetMapping
	@PreAuthorize("isAuthenticated()")
	@Operation(summary = "当前流程配置 / The workflow settings in force")
	WorkflowSettings current() {
		return store.current(Scope.require().jurisdictionId());
	}

	@PutMapping
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "保存流程配置（新版本，历史保留）/ Save a new version of the settings; history is kept")
	WorkflowSettings save(@RequestBody WorkflowSettings settings) {
		WanmiPrincipal me = Scope.require();
		return store.save(me.jurisdictionId(), settings, me.username());
	}

	@GetMapping("/history")
	@PreAuthorize("hasRole('ADMIN')")
	@Operation(summary = "流程配置历史 / Every saved version, newest first")
	List<WorkflowSettingsStore.Version> history() {
		return store.history(Scope.require().jurisdictionId());
	}

}
