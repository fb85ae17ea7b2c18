package org.wanmi.cases;

/** 案件来源: where a report came from. */
public enum Channel {

	/** 监督员上报. */
	INSPECTOR,
	/** 热线 (12345/12319). */
	HOTLINE,
	/** 公众 (web, app, WeChat 随手拍). */
	PUBLIC,
	/** 视频监控 / AI detection (always reviewed by a person). */
	VIDEO,
	/** 物联网告警. */
	IOT,
	/** 领导交办. */
	LEADER,
	/** 媒体曝光. */
	MEDIA,
	/** 上级交办. */
	UPPER_LEVEL

}
