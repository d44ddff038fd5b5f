package immortalgo

import (
	"strings"
	"testing"

	"github.com/asynclint/asynclint/demo/internal/leakcheck"
	"github.com/asynclint/asynclint/demo/internal/showtest"
)

func TestBadLeaksAJanitorPerCache(t *testing.T) {
	const restarts = 3
	before := leakcheck.Stuck("immortalgo.(*BadCache).badJanitor")
	if evicted := Restart(OpenBad, restarts); evicted != restarts {
		t.Fatalf("%d evictions, want %d: every janitor should work before its cache closes", evicted, restarts)
	}
	leakcheck.Settle()
	if got := leakcheck.Stuck("immortalgo.(*BadCache).badJanitor") - before; got != restarts {
		t.Fatalf("%d bad janitors left by %s, want %d: the demo expects every janitor to outlive its cache",
			got, leakcheck.Method(), restarts)
	}
}

func TestGoodLeavesNoJanitor(t *testing.T) {
	const restarts = 3
	if evicted := Restart(OpenGood, restarts); evicted != restarts {
		t.Fatalf("%d evictions, want %d", evicted, restarts)
	}
	leakcheck.Settle()
	if got := leakcheck.Stuck("immortalgo.(*GoodCache).goodJanitor"); got != 0 {
		t.Fatalf("%d good janitors left by %s, want 0", got, leakcheck.Method())
	}
}

func TestShow(t *testing.T) {
	bad, good := showtest.Lines(t, Show)
	if !strings.Contains(bad, " 5 janitors still wait") || !strings.Contains(good, " 0 janitors left") {
		t.Errorf("Show printed %q and %q", bad, good)
	}
}
