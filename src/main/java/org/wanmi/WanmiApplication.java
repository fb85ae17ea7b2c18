package org.wanmi;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Wanmi (万米) — digital urban management system (数字化城市管理信息系统).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class WanmiApplication {

	public static void main(String[] args) {
		SpringApplication.run(WanmiApplication.class, args);
	}

}
