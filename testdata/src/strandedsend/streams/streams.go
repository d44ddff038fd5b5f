// Package streams holds the shapes -strandedsend.streams adds: channels
// whose senders send more than once, or whose goroutines are counted at
// run time, abandoned by a receiver that stops early.
package streams

import (
	"context"
	"errors"
	"time"

	"strandedsend/dep"
)

func compute() int { return 1 }
func check() error { return nil }

// Breaking out of a range strands the producer's next send.
func breakOutOfRange(items []int) int {
	ch := make(chan int)
	go func() {
		for _, it := range items {
			ch <- it // want `send on ch may block forever: the receiver can break out of its loop over ch first; select on ctx.Done\(\) \(or a done channel\) in the sender, or receive from ch on every path`
		}
		close(ch)
	}()
	sum := 0
	for v := range ch {
		if v < 0 {
			break
		}
		sum += v
	}
	return sum
}

// The first error returns; the other goroutines stay blocked.
func returnOnFirstError(items []string) error {
	errc := make(chan error)
	for range items {
		go func() { errc <- check() }() // want `the receiver can return from its loop over errc before receiving every value; select on ctx.Done\(\)`
	}
	for range items {
		if err := <-errc; err != nil {
			return err
		}
	}
	return nil
}

// A producer that sends many values loses its reader to ctx.
func streamAbandoned(ctx context.Context) int {
	ch := make(chan int, 4)
	go dep.Stream(ch, 100) // want `send on ch in Stream may block forever: the receiver can leave on ctx.Done\(\) first; select on ctx.Done\(\)`
	total := 0
	for {
		select {
		case v, ok := <-ch:
			if !ok {
				return total
			}
			total += v
		case <-ctx.Done():
			return total
		}
	}
}

// A deferred send on the panic path plus the normal send: after the
// timeout, the goroutine blocks on whichever it reaches.
func deferredSendOnPanic() error {
	channel := make(chan error)
	go func() {
		var returned bool
		defer func() {
			if !returned {
				channel <- errors.New("panic") // want `send on channel may block forever: the receiver can leave on time.After\(time.Second\) first; select on ctx.Done\(\)`
			}
		}()
		channel <- check() // want `send on channel may block forever: the receiver can leave on time.After\(time.Second\) first`
		returned = true
	}()
	select {
	case err := <-channel:
		return err
	case <-time.After(time.Second):
		return errors.New("timeout")
	}
}

// A buffered relay whose reader leaves on a close channel: once the
// buffer is full the producer blocks for good.
func relay(in []int, closing <-chan struct{}) {
	out := make(chan int, 10)
	go func() {
		for _, p := range in {
			out <- p // want `send on out may block forever: the receiver can leave on closing first`
		}
	}()
	for {
		select {
		case p := <-out:
			_ = p
		case <-closing:
			return
		}
	}
}

// Both senders are reported once the channel counts as a stream.
func oneShotBesideStream(ctx context.Context, items []int) int {
	ch := make(chan int)
	go func() { ch <- compute() }() // want `send on ch may block forever: the receiver can leave on ctx.Done\(\) first`
	go func() {
		for _, it := range items {
			ch <- it // want `send on ch may block forever`
		}
	}()
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

// The default shape is still reported with the flag.
func oneValue(ctx context.Context) (int, error) {
	results := make(chan int)
	go func() {
		results <- compute() // want `make results buffered \(cap 1\)`
	}()
	select {
	case r := <-results:
		return r, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

// ok: the producer gives up with its reader, so nothing is stranded even
// with the flag.
func guardedStream(ctx context.Context, items []int) int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for _, it := range items {
			select {
			case ch <- it:
			case <-ctx.Done():
				return
			}
		}
	}()
	sum := 0
	for {
		select {
		case v, ok := <-ch:
			if !ok {
				return sum
			}
			sum += v
		case <-ctx.Done():
			return sum
		}
	}
}
