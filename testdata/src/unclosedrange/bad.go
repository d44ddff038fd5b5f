package unclosedrange

import (
	"context"
	"errors"
	"sync"

	"golang.org/x/sync/errgroup"
	"unclosedrange/dep"
)

func fetch(u string) string { return u }
func check(s string) error  { return nil }

// Many producers, a WaitGroup, and nobody to close.
func waitGroupWithoutCloser(urls []string) []string {
	pages := make(chan string)
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			pages <- fetch(u)
		}()
	}
	var out []string
	for p := range pages { // want `range over pages never ends: nothing closes pages; close it after the last send`
		out = append(out, p)
	}
	return out
}

// A single producer that forgets to close.
func producerForgetsClose(items []string) int {
	ch := make(chan string)
	go func() {
		for _, it := range items {
			ch <- it
		}
	}()
	n := 0
	for range ch { // want `range over ch never ends: nothing closes ch`
		n++
	}
	return n
}

// The close is skipped by an early return.
func earlyReturnSkipsClose(items []string) int {
	ch := make(chan string)
	go func() {
		for _, it := range items {
			if err := check(it); err != nil {
				return
			}
			ch <- it
		}
		close(ch)
	}()
	n := 0
	for range ch { // want `range over ch may never end: the goroutine that closes ch can return without closing it; close it with defer close\(ch\)`
		n++
	}
	return n
}

// A cancelled producer leaves without closing.
func cancelledProducer(ctx context.Context) int {
	ch := make(chan int)
	go func() {
		for i := 0; i < 10; i++ {
			select {
			case ch <- i:
			case <-ctx.Done():
				return
			}
		}
		close(ch)
	}()
	sum := 0
	for v := range ch { // want `range over ch may never end`
		sum += v
	}
	return sum
}

func produce(out chan<- int) {
	out <- 1
	out <- 2
}

// A named producer, known through facts, does not close.
func namedProducer() int {
	ch := make(chan int)
	go produce(ch)
	sum := 0
	for v := range ch { // want `range over ch never ends: nothing closes ch`
		sum += v
	}
	return sum
}

// The same across packages.
func importedProducer() int {
	ch := make(chan int)
	go dep.Fill(ch, 3)
	sum := 0
	for v := range ch { // want `range over ch never ends: nothing closes ch`
		sum += v
	}
	return sum
}

// An imported producer that closes only when it is not cancelled.
func importedMayNotClose(ctx context.Context) int {
	ch := make(chan int)
	go dep.Watch(ctx, ch)
	sum := 0
	for v := range ch { // want `range over ch may never end: the goroutine that closes ch can return without closing it`
		sum += v
	}
	return sum
}

// The function produces for a consumer goroutine and never closes.
func functionProducesNoClose(items []string) {
	ch := make(chan string)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for it := range ch { // want `range over ch never ends: nothing closes ch`
			_ = it
		}
	}()
	for _, it := range items {
		ch <- it
	}
	<-done
}

// The function closes at the end but returns on an error first.
func functionReturnsBeforeClose(items []string) error {
	ch := make(chan string)
	go func() {
		for it := range ch { // want `range over ch may never end: functionReturnsBeforeClose can return without closing ch`
			_ = it
		}
	}()
	for _, it := range items {
		if err := check(it); err != nil {
			return err
		}
		ch <- it
	}
	close(ch)
	return nil
}

// A deferred close runs only when the function returns, after the range.
func deferredCloseInConsumer(items []string) int {
	ch := make(chan string)
	defer close(ch)
	go func() {
		for _, it := range items {
			ch <- it
		}
	}()
	n := 0
	for range ch { // want `range over ch never ends: ch is closed only after the range`
		n++
	}
	return n
}

// errgroup goroutines are producers too.
func errgroupProducers(ctx context.Context, urls []string) ([]string, error) {
	g, ctx := errgroup.WithContext(ctx)
	pages := make(chan string)
	for _, u := range urls {
		g.Go(func() error {
			select {
			case pages <- fetch(u):
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}
	var out []string
	for p := range pages { // want `range over pages never ends`
		out = append(out, p)
	}
	return out, g.Wait()
}

// sync.WaitGroup.Go starts producers as well.
func waitGroupGo(urls []string) int {
	var wg sync.WaitGroup
	pages := make(chan string)
	for _, u := range urls {
		wg.Go(func() { pages <- fetch(u) })
	}
	n := 0
	for range pages { // want `range over pages never ends`
		n++
	}
	wg.Wait()
	return n
}

var errStop = errors.New("stop")
