package org.wanmi.identity;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's login form (fields {@code username} and {@code password}). */
@Controller
class LoginController {

	@GetMapping("/login")
	String login() {
		return "login";
	}

}
