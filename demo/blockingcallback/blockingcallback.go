// Package blockingcallback shows the blockingcallback rule at run time: a
// dispatch loop that serves a 1 ms tick, report requests and a stop
// signal. When one callback does slow work inline, every tick waits
// behind it and so does the stop; when the work is offloaded to a
// goroutine that sends its result back, the loop stays responsive.
//
// A small slow-callback detector, in the spirit of asyncio's debug mode,
// times every case body and logs "callback X took N ms" for those over a
// threshold.
package blockingcallback

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// reportTime is how long building a report takes: a slow call, as a
// disk read or a database query would be (a sleep stands in for it).
const reportTime = 30 * time.Millisecond

// SlowThreshold is the detector's threshold: asyncio's default is 100 ms
// (loop.slow_callback_duration); a loop with a 1 ms tick needs a tighter one.
const SlowThreshold = 10 * time.Millisecond

// Detector times callbacks and logs the slow ones.
type Detector struct {
	Threshold time.Duration
	Log       io.Writer

	mu   sync.Mutex
	slow int
}

// Since records a callback named name that started at start.
func (d *Detector) Since(name string, start time.Time) {
	took := time.Since(start)
	if took <= d.Threshold {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.slow++
	fmt.Fprintf(d.Log, "callback %s took %d ms\n", name, took.Milliseconds())
}

// Slow returns how many callbacks were over the threshold.
func (d *Detector) Slow() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.slow
}

// Loop is one run of a dispatch loop and what it measured.
type Loop struct {
	Requests chan int      // report requests: the report's size
	Stop     chan struct{} // closed to stop the loop
	Detector *Detector

	Reports   int           // reports delivered to the loop
	Ticks     int           // ticks served
	WorstTick time.Duration // the longest a tick waited to be served
	stopped   chan struct{}
	work      sync.WaitGroup // Good's offloaded reports
}

// NewLoop returns a loop ready to run, whose detector logs to log.
func NewLoop(log io.Writer) *Loop {
	return &Loop{
		Requests: make(chan int),
		Stop:     make(chan struct{}),
		Detector: &Detector{Threshold: SlowThreshold, Log: log},
		stopped:  make(chan struct{}),
	}
}

// Bad serves ticks, requests and stop, building each report inline.
func Bad(l *Loop) {
	defer close(l.stopped)
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case t := <-tick.C:
			start := time.Now()
			l.tick(start.Sub(t))
			l.Detector.Since("tick", start)
		case n := <-l.Requests:
			start := time.Now()
			l.Reports += badBuildReport(n)
			l.Detector.Since("report", start)
		case <-l.Stop:
			return
		}
	}
}

// badBuildReport builds a report of n lines, slowly.
func badBuildReport(n int) int {
	time.Sleep(reportTime)
	return n
}

// Good serves the same events, but hands each report to a goroutine that
// sends the result back to the loop, or gives up on stop.
func Good(l *Loop) {
	defer close(l.stopped)
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	results := make(chan int)
	for {
		select {
		case t := <-tick.C:
			start := time.Now()
			l.tick(start.Sub(t))
			l.Detector.Since("tick", start)
		case n := <-l.Requests:
			start := time.Now()
			l.work.Add(1)
			go l.goodBuildReport(n, results)
			l.Detector.Since("report", start)
		case r := <-results:
			start := time.Now()
			l.Reports += r
			l.Detector.Since("result", start)
		case <-l.Stop:
			return
		}
	}
}

// goodBuildReport builds a report off the loop and sends it back, unless
// the loop stopped meanwhile.
func (l *Loop) goodBuildReport(n int, results chan<- int) {
	defer l.work.Done()
	time.Sleep(reportTime)
	select {
	case results <- n:
	case <-l.Stop:
	}
}

func (l *Loop) tick(late time.Duration) {
	l.Ticks++
	l.WorstTick = max(l.WorstTick, late)
}

// Result is what one run of a loop measured.
type Result struct {
	WorstTick time.Duration // the longest a tick waited
	Slow      int           // callbacks over the detector's threshold
	StopTook  time.Duration // from close(Stop) to the loop's return
	Ticks     int
	Log       string // the detector's log
}

// Run runs loop for requests report requests, one every gap, then sends
// one more and stops the loop right after it is taken.
func Run(loop func(*Loop), requests int, gap time.Duration) Result {
	var log strings.Builder
	var mu sync.Mutex
	l := NewLoop(writerFunc(func(p []byte) (int, error) {
		mu.Lock()
		defer mu.Unlock()
		return log.Write(p)
	}))
	go loop(l)
	for range requests {
		time.Sleep(gap)
		l.Requests <- 10
	}
	l.Requests <- 10
	start := time.Now()
	close(l.Stop)
	<-l.stopped
	took := time.Since(start)
	l.work.Wait() // Good's last report gives up on stop
	mu.Lock()
	defer mu.Unlock()
	return Result{WorstTick: l.WorstTick, Slow: l.Detector.Slow(), StopTook: took, Ticks: l.Ticks, Log: log.String()}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// Show runs both loops with five report requests 40 ms apart and says
// what the ticks and the stop went through.
func Show(w io.Writer) error {
	const requests, gap = 5, 40 * time.Millisecond
	bad := Run(Bad, requests, gap)
	good := Run(Good, requests, gap)
	first, _, _ := strings.Cut(bad.Log, "\n")
	fmt.Fprintf(w, "bad:  %d slow callbacks (the detector logged %q), worst tick latency %d ms, %d ticks served, stop took %d ms: every tick and the stop waited behind the %d ms report\n",
		bad.Slow, first, bad.WorstTick.Milliseconds(), bad.Ticks, bad.StopTook.Milliseconds(), reportTime.Milliseconds())
	fmt.Fprintf(w, "good: %d slow callbacks, worst tick latency %d ms, %d ticks served, stop took %d ms: the reports ran in goroutines and sent their results back to the loop\n",
		good.Slow, good.WorstTick.Milliseconds(), good.Ticks, good.StopTook.Milliseconds())
	return nil
}
