package unclosedrange

import (
	"github.com/asynclint/asynclint/demo/internal/showtest"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/demo/internal/leakcheck"
)

func TestBadLeavesTheWorkerParked(t *testing.T) {
	before := leakcheck.Stuck("unclosedrange.Bad")
	for range 3 {
		Bad(Items(10))
	}
	leakcheck.Settle()
	if got := leakcheck.Stuck("unclosedrange.Bad") - before; got != 3 {
		t.Fatalf("%d workers left by Bad (%s), want 3: the demo expects every range to wait forever", got, leakcheck.Method())
	}
}

func TestGoodEndsTheRange(t *testing.T) {
	for range 3 {
		if got := Good(Items(10)); got != 55 {
			t.Fatalf("Good = %d, want 55", got)
		}
	}
	leakcheck.Settle()
	if got := leakcheck.Stuck("unclosedrange.Good"); got != 0 {
		t.Fatalf("%d workers left by Good, want 0", got)
	}
}

func TestShow(t *testing.T) {
	bad, good := showtest.Lines(t, Show)
	if !strings.Contains(bad, "5 workers are still parked") || !strings.Contains(good, "(sum 25250), 0 workers left") {
		t.Errorf("Show printed %q and %q", bad, good)
	}
}
