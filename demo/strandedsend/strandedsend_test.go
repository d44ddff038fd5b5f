package strandedsend

import (
	"context"
	"github.com/asynclint/asynclint/demo/internal/showtest"
	"strings"
	"testing"
)

func TestBadStrandsTheSender(t *testing.T) {
	timeouts, stuck := Run(Bad, "strandedsend.Bad", 5)
	if timeouts != 5 {
		t.Fatalf("%d of 5 calls timed out; the demo needs every call to give up", timeouts)
	}
	if stuck != 5 {
		t.Fatalf("%d goroutines stuck after Bad, want 5", stuck)
	}
}

func TestGoodLeavesNothing(t *testing.T) {
	timeouts, stuck := Run(Good, "strandedsend.Good", 5)
	if timeouts != 5 {
		t.Fatalf("%d of 5 calls timed out; the demo needs every call to give up", timeouts)
	}
	if stuck != 0 {
		t.Fatalf("%d goroutines stuck after Good, want 0", stuck)
	}
}

func TestGoodStillReturnsTheResult(t *testing.T) {
	r, err := Good(context.Background(), func() int { return 7 })
	if err != nil || r != 7 {
		t.Fatalf("Good = %d, %v; want 7, nil", r, err)
	}
}

func TestShow(t *testing.T) {
	bad, good := showtest.Lines(t, Show)
	if !strings.Contains(bad, "10 goroutines are still blocked") || !strings.Contains(good, "0 goroutines left") {
		t.Errorf("Show printed %q and %q", bad, good)
	}
}
