package unclosedrange

import (
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
	var b strings.Builder
	if err := Show(&b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "bad:") || !strings.HasPrefix(lines[1], "good:") {
		t.Fatalf("Show printed %q", b.String())
	}
	if !strings.Contains(lines[0], "5 workers are still parked") || !strings.Contains(lines[1], "(sum 25250), 0 workers left") {
		t.Errorf("Show printed %q", b.String())
	}
}
