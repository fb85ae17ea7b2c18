/**
 * Demo mode (演示模式): a plausible city around Qinzhou (钦州市 450700) with its divisions, unit grids, road
 * gazetteer, components, organisations, responsibility list, filing standard and one account per role. On by
 * default with the embedded database; off with an external one unless {@code wanmi.demo.enabled=true}.
 * It only calls the other modules' public services.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo city")
package org.wanmi.demo;
