// Package unboundedgo shows the unboundedgo rule at run time with the
// chapter's two exercises, measured.
//
// Fan-out: a thousand simulated fetches, started with one goroutine each
// and no limit (Bad), then with a limit of 1, 10 and 100, set with
// errgroup.SetLimit (GoodSetLimit) and with a channel semaphore
// (GoodSemaphore). Each run reports its wall time, the peak number of
// goroutines it added and the peak number of fetches in flight.
//
// Backpressure: a producer feeds items to consumers. BadPipeline starts a
// goroutine per item and returns at the first error, leaving the rest
// running; GoodPipeline feeds a bounded queue that a fixed errgroup of
// consumers drains: the producer waits when they fall behind, and a
// consumer's error cancels the producer and the other consumers.
package unboundedgo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/asynclint/asynclint/demo/internal/leakcheck"
)

// Fetcher simulates a remote call that takes a fixed time, and records
// how many calls are in flight and how many goroutines are live when
// each starts.
type Fetcher struct {
	Delay time.Duration

	base           int // goroutines live before the run
	inFlight       atomic.Int64
	peakInFlight   atomic.Int64
	peakGoroutines atomic.Int64
	done           atomic.Int64
}

// NewFetcher returns a fetcher whose calls take delay, counting
// goroutines above those live now.
func NewFetcher(delay time.Duration) *Fetcher {
	return &Fetcher{Delay: delay, base: runtime.NumGoroutine()}
}

// Fetch is one call: it takes f.Delay, or returns early if ctx ends.
func (f *Fetcher) Fetch(ctx context.Context, item int) error {
	storeMax(&f.peakInFlight, f.inFlight.Add(1))
	storeMax(&f.peakGoroutines, int64(runtime.NumGoroutine()-f.base))
	defer f.inFlight.Add(-1)
	t := time.NewTimer(f.Delay)
	defer t.Stop()
	select {
	case <-t.C:
		f.done.Add(1)
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func storeMax(v *atomic.Int64, n int64) {
	for {
		old := v.Load()
		if n <= old || v.CompareAndSwap(old, n) {
			return
		}
	}
}

// Bad fetches every item in a goroutine of its own: an errgroup with no
// limit, so all of them run at once.
func Bad(ctx context.Context, items []int, f *Fetcher) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, it := range items {
		g.Go(func() error { return f.Fetch(ctx, it) })
	}
	return g.Wait()
}

// GoodSetLimit is Bad with a limit on the group: g.Go blocks while limit
// goroutines are running.
func GoodSetLimit(ctx context.Context, items []int, limit int, f *Fetcher) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(limit)
	for _, it := range items {
		g.Go(func() error { return f.Fetch(ctx, it) })
	}
	return g.Wait()
}

