package uncancellable

import (
	"context"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
	"uncancellable/dep"
)

// ok: the wait is a select on the timer and ctx.Done().
func timerWithDone(ctx context.Context) error {
	t := time.NewTimer(time.Second)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// ok: time.After selected together with Done.
func afterWithDone(ctx context.Context) error {
	select {
	case <-time.After(time.Second):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// ok: the send is in a select with Done.
func (p *Publisher) StartGood(ctx context.Context) error {
	for _, e := range p.pending {
		select {
		case p.out <- e:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// ok: a graceful-stop worker: every wait is in a select with Done.
func worker(ctx context.Context, jobs <-chan int, results chan<- int) error {
	for {
		select {
		case <-ctx.Done():
			return nil
		case j := <-jobs:
			select {
			case results <- j:
			case <-ctx.Done():
				return nil
			}
		}
	}
}

// ok: receiving from ctx.Done() is how cancellation is awaited.
func waitDone(ctx context.Context) error {
	<-ctx.Done()
	return ctx.Err()
}

// ok: helpers that take ctx and return on Done, in another package; the
// rule judges operations, and these calls are interruptible.
func helpers(ctx context.Context, ch <-chan int) (int, error) {
	if err := dep.Wait(ctx, time.Second); err != nil {
		return 0, err
	}
	return dep.Next(ctx, ch)
}

// ok: errgroup children that return ctx.Err() and wait in a select.
func childrenGood(ctx context.Context, in <-chan int) error {
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		for {
			select {
			case <-in:
			case <-gctx.Done():
				return gctx.Err()
			}
		}
	})
	return g.Wait()
}

type daemon struct {
	ctx  context.Context
	tick chan struct{}
}

// ok: a struct-field context is not in scope.
func (d *daemon) run() {
	for {
		d.tick <- struct{}{}
	}
}

// ok: the result channel is buffered for every send the loop makes.
func gather(ctx context.Context, items []int) []int {
	results := make(chan int, len(items))
	for _, it := range items {
		if ctx.Err() != nil {
			break
		}
		results <- it * 2
	}
	close(results)
	var out []int
	for r := range results {
		out = append(out, r)
	}
	return out
}

// ok (by default): one send outside a loop, and a receive; reported with
// -uncancellable.chans.
func handOff(ctx context.Context, in chan<- int, out <-chan int) int {
	if ctx.Err() != nil {
		return 0
	}
	in <- 1
	return <-out
}

// ok (by default): a send in a loop of a function that never looks at
// its ctx: nothing says the loop was meant to stop on cancellation.
func fill(ctx context.Context, out chan<- int, n int) {
	for i := range n {
		out <- i
	}
}

// ok (by default): waiting for goroutines; reported with
// -uncancellable.waits.
func scatter(ctx context.Context, fns []func(context.Context)) {
	var wg sync.WaitGroup
	for _, fn := range fns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(ctx)
		}()
	}
	wg.Wait()
}

// ok (by default): the timer drain after Stop returned false; reported
// with -uncancellable.timerdrain.
func loop(ctx context.Context, t *time.Timer, events <-chan int) {
	for {
		select {
		case <-events:
			if !t.Stop() {
				<-t.C
			}
			t.Reset(time.Second)
		case <-t.C:
			t.Reset(time.Second)
		case <-ctx.Done():
			return
		}
	}
}

type request struct{ reply chan error }

// ok: one reply per request, on the request's own channel (buffered by
// the requester), not one channel that the loop could fill.
func serveRequests(ctx context.Context, reqs <-chan request, pending []chan error) {
	for {
		select {
		case req := <-reqs:
			req.reply <- nil
		case <-ctx.Done():
			for _, ch := range pending {
				ch <- ctx.Err()
			}
			return
		}
	}
}

// coordinator drains results until every worker has stopped, so a
// worker's send on its private channel always completes.
type coordinator struct {
	resultC chan int
	inputC  chan int
}

// ok (by default): the channel is private to the subsystem (unexported,
// handed out by no function); its reader outlives the senders by design.
// Reported with -uncancellable.chans.
func (c *coordinator) work(ctx context.Context) error {
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case in := <-c.inputC:
			c.resultC <- in * 2
		}
	}
}

// ok (by default): a sleep ends by itself, a blocked send never does;
// the census measured the sleeps 0 real of 2. Reported with
// -uncancellable.sleep (package sleep).
func retryWithSleep(ctx context.Context) error {
	for {
		if err := try(ctx); err == nil {
			return nil
		}
		time.Sleep(30 * time.Second)
	}
}

// ok (by default): a timer receive is a sleep; reported with
// -uncancellable.sleep.
func bareTimeAfter(ctx context.Context) error {
	<-time.After(time.Minute)
	return try(ctx)
}
