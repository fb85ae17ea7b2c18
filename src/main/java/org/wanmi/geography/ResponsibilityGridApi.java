package org.wanmi.geography;

import java.util.List;

import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.wanmi.shared.ProblemException;
import org.wanmi.shared.Scope;

/** 责任网格 (inspectors' patrol areas). */
@RestController
@RequestMapping("/api/v1/geo/responsibility-grids")
@Tag(name = "geography")
class ResponsibilityGridApi {

	private final ResponsibilityGrids grids;

	ResponsibilityGridApi(ResponsibilityGrids grids) {
		this.grids = grids;
	}

	@GetMapping
	@PreAuthorize("isAuthenticated()")
	List<ResponsibilityGrids.ResponsibilityGrid> list() {
		return grids.list(Scope.jurisdictionId());
	}

	@GetMapping("/{code}")
	@PreAuthorize("isAuthenticated()")
	ResponsibilityGrids.ResponsibilityGrid get(@PathVariable String code) {
		return grids.get(Scope.jurisdictionId(), code).orElseThrow(() -> ProblemException.notFound("geo.rgrid.notFound", code));
	}

	record Body(String name, java.util.Set<String> gridCodes, java.util.Set<Long> inspectorIds) {
	}

	@PutMapping("/{code}")
	@PreAuthorize("hasRole('ADMIN')")
	ResponsibilityGrids.ResponsibilityGrid put(@PathVariable String code, @RequestBody Body body) {
		return grids.save(Scope.jurisdictionId(),
				new ResponsibilityGrids.ResponsibilityGrid(code, body.name(), body.gridCodes(), body.inspectorIds()));
	}

	@DeleteMapping("/{code}")
	@PreAuthorize("hasRole('ADMIN')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable String code) {
		grids.delete(Scope.jurisdictionId(), code);
	}

}
