package org.wanmi.components;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class LongMapTest {

	@Test
	void behavesLikeAHashMapThroughGrowth() {
		LongMap m = new LongMap(4);
		Map<Long, Long> ref = new HashMap<>();
		Random rnd = new Random(1);
		for (int i = 0; i < 200_000; i++) {
			long key = 45_070_000_000_000_000L + rnd.nextInt(150_000);
			long before = m.putIfAbsent(key, i, -1);
			Long expected = ref.putIfAbsent(key, (long) i);
			assertThat(before).isEqualTo(expected == null ? -1 : expected);
		}
		assertThat(m.size()).isEqualTo(ref.size());
		for (int i = 0; i < 10_000; i++) {
			long key = 45_070_000_000_000_000L + rnd.nextInt(300_000);
			assertThat(m.contains(key)).isEqualTo(ref.containsKey(key));
			assertThat(m.get(key, -1)).isEqualTo(ref.getOrDefault(key, -1L));
		}
		assertThat(m.contains(0)).isFalse();
		m.putIfAbsent(0, 7, -1);
		assertThat(m.contains(0)).isTrue();
	}

}
