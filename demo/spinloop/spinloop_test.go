package spinloop

import (
	"strings"
	"testing"
	"time"

	"github.com/asynclint/asynclint/demo/internal/showtest"
)

func TestBadBurnsCPUAndGoodDoesNot(t *testing.T) {
	const wait = 150 * time.Millisecond
	bad := MeasureBad(wait)
	good := MeasureGood(wait)
	t.Logf("bad:  waited %v, process CPU %v", bad.Wait, bad.CPU)
	t.Logf("good: waited %v, process CPU %v", good.Wait, good.CPU)
	if bad.Wait < wait || good.Wait < wait {
		t.Fatalf("waited %v and %v, less than the %v until the signal", bad.Wait, good.Wait, wait)
	}
	if !bad.HaveCPU {
		t.Skip("no rusage here")
	}
	// rusage counts what the OS gave the process, which a loaded machine
	// shares out: compare the two waits rather than with the wall clock.
	if bad.CPU < 3*good.CPU+2*time.Millisecond {
		t.Errorf("process CPU: bad %v, good %v; want the spinner to cost several times more", bad.CPU, good.CPU)
	}
	if good.CPU > good.Wait/10 {
		t.Errorf("a blocked waiter cost %v of CPU in %v; want almost nothing", good.CPU, good.Wait)
	}
}

func TestShow(t *testing.T) {
	bad, good := showtest.Lines(t, Show)
	if !strings.Contains(bad, "polling an atomic flag") || !strings.Contains(good, "on a channel") {
		t.Errorf("Show printed %q and %q", bad, good)
	}
}
