package immortalgo

import (
	"github.com/asynclint/asynclint/demo/internal/showtest"
	"strings"
	"testing"

	"github.com/asynclint/asynclint/demo/internal/leakcheck"
)

func TestBadLeaksWorkersOnEveryRestart(t *testing.T) {
	const restarts, workers = 3, 4
	before := leakcheck.Stuck("immortalgo.(*BadPool).badWork")
	if ran := Restart(StartBad, restarts, workers, 10); ran != restarts*10 {
		t.Fatalf("ran %d jobs, want %d", ran, restarts*10)
	}
	leakcheck.Settle()
	if got := leakcheck.Stuck("immortalgo.(*BadPool).badWork") - before; got != restarts*workers {
		t.Fatalf("%d bad workers left by %s, want %d: the demo expects every worker to outlive its pool",
			got, leakcheck.Method(), restarts*workers)
	}
}

func TestGoodLeavesNoWorker(t *testing.T) {
	const restarts, workers = 3, 4
	if ran := Restart(StartGood, restarts, workers, 10); ran != restarts*10 {
		t.Fatalf("ran %d jobs, want %d", ran, restarts*10)
	}
	leakcheck.Settle()
	if got := leakcheck.Stuck("immortalgo.(*GoodPool).goodWork"); got != 0 {
		t.Fatalf("%d good workers left by %s, want 0", got, leakcheck.Method())
	}
}

func TestShow(t *testing.T) {
	bad, good := showtest.Lines(t, Show)
	if !strings.Contains(bad, "20 workers are still waiting") || !strings.Contains(good, " 0 workers left") {
		t.Errorf("Show printed %q and %q", bad, good)
	}
}
