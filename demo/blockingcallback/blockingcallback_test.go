package blockingcallback

import (
	"strings"
	"testing"
	"time"

	"github.com/asynclint/asynclint/demo/internal/showtest"
)

const requests, gap = 4, 30 * time.Millisecond

func TestBadStallsTicksAndStop(t *testing.T) {
	r := Run(Bad, requests, gap)
	t.Logf("bad: %+v", r)
	if r.Slow < requests+1 {
		t.Errorf("%d slow callbacks, want every one of the %d reports", r.Slow, requests+1)
	}
	if !strings.Contains(r.Log, "callback report took ") {
		t.Errorf("the detector logged %q", r.Log)
	}
	// A tick that arrives during a report waits for it to end.
	if r.WorstTick < reportTime/2 {
		t.Errorf("worst tick latency %v, want most of the %v report", r.WorstTick, reportTime)
	}
	if r.StopTook < reportTime/2 {
		t.Errorf("stop took %v, want most of the %v report it waited behind", r.StopTook, reportTime)
	}
}

func TestGoodStaysResponsive(t *testing.T) {
	r := Run(Good, requests, gap)
	t.Logf("good: %+v", r)
	// On a loaded machine a tick may now and then be descheduled past
	// the threshold; a report is never slow.
	if r.Slow > 1 || strings.Contains(r.Log, "callback report") {
		t.Errorf("%d slow callbacks: %q", r.Slow, r.Log)
	}
	if r.StopTook >= reportTime/2 {
		t.Errorf("stop took %v; want it handled at once", r.StopTook)
	}
}

func TestShow(t *testing.T) {
	bad, good := showtest.Lines(t, Show)
	if !strings.Contains(bad, "callback report took") || !strings.Contains(good, "sent their results back") {
		t.Errorf("Show printed %q and %q", bad, good)
	}
}
