package paths

import (
	"context"
	"sync"
)

// Adds inside a function literal called in place, whose error the caller
// checks at once.

type controller struct {
	mu      sync.Mutex
	workers int
}

func (c *controller) startSources(ctx context.Context) error { return ctx.Err() }
func (c *controller) process(ctx context.Context) bool      { return false }

// ok: controller-runtime's Controller.Start: the literal's only error
// return comes before the Add, and it returns nil after starting the
// workers, so the if err != nil return never leaves a worker behind.
func (c *controller) start(ctx context.Context) error {
	c.mu.Lock()
	wg := &sync.WaitGroup{}
	err := func() error {
		defer c.mu.Unlock()
		if err := c.startSources(ctx); err != nil {
			return err
		}
		wg.Add(c.workers)
		for i := 0; i < c.workers; i++ {
			go func() {
				defer wg.Done()
				for c.process(ctx) {
				}
			}()
		}
		return nil
	}()
	if err != nil {
		return err
	}
	<-ctx.Done()
	wg.Wait()
	return nil
}

// ok: the same checked in the if statement's init, with == nil.
func (c *controller) startInit(ctx context.Context) error {
	var wg sync.WaitGroup
	if err := func() error {
		if err := c.startSources(ctx); err != nil {
			return err
		}
		wg.Add(1)
		go func() { defer wg.Done(); c.process(ctx) }()
		return nil
	}(); err == nil {
		wg.Wait()
		return nil
	} else {
		return err
	}
}

// The nearest: the literal returns an error after the Add, so the
// if err != nil return leaves the workers running.
func (c *controller) errorAfterAdd(ctx context.Context) error {
	wg := &sync.WaitGroup{}
	err := func() error {
		wg.Add(1) // want `goroutines added to wg are not awaited on every path`
		go func() { defer wg.Done(); c.process(ctx) }()
		return c.startSources(ctx)
	}()
	if err != nil {
		return err
	}
	wg.Wait()
	return nil
}

// A return between the call and the check is not followed: the Add
// stays at the call, and the early return skips the Wait.
func (c *controller) returnBeforeCheck(ctx context.Context, stop bool) error {
	wg := &sync.WaitGroup{}
	err := func() error {
		wg.Add(1) // want `goroutines added to wg are not awaited on every path`
		go func() { defer wg.Done(); c.process(ctx) }()
		return nil
	}()
	if stop {
		return nil
	}
	if err != nil {
		return err
	}
	wg.Wait()
	return nil
}
