/**
 * The web console (Web 控制台): server-rendered pages (Thymeleaf + htmx, Bootstrap, Leaflet, ECharts from
 * webjars) for every role — the workbench, the map, and the administration pages. It owns no data: it calls
 * the other modules' public services and APIs.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web console")
package org.wanmi.web;
