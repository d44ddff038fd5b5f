// Package dep holds limiters and workers that unboundedgo's fixtures call
// from another package: what it knows of them comes from facts.
package dep

import (
	"context"

	"golang.org/x/sync/semaphore"
)

var slots = make(chan struct{}, 4)

// Acquire takes one of the package's slots.
func Acquire() { slots <- struct{}{} } // want Acquire:"acquiresLimiter"

// Release gives the slot back.
func Release() { <-slots }

// FetchLimited takes a slot for as long as it fetches.
func FetchLimited(url string) { // want FetchLimited:"acquiresLimiter"
	Acquire()
	defer Release()
	_ = url
}

// Fetch fetches with no limit of its own.
func Fetch(url string) { _ = url }

// Pool bounds its callers with a weighted semaphore.
type Pool struct {
	w    *semaphore.Weighted
	jobs chan string
}

// Enter waits for room in the pool.
func (p *Pool) Enter(ctx context.Context) error { return p.w.Acquire(ctx, 1) } // want Enter:"acquiresLimiter"

// Leave frees the room Enter took.
func (p *Pool) Leave() { p.w.Release(1) }

// Run is a worker: it drains the pool's queue.
func (p *Pool) Run() { // want Run:"drains\\(recv\\)"
	for j := range p.jobs {
		_ = j
	}
}

// Worker drains the jobs it is handed.
func Worker(id int, jobs <-chan string) { // want Worker:"drains\\(1\\)"
	for j := range jobs {
		_, _ = id, j
	}
}

// Notify sends once: it neither limits nor drains.
func Notify(done chan<- struct{}) { done <- struct{}{} }

// Throttle is badger's y.Throttle: Do takes a slot in a retry loop that
// also watches for errors.
type Throttle struct {
	ch    chan struct{}
	errCh chan error
}

// Do waits for a slot.
func (t *Throttle) Do() error { // want Do:"acquiresLimiter"
	for {
		select {
		case t.ch <- struct{}{}:
			return nil
		case err := <-t.errCh:
			if err != nil {
				return err
			}
		}
	}
}

// Done frees the slot.
func (t *Throttle) Done() {
	select {
	case <-t.ch:
	default:
		panic("Done without Do")
	}
}

// FetchEach bounds its own goroutines: it acquires for them, not for
// its caller.
func FetchEach(urls []string) {
	for _, u := range urls {
		slots <- struct{}{}
		go func() {
			defer Release()
			Fetch(u)
		}()
	}
}
