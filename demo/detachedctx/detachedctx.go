// Package detachedctx shows the detachedctx rule at run time: a request
// handler that hands context.Background() to the report it builds keeps
// working for a client that has already hung up.
package detachedctx

import (
	"context"
	"fmt"
	"io"
	"sync/atomic"
	"time"
)

// Pages is how many pages a full report reads; each takes step.
const (
	Pages = 50
	step  = 2 * time.Millisecond
)

// Reports builds reports page by page, and stops when the context it is
// given is done.
type Reports struct {
	read atomic.Int32 // pages read in all
}

// Build reads the report's pages, returning early with ctx's error once
// ctx is done.
func (r *Reports) Build(ctx context.Context) error {
	for range Pages {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(step):
			r.read.Add(1)
		}
	}
	return nil
}

// Bad serves a report request: ctx is the request's context, cancelled
// when the client hangs up. It builds the report under
// context.Background(), so the request's cancellation never reaches it.
func Bad(ctx context.Context, r *Reports) error {
	return r.Build(context.Background())
}

// Good passes the request's context on: when the client hangs up, the
// report stops at the next page.
func Good(ctx context.Context, r *Reports) error {
	return r.Build(ctx)
}

// Outcome is what a handler did for a client that hung up early.
type Outcome struct {
	Err         error
	AfterHangUp int32         // pages read after the client hung up
	Lingered    time.Duration // how long the handler ran after the hang-up
}

// Run calls handle (Bad or Good) for a client that hangs up after
// hangUp, and counts what the handler did after that.
func Run(handle func(context.Context, *Reports) error, hangUp time.Duration) Outcome {
	r := &Reports{}
	ctx, cancel := context.WithCancel(context.Background())
	var atHangUp atomic.Int32
	var hungUp atomic.Int64
	timer := time.AfterFunc(hangUp, func() {
		atHangUp.Store(r.read.Load())
		hungUp.Store(time.Now().UnixNano())
		cancel()
	})
	defer timer.Stop()
	err := handle(ctx, r)
	end := time.Now()
	cancel()
	o := Outcome{Err: err}
	if t := hungUp.Load(); t != 0 {
		o.AfterHangUp = r.read.Load() - atHangUp.Load()
		o.Lingered = end.Sub(time.Unix(0, t))
	}
	return o
}

// Show runs both versions for a client that hangs up after 20ms and says
// what each did after that.
func Show(w io.Writer) error {
	const hangUp = 20 * time.Millisecond
	bad := Run(Bad, hangUp)
	good := Run(Good, hangUp)
	fmt.Fprintf(w, "bad:  the client hung up after %v; the handler read %d more of %d pages and ran %v longer (returned %v)\n",
		hangUp, bad.AfterHangUp, Pages, bad.Lingered.Round(time.Millisecond), bad.Err)
	fmt.Fprintf(w, "good: the client hung up after %v; the handler read %d more pages and returned within %v (%v)\n",
		hangUp, good.AfterHangUp, good.Lingered.Round(time.Microsecond), good.Err)
	return nil
}
