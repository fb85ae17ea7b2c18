package org.wanmi.calendar;

/**
 * The colour of a timed step (红黄绿灯): green while less than the yellow threshold of its limit is used (default
 * 80 %), yellow up to the red threshold (default 100 %, i.e. the deadline itself), red beyond. The thresholds are
 * configurable per jurisdiction.
 */
public enum TrafficLight {

	GREEN, YELLOW, RED

}
