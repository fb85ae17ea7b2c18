package org.wanmi.demo;

import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.wanmi.components.ComponentDraft;
import org.wanmi.components.ComponentStatus;
import org.wanmi.components.Components;
import org.wanmi.geography.Geography;
import org.wanmi.geography.Level;
import org.wanmi.shared.Jurisdictions.Jurisdiction;

/**
 * Demo components (部件普查 data): about 50,000 (standard), 1,000,000 (benchmark) or 2,000 (test) components of
 * common 小类 — manhole covers, lamps, hydrants, bins, trees, bus shelters, toilets… — at random places inside the
 * demo city's unit grids, with plausible departments, owners, maintainers and mostly 完好 status. Written through the
 * bulk import path (COPY). Does nothing when the city has components already, or no unit grids yet.
 */
@Component
@Order(50)
class DemoComponentsStep implements DemoStep {

	private static final Logger log = LoggerFactory.getLogger(DemoComponentsStep.class);

	private final Components components;

	private final Geography geography;

	DemoComponentsStep(Components components, Geography geography) {
		this.components = components;
		this.geography = geography;
	}

	/** A kind of component: GB/T 47678.5 小类 and its name, relative frequency, 主管部门, 权属单位, 养护单位. */
	record Kind(String category, String name, int weight, String department, String owner, String maintainer) {
	}

	static final String CITY_MGMT = "钦州市城市管理局";

	static final String HOUSING = "钦州市住房和城乡建设局";

	static final List<Kind> KINDS = List.of(
			new Kind("01001", "供水井盖", 60, "钦州市水利局", "钦州市供水有限公司", "钦州市供水有限公司管网所"),
			new Kind("01002", "污水井盖", 70, HOUSING, "钦州市排水管理处", "钦州市排水管理处"),
			new Kind("01003", "雨水井盖", 70, HOUSING, "钦州市排水管理处", "钦州市排水管理处"),
			new Kind("01004", "雨水箅子", 50, HOUSING, "钦州市排水管理处", "钦州市市政工程养护所"),
			new Kind("01005", "电力井盖", 40, "钦州市发展和改革委员会", "广西电网钦州供电局", "广西电网钦州供电局"),
			new Kind("01006", "路灯井盖", 20, CITY_MGMT, "钦州市路灯管理所", "钦州市路灯管理所"),
			new Kind("01007", "通信井盖", 35, "钦州市工业和信息化局", "中国电信钦州分公司", "中国电信钦州分公司"),
			new Kind("01011", "燃气井盖", 20, HOUSING, "钦州市燃气有限公司", "钦州市燃气有限公司"),
			new Kind("01013", "消防设施", 12, "钦州市消防救援支队", "钦州市供水有限公司", "钦州市消防救援支队"),
			new Kind("01030", "电力立杆", 25, "钦州市发展和改革委员会", "广西电网钦州供电局", "广西电网钦州供电局"),
			new Kind("01037", "路灯", 90, CITY_MGMT, "钦州市路灯管理所", "钦州市路灯管理所"),
			new Kind("01039", "景观灯", 15, CITY_MGMT, "钦州市路灯管理所", "钦州市路灯管理所"),
			new Kind("01040", "报刊亭", 3, CITY_MGMT, "钦州日报社", "钦州日报社发行部"),
			new Kind("01042", "邮筒", 3, "钦州市邮政管理局", "中国邮政钦州市分公司", "中国邮政钦州市分公司"),
			new Kind("01046", "户外健身设施", 6, "钦州市体育局", "钦州市体育局", "各社区居委会"),
			new Kind("01050", "监控电子眼设施", 15, "钦州市公安局", "钦州市公安局", "钦州市公安局科技信息化支队"),
			new Kind("01054", "充电桩", 8, "钦州市发展和改革委员会", "广西电网钦州供电局", "钦州市新能源充电运营公司"),
			new Kind("02004", "公交站设施", 10, "钦州市交通运输局", "钦州市公共交通有限公司", "钦州市公共交通有限公司"),
			new Kind("02010", "交通标志牌及标线", 30, "钦州市公安局交通警察支队", "钦州市公安局交通警察支队", "钦州市交通设施维护中心"),
			new Kind("02012", "路名牌", 15, "钦州市民政局", "钦州市民政局", "钦州市地名管理所"),
			new Kind("02014", "交通信号灯", 12, "钦州市公安局交通警察支队", "钦州市公安局交通警察支队", "钦州市交通设施维护中心"),
			new Kind("02017", "交通护栏", 25, "钦州市公安局交通警察支队", "钦州市公安局交通警察支队", "钦州市交通设施维护中心"),
			new Kind("02021", "便道桩", 20, CITY_MGMT, "钦州市市政工程养护所", "钦州市市政工程养护所"),
			new Kind("02027", "存车支架", 8, CITY_MGMT, "钦州市城市管理局", "钦州市市容环境卫生管理处"),
			new Kind("02043", "减速带", 6, "钦州市公安局交通警察支队", "钦州市公安局交通警察支队", "钦州市交通设施维护中心"),
			new Kind("03001", "公共厕所", 4, CITY_MGMT, "钦州市市容环境卫生管理处", "钦州市市容环境卫生管理处"),
			new Kind("03005", "垃圾箱", 70, CITY_MGMT, "钦州市市容环境卫生管理处", "钦州市环卫保洁服务公司"),
			new Kind("03006", "户外广告", 20, CITY_MGMT, "广告设置单位", "广告设置单位"),
			new Kind("03008", "宣传栏", 8, "钦州市委宣传部", "各街道办事处", "各街道办事处"),
			new Kind("04002", "行道树", 110, "钦州市林业局", "钦州市园林绿化管理处", "钦州市园林绿化管理处"),
			new Kind("04003", "独立树", 15, "钦州市林业局", "钦州市园林绿化管理处", "钦州市园林绿化管理处"),
			new Kind("04001", "古树名木", 1, "钦州市林业局", "钦州市园林绿化管理处", "钦州市古树名木保护站"),
			new Kind("04007", "街头座椅", 15, "钦州市林业局", "钦州市园林绿化管理处", "钦州市园林绿化管理处"),
			new Kind("04011", "树池树穴", 40, "钦州市林业局", "钦州市园林绿化管理处", "钦州市园林绿化管理处"));

