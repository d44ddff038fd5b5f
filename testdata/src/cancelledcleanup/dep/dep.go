// Package dep holds callees of another package for cancelledcleanup's
// fixtures: some respect their context's cancellation, some only read it.
package dep

import (
	"context"
	"time"
)

type Lease struct{ ID int }

// Release gives the lease back; it gives up when ctx is done.
func Release(ctx context.Context, l Lease) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-time.After(time.Millisecond):
		return nil
	}
}

// ReleaseVia passes its context on to Release.
func ReleaseVia(ctx context.Context, l Lease) error {
	return Release(ctx, l)
}

// Guarded tests ctx.Err() before doing anything.
func Guarded(ctx context.Context) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return nil
}

// Notify only reads a value from ctx; it works on a cancelled one.
func Notify(ctx context.Context, msg string) error {
	_ = ctx.Value("trace")
	return nil
}

// CtxErr turns the context's state into an error; it does not fail
// because of it.
func CtxErr(ctx context.Context) error { return context.Cause(ctx) }

type Client struct{ ctx context.Context }

// Ctx is the client's own long-lived context.
func (c *Client) Ctx() context.Context { return c.ctx }

type Mutex struct{}

// Unlock releases the mutex; it gives up when ctx is done.
func (m *Mutex) Unlock(ctx context.Context) error { return Guarded(ctx) }