// GoodSemaphore bounds the fan-out with a buffered channel: the loop
// takes a slot before it starts a goroutine, the goroutine gives it back
// when it ends.
func GoodSemaphore(ctx context.Context, items []int, limit int, f *Fetcher) error {
	sem := make(chan struct{}, limit)
	errs := make(chan error, len(items))
	for _, it := range items {
		sem <- struct{}{} // waits while limit fetches are running
		go func() {
			defer func() { <-sem }()
			errs <- f.Fetch(ctx, it)
		}()
	}
	var first error
	for range items {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	return first
}

// FanOut is one measured run of the fan-out.
type FanOut struct {
	How            string
	Limit          int // 0: none
	Wall           time.Duration
	PeakGoroutines int64 // goroutines added by the run, at its peak
	PeakInFlight   int64 // fetches running at once, at the peak
	Fetched        int64
	Err            error
}

// Items returns n items to fetch.
func Items(n int) []int {
	items := make([]int, n)
	for i := range items {
		items[i] = i
	}
	return items
}

// MeasureFanOut runs one version over n items, each fetch taking delay.
// limit is passed to the limited versions and ignored by Bad.
func MeasureFanOut(how string, n, limit int, delay time.Duration) FanOut {
	items := Items(n)
	f := NewFetcher(delay)
	start := time.Now()
	var err error
	switch how {
	case "no limit":
		err = Bad(context.Background(), items, f)
		limit = 0
	case "errgroup.SetLimit":
		err = GoodSetLimit(context.Background(), items, limit, f)
	case "channel semaphore":
		err = GoodSemaphore(context.Background(), items, limit, f)
	default:
		panic("unknown fan-out " + how)
	}
	return FanOut{
		How: how, Limit: limit, Wall: time.Since(start),
		PeakGoroutines: f.peakGoroutines.Load(), PeakInFlight: f.peakInFlight.Load(),
		Fetched: f.done.Load(), Err: err,
	}
}

// errConsumer is the failure a consumer hits on one item.
var errConsumer = errors.New("consumer: malformed item")

// Pipeline counts what happened in one run of a producer and consumers.
type Pipeline struct {
	Items       int           // items the producer had
	Produced    atomic.Int64  // items handed to consumers
	Processed   atomic.Int64  // items consumers finished
	Running     atomic.Int64  // consumers running now
	PeakRunning atomic.Int64  // consumers running at once, at the peak
	PeakQueue   atomic.Int64  // longest the queue got
	Waited      atomic.Int64  // sends that found the queue full and had to wait
	Blocked     atomic.Int64  // nanoseconds the producer spent waiting on a full queue
	FailAt      int64         // the item whose processing fails
	Work        time.Duration // what one item costs a consumer
	Err         error
	AfterError  int64 // items processed after the failure
	LeftRunning int64 // consumers still running when the pipeline returned
}

// consume processes one item; it fails on p.FailAt.
func (p *Pipeline) consume(ctx context.Context, item int) error {
	storeMax(&p.PeakRunning, p.Running.Add(1))
	defer p.Running.Add(-1)
	if int64(item) == p.FailAt {
		return fmt.Errorf("item %d: %w", item, errConsumer)
	}
	t := time.NewTimer(p.Work)
	defer t.Stop()
	select {
	case <-t.C:
		p.Processed.Add(1)
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// BadPipeline starts a goroutine for every item it receives from the
// producer and returns at the first error: nothing bounds the consumers,
// and nothing stops the others once one has failed.
func BadPipeline(ctx context.Context, p *Pipeline, items <-chan int) error {
	errs := make(chan error, p.Items)
	started := 0
	for it := range items {
		p.Produced.Add(1)
		started++
		go func() {
			errs <- p.consume(ctx, it)
		}()
	}
	for range started {
		if err := <-errs; err != nil {
			return err
		}
	}
	return nil
}

// produce hands out the pipeline's items as fast as they are taken.
func (p *Pipeline) produce() <-chan int {
	items := make(chan int)
	go func() {
		defer close(items)
		for i := range p.Items {
			items <- i
		}
	}()
	return items
}

// GoodPipeline feeds a queue of queueCap items that consumers goroutines
// drain; the producer blocks while the queue is full, and the first
// error cancels ctx, which stops the producer and every consumer.
func GoodPipeline(ctx context.Context, p *Pipeline, consumers, queueCap int) error {
	g, ctx := errgroup.WithContext(ctx)
	queue := make(chan int, queueCap)
	g.Go(func() error {
		defer close(queue)
		for i := range p.Items {
			start := time.Now()
			select {
			case queue <- i:
			default: // full: the consumers are behind, wait for room
				p.Waited.Add(1)
				select {
				case queue <- i:
				case <-ctx.Done():
					return ctx.Err()
				}
				p.Blocked.Add(int64(time.Since(start)))
			}
			p.Produced.Add(1)
			storeMax(&p.PeakQueue, int64(len(queue)))
		}
		return nil
	})
	for range consumers {
		g.Go(func() error {
			for item := range queue {
				if err := p.consume(ctx, item); err != nil {
					return err
				}
			}
			return nil
		})
	}
	return g.Wait()
}

// MeasurePipeline runs one pipeline over items, failing at failAt, and
// counts what kept running after the failure.
func MeasurePipeline(good bool, items int, failAt int64, work time.Duration) *Pipeline {
	p := &Pipeline{Items: items, FailAt: failAt, Work: work}
	if good {
		p.Err = GoodPipeline(context.Background(), p, Consumers, QueueCap)
	} else {
		p.Err = BadPipeline(context.Background(), p, p.produce())
	}
	p.LeftRunning = p.Running.Load()
	atFailure := p.Processed.Load()
	// Let stragglers finish, then count the work done after the error.
	deadline := time.Now().Add(5 * time.Second)
	for p.Running.Load() > 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	p.AfterError = p.Processed.Load() - atFailure
	return p
}

// The demo's sizes.
const (
	Fetches    = 1000
	FetchDelay = time.Millisecond

	PipelineItems = 400
	FailAt        = 100
	ItemWork      = 2 * time.Millisecond
	Consumers     = 4
	QueueCap      = 8
)

// Limits are the limits the good fan-outs run with.
var Limits = []int{1, 10, 100}

// Show runs the exercises and prints what each run held at once.
func Show(w io.Writer) error {
	bad := MeasureFanOut("no limit", Fetches, 0, FetchDelay)
	badPipe := MeasurePipeline(false, PipelineItems, FailAt, ItemWork)
	fmt.Fprintf(w, "bad:  %d fetches of %v with no limit: %v wall, %d goroutines and %d fetches in flight at the peak;"+
		" a pipeline of %d items ran %d consumers at once and returned on %q with %d still running, which finished %d more items\n",
		Fetches, FetchDelay, bad.Wall.Round(time.Millisecond), bad.PeakGoroutines, bad.PeakInFlight,
		PipelineItems, badPipe.PeakRunning.Load(), badPipe.Err, badPipe.LeftRunning, badPipe.AfterError)

	fmt.Fprintf(w, "good: the same %d fetches with a limit, and the pipeline with a queue of %d and %d consumers:\n", Fetches, QueueCap, Consumers)
	fmt.Fprintf(w, "      %-18s %5s %9s %16s %15s\n", "how", "limit", "wall", "peak goroutines", "peak in flight")
	for _, how := range []string{"errgroup.SetLimit", "channel semaphore"} {
		for _, limit := range Limits {
			r := MeasureFanOut(how, Fetches, limit, FetchDelay)
			if r.Err != nil {
				return r.Err
			}
			fmt.Fprintf(w, "      %-18s %5d %9v %16d %15d\n", how, limit, r.Wall.Round(time.Millisecond), r.PeakGoroutines, r.PeakInFlight)
		}
	}
	leakBefore := leakcheck.Stuck("unboundedgo.GoodPipeline")
	good := MeasurePipeline(true, PipelineItems, FailAt, ItemWork)
	leakcheck.Settle()
	left := leakcheck.Stuck("unboundedgo.GoodPipeline") - leakBefore
	fmt.Fprintf(w, "      pipeline: peak queue %d of %d; the producer waited on %d of %d sends (%v blocked);"+
		" returned on %q with %d consumers running, %d items processed after the error, %d goroutines stuck (%s)\n",
		good.PeakQueue.Load(), QueueCap, good.Waited.Load(), good.Produced.Load(), time.Duration(good.Blocked.Load()).Round(time.Millisecond),
		good.Err, good.LeftRunning, good.AfterError, left, leakcheck.Method())
	return nil
}
