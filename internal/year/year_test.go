package year

import "testing"

func TestExpand(t *testing.T) {
	tests := []struct {
		name          string
		yy, now, want int
	}{
		{"past year", 18, 2026, 2018},
		{"zero", 0, 2026, 2000},
		{"this year", 26, 2026, 2026},
		{"next year's conference", 27, 2026, 2027},
		{"two years ahead is last century", 28, 2026, 1928},
		{"last century", 87, 2026, 1987},
		{"99 in 2026", 99, 2026, 1999},
		{"99 in 2098 is next year", 99, 2098, 2099},
		{"00 in 2099 is next year, next century", 0, 2099, 2100},
		{"50 in 2099", 50, 2099, 2050},
		{"99 in 2099", 99, 2099, 2099},
		{"98 in 1999", 98, 1999, 1998},
		{"00 in 1999 is next year", 0, 1999, 2000},
		{"01 in 1999 is last century", 1, 1999, 1901},
		{"four digits pass through", 2018, 2026, 2018},
		{"100 passes through", 100, 2026, 100},
		{"negative passes through", -1, 2026, -1},
		{"no current year: POSIX window, 68", 68, 0, 2068},
		{"no current year: POSIX window, 69", 69, 0, 1969},
		{"no current year: 27", 27, 0, 2027},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Expand(tt.yy, tt.now); got != tt.want {
				t.Errorf("Expand(%d, %d) = %d, want %d", tt.yy, tt.now, got, tt.want)
			}
		})
	}
}
