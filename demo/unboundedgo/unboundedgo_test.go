package unboundedgo

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/asynclint/asynclint/demo/internal/leakcheck"
	"github.com/asynclint/asynclint/demo/internal/showtest"
)

// TestBadHoldsEveryFetchAtOnce: with no limit, the goroutines and the
// fetches in flight grow with the input.
func TestBadHoldsEveryFetchAtOnce(t *testing.T) {
	for _, n := range []int{200, 1000} {
		r := MeasureFanOut("no limit", n, 0, time.Second)
		if r.Err != nil || r.Fetched != int64(n) {
			t.Fatalf("n=%d: fetched %d, err %v", n, r.Fetched, r.Err)
		}
		// Starting n goroutines takes far less than one 1s fetch, so
		// nearly all are in flight together, even on a loaded machine
		// (with 100ms fetches, a load average of 20 let a third finish
		// before the last started).
		if r.PeakInFlight < int64(n)*8/10 || r.PeakGoroutines < int64(n)*8/10 {
			t.Errorf("n=%d: peak in flight %d, peak goroutines %d; want about %d", n, r.PeakInFlight, r.PeakGoroutines, n)
		}
	}
}

// TestGoodHoldsTheLimit: with a limit, neither the fetches in flight nor
// (with the semaphore taken before go, or SetLimit) the goroutines exceed
// it, whatever the input size; and a higher limit is faster.
func TestGoodHoldsTheLimit(t *testing.T) {
	const n = 300
	for _, how := range []string{"errgroup.SetLimit", "channel semaphore"} {
		walls := map[int]time.Duration{}
		for _, limit := range []int{1, 10, 100} {
			r := MeasureFanOut(how, n, limit, time.Millisecond)
			if r.Err != nil || r.Fetched != n {
				t.Fatalf("%s %d: fetched %d, err %v", how, limit, r.Fetched, r.Err)
			}
			if r.PeakInFlight > int64(limit) {
				t.Errorf("%s %d: %d fetches in flight at once", how, limit, r.PeakInFlight)
			}
			// On a quiet machine about limit+1: the fetches' goroutines
			// and the next one starting. A goroutine that has released
			// its slot may not have exited yet, and on a loaded machine
			// (go test ./... on 2 cores) such stragglers were seen at 28
			// for a limit of 10; 2*limit+10 allows for them and stays
			// far below the 300 an unbounded fan-out starts.
			if r.PeakGoroutines > 2*int64(limit)+10 {
				t.Errorf("%s %d: %d goroutines at once", how, limit, r.PeakGoroutines)
			}
			walls[limit] = r.Wall
		}
		// limit 1 runs n fetches of 1ms one after the other: at least n ms.
		if walls[1] < n*time.Millisecond {
			t.Errorf("%s 1: %v for %d sequential 1ms fetches", how, walls[1], n)
		}
		if walls[100] >= walls[1] {
			t.Errorf("%s: limit 100 took %v, limit 1 %v; want 100 faster", how, walls[100], walls[1])
		}
	}
}

// TestBadPipelineKeepsWorkingAfterTheError: one goroutine per item, all
// at once, and the error stops nobody.
func TestBadPipelineKeepsWorkingAfterTheError(t *testing.T) {
	p := MeasurePipeline(false, 200, 50, 5*time.Millisecond)
	if !errors.Is(p.Err, errConsumer) {
		t.Fatalf("err = %v, want the consumer's", p.Err)
	}
	if p.PeakRunning.Load() < 100 {
		t.Errorf("peak consumers %d, want about 200", p.PeakRunning.Load())
	}
	if p.LeftRunning == 0 || p.AfterError == 0 {
		t.Errorf("%d consumers running at return, %d items after; want the work to go on", p.LeftRunning, p.AfterError)
	}
}

// TestGoodPipelineBackpressureAndCancel: the queue never exceeds its
// capacity, the producer waits for the consumers, and the first error
// stops every goroutine before GoodPipeline returns.
func TestGoodPipelineBackpressureAndCancel(t *testing.T) {
	before := leakcheck.Stuck("unboundedgo.GoodPipeline")
	p := MeasurePipeline(true, 200, 50, 2*time.Millisecond)
	if !errors.Is(p.Err, errConsumer) {
		t.Fatalf("err = %v, want the consumer's", p.Err)
	}
	if q := p.PeakQueue.Load(); q > QueueCap || q < QueueCap/2 {
		t.Errorf("peak queue %d, want near the capacity %d", q, QueueCap)
	}
	if p.Waited.Load() == 0 || p.Blocked.Load() == 0 {
		t.Errorf("the producer never waited (%d sends, %v): no backpressure", p.Waited.Load(), time.Duration(p.Blocked.Load()))
	}
	if p.PeakRunning.Load() > Consumers {
		t.Errorf("%d consumers at once, want at most %d", p.PeakRunning.Load(), Consumers)
	}
	if p.Produced.Load() >= 200 {
		t.Errorf("the producer produced all %d items: the error did not stop it", p.Produced.Load())
	}
	if p.LeftRunning != 0 || p.AfterError != 0 {
		t.Errorf("%d consumers running at return, %d items after it; want 0 and 0", p.LeftRunning, p.AfterError)
	}
	leakcheck.Settle()
	if left := leakcheck.Stuck("unboundedgo.GoodPipeline") - before; left != 0 {
		t.Errorf("%d goroutines of GoodPipeline left (%s)", left, leakcheck.Method())
	}
}

func TestShow(t *testing.T) {
	if testing.Short() {
		t.Skip("Show runs limit 1 twice over 1000 fetches")
	}
	bad, good := showtest.Lines(t, Show)
	for _, want := range []string{"errgroup.SetLimit", "channel semaphore", "peak queue"} {
		if !strings.Contains(good, want) {
			t.Errorf("good part lacks %q:\n%s", want, good)
		}
	}
	if !strings.Contains(bad, "no limit") {
		t.Errorf("bad line: %s", bad)
	}
	t.Log("\n" + bad + "\n" + good)
}
