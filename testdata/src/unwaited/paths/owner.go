package paths

import (
	"context"
	"errors"
	"sync"
)

// Goroutines also counted by a long-lived field group that Close waits for.

type finder struct {
	refCount sync.WaitGroup
	other    sync.WaitGroup
	peers    chan string
}

func (f *finder) handle(string) {}

// ok: each goroutine also marks f.refCount done, and Close waits on it;
// the local wg only separates rounds of candidates.
func (f *finder) findCandidates(ctx context.Context) {
	var wg sync.WaitGroup
	for {
		select {
		case p, ok := <-f.peers:
			if !ok {
				wg.Wait()
				return
			}
			f.refCount.Add(1)
			wg.Add(1)
			go func() {
				defer f.refCount.Done()
				defer wg.Done()
				f.handle(p)
			}()
		case <-ctx.Done():
			return
		}
	}
}

func (f *finder) Close() error {
	f.refCount.Wait()
	return nil
}

// The field group f.other is never waited on: nothing joins the goroutine
// on the ctx.Done() path.
func (f *finder) findUnowned(ctx context.Context) {
	var wg sync.WaitGroup
	for {
		select {
		case p, ok := <-f.peers:
			if !ok {
				wg.Wait()
				return
			}
			f.other.Add(1)
			wg.Add(1) // want `goroutines added to wg are not awaited on every path`
			go func() {
				defer f.other.Done()
				defer wg.Done()
				f.handle(p)
			}()
		case <-ctx.Done():
			return
		}
	}
}

// A WaitGroup as a completion latch: released by a callback once every
// message arrived, not a count of goroutines this function started.

type subscriber struct{}

func (subscriber) Subscribe(subject string, cb func(msg string)) error { return nil }
func (subscriber) Flush() error                                        { return nil }

// ok: wg waits for an event; on the error returns nothing was published
// and no goroutine of ours runs.
func latency(s subscriber, n int) error {
	var wg sync.WaitGroup
	wg.Add(1)
	received := 0
	if err := s.Subscribe("x", func(string) {
		received++
		if received >= n {
			wg.Done()
		}
	}); err != nil {
		return err
	}
	if err := s.Flush(); err != nil {
		return errors.New("flush")
	}
	wg.Wait()
	return nil
}

// A goroutine counted by wg: the early return leaves it running.
func copyFrom(read func() error, next func() error) error {
	var wg sync.WaitGroup
	wg.Add(1) // want `goroutines added to wg are not awaited on every path`
	go func() {
		defer wg.Done()
		for read() == nil {
		}
	}()
	if err := next(); err != nil {
		return err
	}
	wg.Wait()
	return nil
}

// A callback that marks done unconditionally is a task, not a latch: a
// pool runs it, and the early return leaves it running.
func submitAll(submit func(func()), next func() error) error {
	var wg sync.WaitGroup
	wg.Add(1) // want `goroutines added to wg are not awaited on every path`
	submit(func() {
		defer wg.Done()
		work(1)
	})
	if err := next(); err != nil {
		return err
	}
	wg.Wait()
	return nil
}
