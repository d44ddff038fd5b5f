package uncancellable

import (
	"context"
	"net/http"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
	"uncancellable/dep"
)

func try(ctx context.Context) error { return ctx.Err() }

// The context is found as for the sleeps of -uncancellable.sleep (see
// package sleep), here through a wait the default reports.

// The derived context is the one to select on.
func (q *queue) derived(ctx context.Context) error {
	tctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	q.mu.Lock()
	defer q.mu.Unlock()
	q.cond.Wait() // want `q.cond.Wait\(\) cannot be interrupted by tctx's cancellation`
	return try(tctx)
}

// A request handler: the request's context is in scope.
func (q *queue) handler(w http.ResponseWriter, r *http.Request) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.cond.Wait() // want `cannot be interrupted by r.Context\(\)'s cancellation; wake the waiters on r.Context\(\).Done\(\)`
}

type queue struct {
	mu    sync.Mutex
	cond  *sync.Cond
	items []int
}

func (q *queue) pop(ctx context.Context) (int, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 {
		q.cond.Wait() // want `q.cond.Wait\(\) cannot be interrupted by ctx's cancellation; wake the waiters on ctx.Done\(\)`
	}
	v := q.items[0]
	q.items = q.items[1:]
	return v, ctx.Err()
}

// Publisher is the real shape: Start follows ctx between events, but
// sends on its struct-field channel, which can be full.
type Publisher struct {
	out     chan int
	pending []int
}

// Events is where subscribers read; they may stop at any time.
func (p *Publisher) Events() <-chan int { return p.out }

func (p *Publisher) Start(ctx context.Context) error {
	for _, e := range p.pending {
		if err := ctx.Err(); err != nil {
			return err
		}
		p.out <- e // want `send on p.out cannot be interrupted by ctx's cancellation; it blocks for good once the receiver stops; select on ctx.Done\(\) too`
	}
	return nil
}

// A pipeline stage checks for cancellation without blocking, then sends
// with a bare send: the hole is the send itself.
func stage(ctx context.Context, in <-chan int, out chan<- int) {
	for v := range in {
		select {
		case <-ctx.Done():
			return
		default:
		}
		out <- v * 2 // want `send on out cannot be interrupted by ctx's`
	}
}

// A lister goroutine follows ctx for its requests and stops on Done
// while waiting for input, but its send can block for good.
func list(ctx context.Context, updates <-chan string) <-chan string {
	keys := make(chan string)
	go func() {
		defer close(keys)
		for {
			select {
			case k, ok := <-updates:
				if !ok {
					return
				}
				keys <- k // want `send on keys cannot be interrupted by ctx's`
			case <-ctx.Done():
				return
			}
		}
	}()
	return keys
}

// A generator goroutine passes ctx to each page request, but sends with a
// bare send on an unbuffered channel nobody may read any more.
func pages(ctx context.Context, fetch func(context.Context, int) ([]string, error)) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		for page := 0; ; page++ {
			names, err := fetch(ctx, page)
			if err != nil || len(names) == 0 {
				return
			}
			for _, n := range names {
				out <- n // want `send on out cannot be interrupted by ctx's`
			}
		}
	}()
	return out
}

// The channel is a field of a type from another package.
func forward(ctx context.Context, f *dep.Feed, in <-chan int) error {
	for v := range in {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		f.C <- v // want `send on f.C cannot be interrupted by ctx's`
	}
	return nil
}

// An errgroup child runs while the function waits: gctx is in scope.
func (q *queue) children(ctx context.Context, n int) error {
	g, gctx := errgroup.WithContext(ctx)
	for range n {
		g.Go(func() error {
			q.mu.Lock()
			defer q.mu.Unlock()
			q.cond.Wait() // want `q.cond.Wait\(\) cannot be interrupted by gctx's`
			return gctx.Err()
		})
	}
	return g.Wait()
}