	private static final LocalDate TODAY = LocalDate.now();

	private static final LocalDate FIRST = LocalDate.of(2010, 1, 1);

	private static final int SPAN_DAYS = (int) java.time.temporal.ChronoUnit.DAYS.between(FIRST, TODAY);

	static int count(String scale) {
		return switch (scale) {
			case "benchmark" -> 1_000_000;
			case "test" -> 2_000;
			default -> 50_000;
		};
	}

	@Override
	public void seed(Jurisdiction city, String scale) {
		if (components.count(city.id()) > 0) {
			return;
		}
		List<Geography.Division> grids = geography.divisions(city.id(), Level.GRID);
		if (grids.isEmpty()) {
			log.info("Demo city {} has no unit grids yet: no demo components generated", city.code());
			return;
		}
		int n = count(scale);
		long t = System.nanoTime();
		long written = components.bulkLoad(city.id(), new Generator(grids, n, new Random(450_700L)), "demo");
		log.info("Demo components: {} in {} unit grids in {} ms", written, grids.size(), (System.nanoTime() - t) / 1_000_000);
	}

	/** Generates drafts lazily, so a million of them never sit in memory at once. */
	static final class Generator implements Iterator<ComponentDraft> {

		private final List<Geography.Division> grids;

		private final IndexedPointInAreaLocator[] locators;

		private final int total;

		private final Random rnd;

		private final int weightSum;

		private int made;

		Generator(List<Geography.Division> grids, int total, Random rnd) {
			this.grids = grids;
			this.locators = new IndexedPointInAreaLocator[grids.size()];
			this.total = total;
			this.rnd = rnd;
			this.weightSum = KINDS.stream().mapToInt(Kind::weight).sum();
		}

		@Override
		public boolean hasNext() {
			return made < total;
		}

		@Override
		public ComponentDraft next() {
			if (!hasNext()) {
				throw new NoSuchElementException();
			}
			made++;
			int g = rnd.nextInt(grids.size());
			Geography.Division grid = grids.get(g);
			if (locators[g] == null) {
				locators[g] = new IndexedPointInAreaLocator(grid.geometry());
			}
			Envelope e = grid.geometry().getEnvelopeInternal();
			Coordinate c = null;
			for (int attempt = 0; attempt < 50 && c == null; attempt++) {
				Coordinate p = new Coordinate(e.getMinX() + rnd.nextDouble() * e.getWidth(),
						e.getMinY() + rnd.nextDouble() * e.getHeight());
				if (locators[g].locate(p) == Location.INTERIOR) {
					c = p;
				}
			}
			if (c == null) {
				c = grid.geometry().getInteriorPoint().getCoordinate();
			}
			Kind kind = pick();
			LocalDate initial = FIRST.plusDays(rnd.nextInt(SPAN_DAYS));
			int s = rnd.nextInt(1000);
			ComponentStatus status = s < 920 ? ComponentStatus.INTACT : s < 960 ? ComponentStatus.DAMAGED
					: s < 975 ? ComponentStatus.LOST : s < 990 ? ComponentStatus.SCRAPPED : ComponentStatus.REMOVED;
			LocalDate change = initial.plusDays(1 + rnd.nextInt(365 * 2));
			String changed = status == ComponentStatus.INTACT ? null
					: (change.isAfter(TODAY) ? TODAY : change).toString();
			return new ComponentDraft(null, null, kind.category(), kind.name(), kind.department(), kind.owner(),
					kind.maintainer(), grid.code(), status.name(), initial.toString(), changed, "2024年部件普查", null, null,
					Math.round(c.x * 1e7) / 1e7, Math.round(c.y * 1e7) / 1e7, null);
		}

		private Kind pick() {
			int r = rnd.nextInt(weightSum);
			for (Kind k : KINDS) {
				r -= k.weight();
				if (r < 0) {
					return k;
				}
			}
			return KINDS.get(0);
		}

	}

}
