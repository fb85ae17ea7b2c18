/**
 * Geography (基础地理数据): the division hierarchy city → district/county → street/town → community/village → unit
 * grid (万米单元网格) per jurisdiction, with history; GeoJSON import/export validated before anything is written;
 * 责任网格 (inspectors' patrol areas); the in-process point → grid index behind {@code /api/v1/geo/locate}; the
 * gazetteer (roads, intersections, door numbers, POIs) with address search and reverse geocoding; and coordinate
 * conversion between CGCS2000/WGS84 and GCJ-02.
 * <p>
 * Public API: {@link org.wanmi.geography.Geography} (locate, grids, geometry of a division),
 * {@link org.wanmi.geography.GeographyChanged} (published after every change), {@link org.wanmi.geography.Level},
 * {@link org.wanmi.geography.DivisionImporter}, {@link org.wanmi.geography.ResponsibilityGrids},
 * {@link org.wanmi.geography.Gazetteer} (address search, reverse geocoding) and
 * {@link org.wanmi.geography.CoordinateTransform} (WGS84 ⇄ GCJ-02).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Geography")
package org.wanmi.geography;
