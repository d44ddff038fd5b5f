package unwaited

import (
	"context"
	"errors"
	"sync"

	"golang.org/x/sync/errgroup"
)

func work(int)               {}
func fetch(string) error     { return nil }
func validate(x []int) error { return errors.New("bad") }

// Nobody ever waits.
func neverWaited(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1) // want `goroutines added to wg are never awaited; call wg.Wait\(\) before returning`
		go func() { defer wg.Done(); work(it) }()
	}
}

// The error of the group is dropped.
func discardedWait(urls []string) {
	var g errgroup.Group
	for _, u := range urls {
		g.Go(func() error { return fetch(u) })
	}
	g.Wait() // want `error from g.Wait\(\) is discarded; return or check it, or write _ = g.Wait\(\) if ignoring it is intended`
}

// A deferred Wait drops the error too.
func discardedDeferredWait(ctx context.Context) {
	g, _ := errgroup.WithContext(ctx)
	defer g.Wait() // want `error from g.Wait\(\) is discarded`
	g.Go(func() error { return fetch("a") })
}

type pool struct{ g errgroup.Group }

// A group in a field is not local, but its dropped error is still lost.
func (p *pool) stop() {
	p.g.Wait() // want `error from p.g.Wait\(\) is discarded`
}

// First result wins and the other goroutine is left running. The
// goroutine body is a local func value; its Done shows that the group
// counts goroutines.
func goroutineFromFuncValue() error {
	c := make(chan error, 2)
	var wg sync.WaitGroup
	f := func(url string) {
		defer wg.Done()
		c <- fetch(url)
	}
	wg.Add(2) // want `goroutines added to wg are never awaited`
	go f("primary")
	go f("mirror")
	return <-c
}

// A closer goroutine waits, but nobody ever sees the group's error.
func closerDropsError(ctx context.Context, urls []string) []error {
	g, ctx := errgroup.WithContext(ctx)
	errs := make(chan error, len(urls))
	for _, u := range urls {
		g.Go(func() error { err := fetch(u); errs <- err; return err })
	}
	go func() {
		g.Wait() // want `error from g.Wait\(\) is discarded`
		close(errs)
	}()
	var out []error
	for err := range errs {
		out = append(out, err)
	}
	_ = ctx
	return out
}

// An errgroup nobody waits for: its goroutines and their errors are lost.
func errgroupNeverWaited(urls []string) {
	var g errgroup.Group
	for _, u := range urls {
		g.Go(func() error { return fetch(u) }) // want `goroutines added to g are never awaited; call g.Wait\(\) before returning`
	}
}

// sync.WaitGroup.Go, never waited, left by both returns.
func waitGroupGoNeverWaited(ctx context.Context, ch <-chan int) error {
	var wg sync.WaitGroup
	wg.Go(func() { work(1) }) // want `goroutines added to wg are never awaited`
	select {
	case <-ctx.Done():
		return ctx.Err()
	case v := <-ch:
		work(v)
	}
	return nil
}

// The nearest to a start barrier: the Done comes after the work, so the
// group counts running work and nobody waits for it.
func doneLastNeverWaited(items []int) {
	var wg sync.WaitGroup
	wg.Add(1) // want `goroutines added to wg are never awaited`
	go func() {
		work(len(items))
		wg.Done()
	}()
}
