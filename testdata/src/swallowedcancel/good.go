package swallowedcancel

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"golang.org/x/sync/errgroup"
	"fatal"
	"swallowedcancel/dep"
)

var errStopped = errors.New("stopped")

type Worker struct{ jobs chan int }

// ok: a graceful-stop worker; its only result is an error, and nil means
// "stopped as asked" (reported with -swallowedcancel.strict).
func (w *Worker) Run(ctx context.Context) error {
	for {
		select {
		case <-ctx.Done():
			return nil
		case j := <-w.jobs:
			_ = j
		}
	}
}

// ok: the same contract through an observed error.
func (w *Worker) Serve(ctx context.Context, serve func(context.Context) error) error {
	if err := serve(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	if err := serve(ctx); errors.Is(err, context.Canceled) {
		return nil
	}
	return nil
}

// ok: errgroup children that return the cancellation.
func fanOut(ctx context.Context, ids []int, c *Client) error {
	g, ctx := errgroup.WithContext(ctx)
	for range ids {
		g.Go(func() error {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case v := <-c.items:
				_ = v
				return nil
			}
		})
	}
	return g.Wait()
}

// ok: the Done case returns the cancellation.
func (c *Client) fetchReturnsErr(ctx context.Context) (*Page, error) {
	select {
	case p := <-c.pages:
		return p, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// ok: wrapped with %w, still an error.
func (c *Client) fetchWraps(ctx context.Context) (*Page, error) {
	select {
	case p := <-c.pages:
		return p, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("fetch: %w", context.Cause(ctx))
	}
}

// ok: a sentinel error of its own is still an error.
func (c *Client) fetchSentinel(ctx context.Context) (*Page, error) {
	if ctx.Err() != nil {
		return nil, errStopped
	}
	return <-c.pages, nil
}

// ok: the observed error is returned.
func (c *Client) countReturnsObserved(ctx context.Context) (int, error) {
	n, err := c.count(ctx)
	if errors.Is(err, context.Canceled) {
		return 0, err
	}
	return n, err
}

// ok: negative polarity, the branch runs when the context is alive.
func (c *Client) aliveBranch(ctx context.Context) (int, error) {
	if ctx.Err() == nil {
		return 0, nil
	}
	return 0, ctx.Err()
}

// ok: the branch runs on anything but cancellation.
func (c *Client) notCancelled(ctx context.Context) (int, error) {
	n, err := c.count(ctx)
	if !errors.Is(err, context.Canceled) {
		return n, nil
	}
	return 0, err
}

// ok: a timer selected with Done; the Done case returns.
func ticker(ctx context.Context, tick func()) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			tick()
		}
	}
}

// ok: the loop's condition looks at the context again.
func conditionChecksCtx(ctx context.Context, tick <-chan time.Time) {
	for ctx.Err() == nil {
		select {
		case <-ctx.Done():
		case <-tick:
		}
	}
}

// ok: the rest of the loop body looks at the context again.
func checkedAfterSelect(ctx context.Context, try func() error) error {
	for {
		if try() == nil {
			return nil
		}
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
}

// ok: a helper that takes ctx and returns on Done ends the loop after the select.
func helperAfterSelect(ctx context.Context) error {
	for {
		select {
		case <-ctx.Done():
		default:
		}
		if err := dep.Step(ctx); err != nil {
			return err
		}
	}
}

// ok: the Done case sets the loop's condition.
func flagStops(ctx context.Context, events <-chan int) {
	running := true
	for running {
		select {
		case <-ctx.Done():
			running = false
		case <-events:
		}
	}
}

// ok: labeled break out of the loop, then the cancellation is returned.
func labeledBreak(ctx context.Context, c *Client) ([]int, error) {
	var out []int
loop:
	for {
		select {
		case <-ctx.Done():
			break loop
		case v := <-c.items:
			out = append(out, v)
		}
	}
	return out, ctx.Err()
}

// ok: draining a channel after cancellation lets its producer finish.
func drain(ctx context.Context, in <-chan int, out chan<- int) {
	for v := range in {
		select {
		case out <- v:
		case <-ctx.Done():
		}
	}
}

// ok: the Done case ends the process.
func exits(ctx context.Context, events <-chan int) {
	for {
		select {
		case <-ctx.Done():
			os.Exit(1)
		case <-events:
		}
	}
}

// ok: the Done case calls the project's own fatal helper, which never
// returns (known through noreturn's facts, from another package).
func exitsThroughAHelper(ctx context.Context, events <-chan int) {
	for {
		select {
		case <-ctx.Done():
			fatal.Exitf("cancelled")
		case <-events:
		}
	}
}

// ok: the Done case panics.
func panics(ctx context.Context, events <-chan int) {
	for {
		select {
		case <-ctx.Done():
			panic("cancelled")
		case <-events:
		}
	}
}

// ok: a call in the Done case may stop the loop (it closes quit).
func closesQuit(ctx context.Context, quit chan struct{}, events <-chan int) {
	for {
		select {
		case <-ctx.Done():
			close(quit)
		case <-quit:
			return
		case <-events:
		}
	}
}

// ok: the Done case replaces the context (a reconnect loop).
func replacesCtx(ctx context.Context, renew func() context.Context, events <-chan int) {
	for {
		select {
		case <-ctx.Done():
			ctx = renew()
		case <-events:
		}
	}
}

// ok: a different channel, not a context.
func otherChannel(stop <-chan struct{}) (int, error) {
	select {
	case <-stop:
		return 0, nil
	case <-time.After(time.Second):
		return 1, nil
	}
}

// ok: a helper that takes a ctx and reports Done through its bool; the
// caller returns the error.
func (c *Client) helperBool(ctx context.Context) (*Page, error) {
	if !dep.SleepCtx(ctx, time.Millisecond) {
		return nil, ctx.Err()
	}
	return <-c.pages, nil
}

// ok: cancellation observed in a goroutine; its return is the literal's.
func (c *Client) observedInGoroutine(ctx context.Context) (int, error) {
	go func() {
		<-ctx.Done()
	}()
	return 1, nil
}

// ok: no error result at all.
func (c *Client) noError(ctx context.Context) *Page {
	select {
	case p := <-c.pages:
		return p
	case <-ctx.Done():
		return nil
	}
}

// ok: the error of another operation is tested, not a cancellation.
func (c *Client) otherError(ctx context.Context, target error) (int, error) {
	n, err := c.count(ctx)
	if errors.Is(err, target) {
		return 0, nil
	}
	return n, err
}

// ok: returns a non-nil error computed by a call.
func (c *Client) returnsCall(ctx context.Context) (int, error) {
	select {
	case v := <-c.items:
		return v, nil
	case <-ctx.Done():
		return 0, dep.Wrap(ctx.Err())
	}
}

// ok: each iteration waits on another context: a range over contexts
// (the shape of a test in std's context package).
func waitsForEach(ctxs map[context.Context]bool, stuck <-chan struct{}) {
	for ctx := range ctxs {
		select {
		case <-ctx.Done():
		case <-stuck:
			panic("stuck")
		}
	}
}

// ok: the context is taken anew in each iteration.
func nextCtxEachTime(next func() context.Context, events <-chan int) {
	for {
		ctx := next()
		select {
		case <-ctx.Done():
		case <-events:
		}
	}
}
